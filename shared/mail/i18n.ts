/**
 * Words and formats the mail templates share: human names for request types, objections, fields
 * and statuses in both languages, Helsinki calendar dates, and HTML escaping. Pure: no I/O.
 */
import type { Language, Objection, RectifiableField, RequestStatus, RequestType } from '../domain/types';

export interface Localised { fi: string; en: string }

/** Human names of the request types, usable as a label ("Pyyntö: Tietojen tarkastus"). */
export const requestTypeName: Readonly<Record<RequestType, Localised>> = {
  access: { fi: 'Tietojen tarkastus', en: 'Access to personal data' },
  portability: { fi: 'Tietojen siirto', en: 'Data portability' },
  rectification: { fi: 'Tietojen korjaaminen', en: 'Rectification of data' },
  erasure: { fi: 'Tietojen poistaminen', en: 'Erasure of data' },
  restriction: { fi: 'Käsittelyn rajoittaminen', en: 'Restriction of processing' },
  objection: { fi: 'Käsittelyn vastustaminen', en: 'Objection to processing' },
};

/** What each objection forbids, as a label in a list. */
export const objectionName: Readonly<Record<Objection, Localised>> = {
  directMarketing: { fi: 'Suoramarkkinointi ja suoramainonta', en: 'Direct marketing' },
  distanceSelling: { fi: 'Etämyynti', en: 'Distance selling' },
  marketResearch: { fi: 'Markkina- ja mielipidetutkimukset', en: 'Market and opinion research' },
  publication: {
    fi: 'Tietojen julkaiseminen luettelona (esim. postitustarrat)',
    en: 'Publication in lists (e.g. mailing labels)',
  },
};

/** Register fields a rectification can change. */
export const fieldName: Readonly<Record<RectifiableField, Localised>> = {
  firstName: { fi: 'Etunimi', en: 'First name' },
  lastName: { fi: 'Sukunimi', en: 'Last name' },
  organization: { fi: 'Organisaatio', en: 'Organisation' },
  email: { fi: 'Sähköpostiosoite', en: 'Email address' },
  phone: { fi: 'Puhelinnumero', en: 'Phone number' },
  website: { fi: 'WWW-osoite', en: 'Website' },
  'postalAddress.street': { fi: 'Katuosoite', en: 'Street address' },
  'postalAddress.postalCode': { fi: 'Postinumero', en: 'Postal code' },
  'postalAddress.city': { fi: 'Postitoimipaikka', en: 'City' },
  'postalAddress.country': { fi: 'Maa', en: 'Country' },
};

export const statusName: Readonly<Record<RequestStatus, Localised>> = {
  pending_verification: { fi: 'odottaa vahvistusta', en: 'awaiting verification' },
  verified: { fi: 'vahvistettu', en: 'verified' },
  awaiting_decision: { fi: 'odottaa päätöstä', en: 'awaiting decision' },
  approved: { fi: 'hyväksytty', en: 'approved' },
  refused: { fi: 'evätty', en: 'refused' },
  completed: { fi: 'valmis', en: 'completed' },
  expired: { fi: 'vanhentunut', en: 'expired' },
  cancelled: { fi: 'peruttu', en: 'cancelled' },
};

/** Looks a key up in a name map; an unknown key (bad data at run time) shows as itself. */
export const nameOf = <K extends string>(map: Readonly<Record<K, Localised>>, key: K, lang: Language): string =>
  (map as Readonly<Partial<Record<string, Localised>>>)[key]?.[lang] ?? String(key);

export const TIME_ZONE = 'Europe/Helsinki';
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

// Made on first use, not at load: building these five formatters (ICU locale and zone data) costs
// about 10 ms of CPU, which every cold start of a function importing the mail templates would pay.
let formats:
  | { date: Record<Language, Intl.DateTimeFormat>; plainDate: Record<Language, Intl.DateTimeFormat>; time: Intl.DateTimeFormat }
  | undefined;
const fmt = () =>
  (formats ??= {
    date: {
      fi: new Intl.DateTimeFormat('fi-FI', { timeZone: TIME_ZONE, day: 'numeric', month: 'numeric', year: 'numeric' }),
      en: new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, day: 'numeric', month: 'long', year: 'numeric' }),
    },
    // A date without a time is already a calendar date: format it as is, with no zone shift.
    plainDate: {
      fi: new Intl.DateTimeFormat('fi-FI', { timeZone: 'UTC', day: 'numeric', month: 'numeric', year: 'numeric' }),
      en: new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }),
    },
    time: new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
  });

const parse = (iso: string): Date | undefined => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? undefined : d;
};

/** The calendar date in Helsinki: fi "24.11.2026", en "24 November 2026". An unparsable value is shown as given. */
export const formatDate = (iso: string, lang: Language): string => {
  const d = parse(iso);
  if (!d) return iso;
  return (DATE_ONLY.test(iso) ? fmt().plainDate : fmt().date)[lang].format(d);
};

/**
 * Date and Helsinki wall-clock time, for link expiries: fi "24.11.2026 klo 14.30", en "24 November 2026, 14:30".
 * Follow it with `zoneNote` where the reader may be elsewhere.
 */
export const formatDateTime = (iso: string, lang: Language): string => {
  const d = parse(iso);
  if (!d || DATE_ONLY.test(iso)) return formatDate(iso, lang);
  const { date, time } = fmt();
  const [hh = '00', mm = '00'] = time.format(d).split(':');
  return lang === 'fi' ? `${date.fi.format(d)} klo ${hh}.${mm}` : `${date.en.format(d)}, ${hh}:${mm}`;
};

/** Says which clock `formatDateTime` uses. */
export const zoneNote = (lang: Language): string => (lang === 'fi' ? '(Suomen aikaa)' : '(Finnish time)');

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values. */
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch);
