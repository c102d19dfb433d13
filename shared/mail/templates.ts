/**
 * Every mail the product sends, as pure functions of the controller's configuration and the facts
 * of one event. Each returns a subject, a plain-text part that stands on its own (links verbatim)
 * and an HTML part in which every interpolated value is escaped. Mails to the data subject are in
 * the request's language; mails to staff and to recipients of data are in Finnish with English below.
 * Personal data is kept to what the reader needs: staff mails carry request ids, never names or addresses.
 */
import type { Controller } from '../config';
import type { Mail } from '../domain/ports';
import type { HoldBasis, Language, Objection, RectifiableField, RequestStatus, RequestType } from '../domain/types';
import {
  escapeHtml,
  fieldName,
  formatDate,
  formatDateTime,
  nameOf,
  objectionName,
  requestTypeName,
  statusName,
  zoneNote,
  type Localised,
} from './i18n';

export type { Mail, Localised };
export { escapeHtml, fieldName, formatDate, formatDateTime, objectionName, requestTypeName, statusName, zoneNote };

// ---------------------------------------------------------------------------------------------
// Rendering: a mail is a list of language sections, each a list of blocks. One renderer makes the
// text and the HTML part from the same blocks, so the two cannot say different things.

type Line = { text: string; href?: string };
type Block =
  | { kind: 'p'; text: string }
  | { kind: 'link'; url: string; label: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'rows'; rows: ReadonlyArray<readonly [string, string]> }
  | { kind: 'lines'; lines: Line[] };
interface Section { lang: Language; blocks: Block[] }

const p = (text: string): Block => ({ kind: 'p', text });
const link = (url: string, label: string): Block => ({ kind: 'link', url, label });
const list = (items: string[]): Block => ({ kind: 'list', items });
const rows = (r: ReadonlyArray<readonly [string, string]>): Block => ({ kind: 'rows', rows: r });

/** Only web and mail links become anchors; anything else is shown as text. */
const safeHref = (url: string): string | undefined => (/^(https?:\/\/|mailto:)/i.test(url.trim()) ? url.trim() : undefined);

const textOf = (b: Block): string => {
  switch (b.kind) {
    case 'p':
      return b.text;
    case 'link':
      return b.url;
    case 'list':
      return b.items.map((i) => `- ${i}`).join('\n');
    case 'rows':
      return b.rows.map(([k, v]) => `${k}: ${v}`).join('\n');
    case 'lines':
      return b.lines.map((l) => l.text).join('\n');
  }
};

const withBreaks = (s: string): string => escapeHtml(s).replace(/\r?\n/g, '<br>');
const P = 'margin:0 0 16px 0;';

const htmlOf = (b: Block): string => {
  switch (b.kind) {
    case 'p':
      return `<p style="${P}">${withBreaks(b.text)}</p>`;
    case 'link': {
      const href = safeHref(b.url);
      const button = href
        ? `<a href="${escapeHtml(href)}" style="display:inline-block;padding:10px 18px;background:#1f4e79;color:#ffffff;text-decoration:none;border-radius:4px;">${escapeHtml(b.label)}</a>`
        : escapeHtml(b.label);
      return `<p style="margin:0 0 8px 0;">${button}</p><p style="${P}font-size:13px;color:#555555;word-break:break-all;">${escapeHtml(b.url)}</p>`;
    }
    case 'list':
      return `<ul style="${P}padding-left:20px;">${b.items.map((i) => `<li>${withBreaks(i)}</li>`).join('')}</ul>`;
    case 'rows':
      return `<table role="presentation" style="${P}border-collapse:collapse;">${b.rows
        .map(
          ([k, v]) =>
            `<tr><td style="padding:2px 16px 2px 0;color:#555555;vertical-align:top;">${escapeHtml(k)}</td><td style="padding:2px 0;">${withBreaks(v)}</td></tr>`,
        )
        .join('')}</table>`;
    case 'lines':
      return `<p style="${P}">${b.lines
        .map((l) => {
          const href = l.href === undefined ? undefined : safeHref(l.href);
          return href ? `<a href="${escapeHtml(href)}">${escapeHtml(l.text)}</a>` : escapeHtml(l.text);
        })
        .join('<br>')}</p>`;
  }
};

const TEXT_SEPARATOR = '\n\n------------------------------------------------------------\n\n';

const render = (subject: string, sections: Section[]): Mail => {
  const cleanSubject = subject.replace(/[\r\n\t]+/g, ' ').trim();
  const text = `${sections.map((s) => s.blocks.map(textOf).join('\n\n')).join(TEXT_SEPARATOR)}\n`;
  const body = sections
    .map((s) => `<div lang="${s.lang}">${s.blocks.map(htmlOf).join('\n')}</div>`)
    .join('\n<hr style="border:none;border-top:1px solid #cccccc;margin:24px 0;">\n');
  const lang = sections[0]?.lang ?? 'fi';
  const html =
    `<!DOCTYPE html>\n<html lang="${lang}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(cleanSubject)}</title></head>\n` +
    `<body style="margin:0;padding:0;background:#ffffff;">\n` +
    `<div style="max-width:600px;margin:0 auto;padding:24px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;">\n` +
    `${body}\n</div>\n</body></html>\n`;
  return { subject: cleanSubject, text, html };
};

// ---------------------------------------------------------------------------------------------
// Shared pieces

const typeName = (type: RequestType, lang: Language): string => nameOf(requestTypeName, type, lang);
const objName = (o: Objection, lang: Language): string => nameOf(objectionName, o, lang);
const isExportType = (type: RequestType): boolean => type === 'access' || type === 'portability';

const greeting = (lang: Language): Block => p(lang === 'fi' ? 'Hei,' : 'Hello,');

/** Closing of every mail to a data subject or a recipient: who we are and whom to ask. */
const signOff = (c: Controller, lang: Language): Block[] => {
  const cp = c.contactPerson;
  return lang === 'fi'
    ? [p(`Ystävällisin terveisin\n${c.name}`), p(`Kysyttävää? Rekisteriä koskevissa asioissa yhteyshenkilömme on ${cp.name}, ${cp.email}.`)]
    : [p(`Kind regards,\n${c.name}`), p(`Questions? Our contact person for register matters is ${cp.name}, ${cp.email}.`)];
};

/** Closing of every mail to staff. */
const staffSignOff = (c: Controller, lang: Language): Block[] => {
  const cp = c.contactPerson;
  return lang === 'fi'
    ? [p(`${c.name}\nTietosuojapyyntöjen käsittely`), p(`Tämä ilmoitus lähetetään rekisteriasioiden yhteyshenkilölle (${cp.name}, ${cp.email}).`)]
    : [p(`${c.name}\nData subject requests`), p(`This notice goes to the contact person for register matters (${cp.name}, ${cp.email}).`)];
};

const authorityLines = (c: Controller, lang: Language): Block => {
  const sa = c.supervisoryAuthority;
  const website = safeHref(sa.website) ?? (/^www\./i.test(sa.website) ? `https://${sa.website}` : undefined);
  return {
    kind: 'lines',
    lines: [
      { text: sa.name[lang] },
      { text: sa.address },
      { text: `${lang === 'fi' ? 'puh.' : 'tel.'} ${sa.phone}` },
      { text: sa.email, href: `mailto:${sa.email}` },
      website ? { text: sa.website, href: website } : { text: sa.website },
    ],
  };
};

/**
 * The closing paragraph of every final answer: where to complain. A refusal words it as the way
 * to challenge the decision (GDPR Art. 12(4)); other answers as the general right (Art. 77).
 */
const authorityClosing = (c: Controller, lang: Language, refused: boolean): Block[] => {
  const intro = refused
    ? lang === 'fi'
      ? 'Jos olet päätöksestä eri mieltä, voit saattaa asian valvontaviranomaisen ratkaistavaksi. Sinulla on myös oikeus viedä asia tuomioistuimen käsiteltäväksi. Valvontaviranomaisen yhteystiedot:'
      : 'If you disagree with this decision, you can take the matter to the supervisory authority. You also have the right to take it to court. The supervisory authority:'
    : lang === 'fi'
      ? 'Jos katsot, että henkilötietojesi käsittelyssä on rikottu tietosuoja-asetusta, voit tehdä valituksen valvontaviranomaiselle:'
      : 'If you think your personal data has been processed in breach of the GDPR, you can lodge a complaint with the supervisory authority:';
  return [p(intro), authorityLines(c, lang)];
};

const requestRow = (type: RequestType, lang: Language): Block => rows([[lang === 'fi' ? 'Pyyntö' : 'Request', typeName(type, lang)]]);

// ---------------------------------------------------------------------------------------------
// 1. Confirm your request

export interface VerifyMailArgs {
  language: Language;
  type: RequestType;
  /** Absolute URL of the confirmation page (…/requests/verify?token=…). */
  link: string;
  /** ISO time the link stops working. */
  expiresAt: string;
}

export const verifyMail = (c: Controller, { language: lang, type, link: url, expiresAt }: VerifyMailArgs): Mail => {
  const until = formatDateTime(expiresAt, lang);
  const exportType = isExportType(type);
  if (lang === 'fi') {
    return render(`Vahvista tietosuojapyyntösi – ${c.name}`, [
      {
        lang,
        blocks: [
          greeting(lang),
          p('Tällä sähköpostiosoitteella on tehty meille tietosuojapyyntö.'),
          requestRow(type, lang),
          p('Vahvista pyyntö avaamalla alla oleva linkki ja painamalla avautuvalla sivulla vahvistuspainiketta:'),
          link(url, 'Avaa vahvistussivu'),
          p(`Linkki on voimassa ${until} saakka ${zoneNote(lang)}.`),
          p(
            'Vahvistuksella varmistamme, että pyyntö tulee tämän sähköpostiosoitteen haltijalta. ' +
              (exportType
                ? 'Vahvistuksen jälkeen kokoamme tietosi ja lähetämme tähän osoitteeseen linkin, josta voit ladata ne.'
                : 'Vahvistuksen jälkeen käsittelemme pyynnön ja vastaamme tähän osoitteeseen viimeistään kuukauden kuluessa.'),
          ),
          p('Jos et tehnyt pyyntöä, voit jättää tämän viestin huomiotta. Mitään ei tapahdu, ja tietosi pysyvät ennallaan.'),
          ...signOff(c, lang),
        ],
      },
    ]);
  }
  return render(`Please confirm your data protection request – ${c.name}`, [
    {
      lang,
      blocks: [
        greeting(lang),
        p('A data protection request was made to us with this email address.'),
        requestRow(type, lang),
        p('To confirm it, open the link below and press the confirm button on the page that opens:'),
        link(url, 'Open the confirmation page'),
        p(`The link is valid until ${until} ${zoneNote(lang)}.`),
        p(
          'Confirming shows us that the request comes from the holder of this email address. ' +
            (exportType
              ? 'Once you confirm, we collect your data and send a download link to this address.'
              : 'Once you confirm, we handle the request and answer to this address within one month.'),
        ),
        p('If you did not make this request, you can ignore this message. Nothing will happen and your data stays as it is.'),
        ...signOff(c, lang),
      ],
    },
  ]);
};

// ---------------------------------------------------------------------------------------------
// 2. To the contact person: a request was verified

export interface ContactVerifiedMailArgs {
  requestId: string;
  type: RequestType;
  /** ISO times. */
  dueAt: string;
  receivedAt: string;
  /** Absolute URL of the staff console (the request's page or the list). */
  adminUrl: string;
  needsDecision: boolean;
}

export const contactVerifiedMail = (c: Controller, a: ContactVerifiedMailArgs): Mail => {
  const section = (lang: Language): Section => {
    const fi = lang === 'fi';
    const facts = rows([
      [fi ? 'Pyynnön tunnus' : 'Request id', a.requestId],
      [fi ? 'Tyyppi' : 'Type', typeName(a.type, lang)],
      [fi ? 'Vastaanotettu' : 'Received', formatDate(a.receivedAt, lang)],
      [fi ? 'Vastattava viimeistään' : 'Answer due by', formatDate(a.dueAt, lang)],
    ]);
    const next = a.needsDecision
      ? [
          p(fi ? 'Pyyntö odottaa päätöstäsi. Tee päätös hallintanäkymässä:' : 'The request needs your decision. Decide in the staff console:'),
          link(a.adminUrl, fi ? 'Avaa hallintanäkymä' : 'Open the staff console'),
          p(
            fi
              ? 'Jos vastaaminen vaatii lisäaikaa, vastausaikaa voi jatkaa kahdella kuukaudella. Jatkosta ja sen syystä on ilmoitettava rekisteröidylle kuukauden kuluessa pyynnön vastaanottamisesta (tietosuoja-asetuksen 12 artiklan 3 kohta).'
              : 'If more time is needed, the answer period can be extended by two months. The person must be told of the extension and its reason within one month of receipt (GDPR Art. 12(3)).',
          ),
        ]
      : [
          p(fi ? 'Pyyntö käsitellään automaattisesti, eikä se vaadi sinulta toimia. Voit seurata sitä hallintanäkymässä:' : 'The request is handled automatically and needs no action from you. You can follow it in the staff console:'),
          link(a.adminUrl, fi ? 'Avaa hallintanäkymä' : 'Open the staff console'),
        ];
    return {
      lang,
      blocks: [
        greeting(lang),
        p(fi ? 'Asiakasrekisteriä koskeva tietosuojapyyntö on vahvistettu.' : 'A data subject request concerning the customer register has been verified.'),
        facts,
        ...next,
        p(fi ? 'Rekisteröidyn tiedot näet hallintanäkymässä; niitä ei lähetetä sähköpostitse.' : "The person's details are in the staff console; they are not sent by email."),
        ...staffSignOff(c, lang),
      ],
    };
  };
  const subject = a.needsDecision
    ? `Tietosuojapyyntö ${a.requestId} odottaa päätöstä / Request ${a.requestId} needs a decision`
    : `Tietosuojapyyntö ${a.requestId} vahvistettu / Request ${a.requestId} verified`;
  return render(subject, [section('fi'), section('en')]);
};

// ---------------------------------------------------------------------------------------------
// 3. Your copy of the data is ready (access, portability)

export interface ExportReadyMailArgs {
  language: Language;
  type: RequestType;
  /** Absolute download URL (…/exports/{exportId}?token=…). Shown only when given. */
  link?: string;
  /** ISO time the download link stops working. */
  expiresAt?: string;
  /** False when no register record matches the verified address. */
  hasData: boolean;
}

export const exportReadyMail = (c: Controller, a: ExportReadyMailArgs): Mail => {
  const lang = a.language;
  const fi = lang === 'fi';
  const t = typeName(a.type, lang);
  const linkBlocks: Block[] = [];
  if (a.link) {
    linkBlocks.push(link(a.link, fi ? 'Lataa vastaus' : 'Download the answer'));
    const reuse = fi
      ? a.expiresAt
        ? `Linkki on voimassa ${formatDateTime(a.expiresAt, lang)} saakka ${zoneNote(lang)}, ja voit käyttää sitä siihen asti useita kertoja.`
        : 'Voit käyttää linkkiä useita kertoja.'
      : a.expiresAt
        ? `The link is valid until ${formatDateTime(a.expiresAt, lang)} ${zoneNote(lang)}, and you can use it several times until then.`
        : 'You can use the link several times.';
    linkBlocks.push(
      p(
        fi
          ? `${reuse} Jokainen lataus avautuu vain muutamaksi minuutiksi: jos lataus ei ala, avaa linkki uudelleen. Kuka tahansa, jolla on linkki, voi ladata tiedot, joten älä välitä tätä viestiä eteenpäin.`
          : `${reuse} Each download opens for a few minutes only: if it does not start, open the link again. Anyone with the link can download the data, so please do not forward this message.`,
      ),
    );
  }
  const art15 = fi
    ? 'Vastaus sisältää myös tiedot siitä, miten henkilötietojasi käsitellään: käsittelyn tarkoitukset ja peruste, tietoryhmät, vastaanottajat, säilytysaika, tietolähteet ja oikeutesi (tietosuoja-asetuksen 15 artikla).'
    : 'The answer also tells you how your personal data is processed: the purposes and legal basis, the categories of data, the recipients, how long it is kept, where it comes from and your rights (GDPR Art. 15).';

  let subject: string;
  let body: Block[];
  if (a.hasData) {
    subject = fi ? `Tietosi ovat ladattavissa – ${c.name}` : `Your data is ready to download – ${c.name}`;
    const intro =
      a.type === 'portability'
        ? fi
          ? 'Henkilötietosi ovat ladattavissa koneluettavassa muodossa (JSON), jotta voit siirtää ne toiseen palveluun.'
          : 'Your personal data is ready to download in a machine-readable format (JSON), so that you can take it to another service.'
        : fi
          ? 'Kopio asiakasrekisterissämme olevista henkilötiedoistasi on ladattavissa.'
          : 'A copy of the personal data about you in our customer register is ready to download.';
    body = [p(intro), ...linkBlocks, p(art15)];
  } else {
    subject = fi ? `Vastaus pyyntöösi – ${c.name}` : `Answer to your request – ${c.name}`;
    body = [
      p(
        fi
          ? 'Asiakasrekisterissämme ei ole henkilötietoja, jotka liittyvät tähän sähköpostiosoitteeseen.'
          : 'We hold no personal data about this email address in our customer register.',
      ),
      p(
        fi
          ? 'Jos olet asioinut kanssamme jollakin toisella sähköpostiosoitteella, voit tehdä pyynnön sitä käyttäen.'
          : 'If you have dealt with us using another email address, you can make the request with that address.',
      ),
      ...(a.link
        ? [
            p(
              fi
                ? 'Vastauksemme, joka kertoo myös, miten käsittelemme asiakkaidemme henkilötietoja (tietosuoja-asetuksen 15 artikla), on ladattavissa:'
                : 'Our answer, which also explains how we process our customers’ personal data (GDPR Art. 15), can be downloaded here:',
            ),
            ...linkBlocks,
          ]
        : [
            p(
              fi
                ? 'Tietosuojaselosteestamme näet, miten käsittelemme asiakkaidemme henkilötietoja.'
                : 'Our privacy notice explains how we process our customers’ personal data.',
            ),
          ]),
    ];
  }
  return render(subject, [
    {
      lang,
      blocks: [
        greeting(lang),
        p(fi ? 'Pyyntösi on käsitelty.' : 'Your request has been handled.'),
        rows([[fi ? 'Pyyntö' : 'Request', t]]),
        ...body,
        ...authorityClosing(c, lang, false),
        ...signOff(c, lang),
      ],
    },
  ]);
};

// ---------------------------------------------------------------------------------------------
// 4. The outcome letter after a decision

export interface FieldChange { field: RectifiableField; value: string }
export interface KeptItem { basis: HoldBasis; /** ISO date or time the hold ends, when known. */ until?: string }
export interface ApprovedDetails {
  /** Rectification: the fields changed and their new values. */
  changes?: FieldChange[];
  /** Objection: the objections now in force. */
  objections?: Objection[];
  /** Erasure: what could not be erased yet, and why. */
  kept?: KeptItem[];
}

export interface DecisionMailArgs {
  language: Language;
  type: RequestType;
  outcome: 'approved' | 'refused';
  /** The reasons of a refusal, written by the contact person. */
  reason?: string;
  details?: ApprovedDetails;
}

/** One kept item in plain words: why, what is kept, and until when. */
export const keptText = (c: Controller, item: KeptItem, lang: Language): string => {
  const d = item.until ? formatDate(item.until, lang) : undefined;
  const fi = lang === 'fi';
  switch (item.basis) {
    case 'open_invoice':
      return fi
        ? `Sinulla on avoin lasku. Säilytämme asiakastietosi${d ? ` ${d} asti` : ', kunnes lasku on maksettu'}.`
        : `You have an open invoice. We keep your customer data ${d ? `until ${d}` : 'until it has been paid'}.`;
    case 'debt_collection':
      return fi
        ? `Laskusi on perinnässä. Säilytämme asiakastietosi${d ? ` ${d} asti` : ', kunnes perintä on päättynyt'}.`
        : `An invoice of yours is in debt collection. We keep your customer data ${d ? `until ${d}` : 'until the collection has ended'}.`;
    case 'organization_contact':
      return fi
        ? `Toimit organisaation yhteyshenkilönä, eikä tietojasi voida poistaa tänä aikana. Säilytämme yhteystietosi${d ? ` ${d} asti` : ' niin kauan kuin toimit yhteyshenkilönä'}.`
        : `You are an organisation's contact person, and your data cannot be erased while you are. We keep your contact details ${d ? `until ${d}` : 'for as long as you have that role'}.`;
    case 'accounting_vouchers':
      return fi
        ? `Kirjanpitolaki velvoittaa säilyttämään laskut (kirjanpitotositteet) ${c.voucherRetentionYears} vuotta tilikauden päättymisestä. Säilytämme laskujesi tiedot erillään muista tiedoista${d ? ` ${d} asti` : ' tämän ajan'}.`
        : `The Finnish Accounting Act requires invoices (accounting vouchers) to be kept for ${c.voucherRetentionYears} years from the end of the financial year. We keep your invoice data apart from other data ${d ? `until ${d}` : 'for that period'}.`;
    default:
      return fi ? 'Laki estää tietojen poistamisen toistaiseksi.' : 'The law prevents erasing the data for now.';
  }
};

const approvedBlocks = (c: Controller, type: RequestType, details: ApprovedDetails, lang: Language): Block[] => {
  const fi = lang === 'fi';
  switch (type) {
    case 'rectification': {
      const out: Block[] = [p(fi ? 'Olemme korjanneet tietosi pyyntösi mukaisesti.' : 'We have corrected your data as you asked.')];
      const changes = details.changes ?? [];
      if (changes.length > 0) {
        out.push(p(fi ? 'Korjatut tiedot:' : 'Corrected data:'));
        out.push(rows(changes.map((ch) => [nameOf(fieldName, ch.field, lang), ch.value] as const)));
      }
      if (c.recipients.length > 0) {
        out.push(
          p(
            fi
              ? 'Olemme ilmoittaneet korjauksesta myös niille, joilta tiedot on saatu tai joille niitä on luovutettu (tietosuoja-asetuksen 19 artikla). Kerromme pyynnöstäsi, keitä he ovat.'
              : 'We have also told those we received the data from or disclosed it to about the correction (GDPR Art. 19). If you ask, we will tell you who they are.',
          ),
        );
      }
      return out;
    }
    case 'restriction':
      return [
        p(
          fi
            ? 'Olemme rajoittaneet henkilötietojesi käsittelyä. Säilytämme tietosi, mutta emme käsittele niitä muuten ennen kuin rajoitus poistetaan. Ilmoitamme sinulle etukäteen, ennen kuin rajoitus poistetaan.'
            : 'We have restricted the processing of your personal data. We keep your data but do not otherwise process it until the restriction is lifted. We will tell you before the restriction is lifted.',
        ),
      ];
    case 'objection': {
      const objections = details.objections ?? [];
      if (objections.length === 0) {
        return [p(fi ? 'Vastustamisesi on hyväksytty. Emme enää käsittele tietojasi tarkoitukseen, jota vastustit.' : 'We have accepted your objection. We no longer process your data for the purpose you objected to.')];
      }
      return [
        p(fi ? 'Vastustamisesi on hyväksytty. Seuraavat kiellot ovat nyt voimassa, emmekä käytä tietojasi näihin tarkoituksiin:' : 'We have accepted your objection. The following objections now apply, and we do not use your data for these purposes:'),
        list(objections.map((o) => objName(o, lang))),
      ];
    }
    case 'erasure': {
      const kept = details.kept ?? [];
      if (kept.length === 0) {
        return [p(fi ? 'Olemme poistaneet henkilötietosi asiakasrekisteristämme.' : 'We have erased your personal data from our customer register.')];
      }
      const recordKept = kept.some((k) => k.basis !== 'accounting_vouchers');
      const intro = recordKept
        ? fi
          ? 'Olemme poistaneet ne henkilötietosi, joiden säilyttämiseen ei ole perustetta. Osaa tiedoista emme voi vielä poistaa:'
          : 'We have erased the personal data we have no reason to keep. Some of it we cannot erase yet:'
        : fi
          ? 'Olemme poistaneet henkilötietosi asiakasrekisteristämme. Laki velvoittaa kuitenkin säilyttämään osan tiedoista:'
          : 'We have erased your personal data from our customer register. The law requires us to keep some of it, however:';
      return [
        p(intro),
        list(kept.map((k) => keptText(c, k, lang))),
        p(
          fi
            ? 'Emme käytä säilytettäviä tietoja muuhun tarkoitukseen, ja poistamme ne, kun säilyttämisen peruste päättyy.'
            : 'We do not use the data we keep for anything else, and we erase it when the reason for keeping it ends.',
        ),
      ];
    }
    case 'access':
    case 'portability':
      return [p(fi ? 'Pyyntösi on hyväksytty. Lähetämme tietosi tähän sähköpostiosoitteeseen erillisellä viestillä.' : 'Your request has been approved. We send your data to this email address in a separate message.')];
    default:
      return [p(fi ? 'Pyyntösi on hyväksytty.' : 'Your request has been approved.')];
  }
};

export const decisionMail = (c: Controller, a: DecisionMailArgs): Mail => {
  const lang = a.language;
  const fi = lang === 'fi';
  const t = typeName(a.type, lang);
  const refused = a.outcome === 'refused';
  const reason = a.reason?.trim();
  const body: Block[] = refused
    ? [
        p(fi ? 'Olemme käsitelleet pyyntösi, emmekä voi toteuttaa sitä.' : 'We have considered your request, and we cannot carry it out.'),
        requestRow(a.type, lang),
        p(
          reason
            ? `${fi ? 'Perustelut:' : 'Reasons:'}\n${reason}`
            : fi
              ? 'Saat perustelut kirjallisena yhteyshenkilöltämme.'
              : 'Our contact person will give you the reasons in writing.',
        ),
      ]
    : [p(fi ? 'Pyyntösi on käsitelty.' : 'Your request has been handled.'), requestRow(a.type, lang), ...approvedBlocks(c, a.type, a.details ?? {}, lang)];
  const subject = refused
    ? fi
      ? `Päätös pyyntöösi: ${t} – ${c.name}`
      : `Decision on your request: ${t} – ${c.name}`
    : fi
      ? `Pyyntösi on käsitelty: ${t} – ${c.name}`
      : `Your request has been handled: ${t} – ${c.name}`;
  return render(subject, [{ lang, blocks: [greeting(lang), ...body, ...authorityClosing(c, lang, refused), ...signOff(c, lang)] }]);
};

// ---------------------------------------------------------------------------------------------
// 5. The answer period is extended (GDPR Art. 12(3))

export interface ExtensionMailArgs {
  language: Language;
  type: RequestType;
  reason: string;
  /** ISO time of the new due date. */
  newDueAt: string;
}

export const extensionMail = (c: Controller, a: ExtensionMailArgs): Mail => {
  const lang = a.language;
  const fi = lang === 'fi';
  const d = formatDate(a.newDueAt, lang);
  return render(fi ? `Pyyntösi käsittelyaikaa on jatkettu – ${c.name}` : `More time needed for your request – ${c.name}`, [
    {
      lang,
      blocks: [
        greeting(lang),
        p(
          fi
            ? 'Pyyntösi käsittely vie tavallista kauemmin. Jatkamme vastausaikaa kahdella kuukaudella, kuten tietosuoja-asetuksen 12 artiklan 3 kohta sallii.'
            : 'Handling your request takes longer than usual. We are extending the time to answer by two months, as Article 12(3) of the GDPR allows.',
        ),
        requestRow(a.type, lang),
        p(`${fi ? 'Syy:' : 'Reason:'}\n${a.reason.trim()}`),
        p(fi ? `Vastaamme sinulle viimeistään ${d}.` : `We will answer you by ${d} at the latest.`),
        p(fi ? 'Pyyntösi on edelleen käsittelyssä, eikä sinun tarvitse tehdä mitään.' : 'Your request is still being handled; you do not need to do anything.'),
        ...signOff(c, lang),
      ],
    },
  ]);
};

// ---------------------------------------------------------------------------------------------
// 6. Art. 19 notice to a recipient or source of corrected data

export interface CorrectionNoticeMailArgs {
  recipientName: string;
  /** The controller's customer id: enough for the recipient to find the record, no more. */
  customerRef: string;
  changes: FieldChange[];
  /** ISO time of the correction. */
  correctedAt: string;
}

export const correctionNoticeMail = (c: Controller, a: CorrectionNoticeMailArgs): Mail => {
  const section = (lang: Language): Section => {
    const fi = lang === 'fi';
    return {
      lang,
      blocks: [
        greeting(lang),
        p(
          fi
            ? 'Olemme korjanneet asiakasrekisterissämme alla mainitun asiakkaan tietoja. Koska olemme luovuttaneet näitä tietoja teille tai saaneet ne teiltä, ilmoitamme korjauksesta tietosuoja-asetuksen 19 artiklan mukaisesti.'
            : 'We have corrected the data of the customer below in our customer register. As we have disclosed this data to you or received it from you, we are letting you know under Article 19 of the GDPR.',
        ),
        rows([
          [fi ? 'Vastaanottaja' : 'Recipient', a.recipientName],
          [fi ? 'Asiakastunnus' : 'Customer id', a.customerRef],
          [fi ? 'Korjattu' : 'Corrected on', formatDate(a.correctedAt, lang)],
        ]),
        p(fi ? 'Korjatut tiedot:' : 'Corrected data:'),
        rows(a.changes.map((ch) => [nameOf(fieldName, ch.field, lang), ch.value] as const)),
        p(
          fi
            ? 'Pyydämme korjaamaan tiedot myös omiin järjestelmiinne ja kopioihinne. Jos teillä ei ole tämän asiakkaan tietoja, toimenpiteitä ei tarvita.'
            : 'Please correct this data in your own systems and copies as well. If you hold no data on this customer, no action is needed.',
        ),
        ...signOff(c, lang),
      ],
    };
  };
  return render(`Asiakastietojen korjaus, asiakas ${a.customerRef} / Correction of customer data, customer ${a.customerRef}`, [
    section('fi'),
    section('en'),
  ]);
};

// ---------------------------------------------------------------------------------------------
// 7. Deadline digest to the contact person

export interface DigestItem {
  requestId: string;
  type: RequestType;
  status: RequestStatus;
  /** ISO time. */
  dueAt: string;
}

export interface DeadlineDigestMailArgs {
  dueSoon: DigestItem[];
  overdue: DigestItem[];
  adminUrl: string;
}

const byDue = (items: DigestItem[]): DigestItem[] => [...items].sort((x, y) => x.dueAt.localeCompare(y.dueAt));

export const deadlineDigestMail = (c: Controller, a: DeadlineDigestMailArgs): Mail => {
  const overdue = byDue(a.overdue);
  const dueSoon = byDue(a.dueSoon);
  const section = (lang: Language): Section => {
    const fi = lang === 'fi';
    const item = (i: DigestItem): string =>
      `${i.requestId}: ${typeName(i.type, lang)}, ${nameOf(statusName, i.status, lang)}, ${fi ? 'määräaika' : 'due'} ${formatDate(i.dueAt, lang)}`;
    const blocks: Block[] = [greeting(lang), p(fi ? 'Muistutus tietosuojapyyntöjen määräajoista.' : 'A reminder of data subject request deadlines.')];
    if (overdue.length > 0) {
      blocks.push(p(fi ? `Myöhässä (${overdue.length}) – näihin on vastattava viipymättä:` : `Overdue (${overdue.length}) – answer these without delay:`));
      blocks.push(list(overdue.map(item)));
    }
    if (dueSoon.length > 0) {
      blocks.push(p(fi ? `Erääntyy pian (${dueSoon.length}):` : `Due soon (${dueSoon.length}):`));
      blocks.push(list(dueSoon.map(item)));
    }
    if (overdue.length === 0 && dueSoon.length === 0) {
      blocks.push(p(fi ? 'Myöhässä olevia tai pian erääntyviä pyyntöjä ei ole.' : 'No requests are overdue or due soon.'));
    }
    blocks.push(
      p(
        fi
          ? 'Vastausaikaa voi jatkaa kahdella kuukaudella, jos jatkosta ja sen syystä ilmoitetaan rekisteröidylle kuukauden kuluessa pyynnön vastaanottamisesta.'
          : 'The answer period can be extended by two months if the person is told of the extension and its reason within one month of receipt.',
      ),
      link(a.adminUrl, fi ? 'Avaa hallintanäkymä' : 'Open the staff console'),
      ...staffSignOff(c, lang),
    );
    return { lang, blocks };
  };
  return render(
    `Tietosuojapyyntöjen määräajat: ${overdue.length} myöhässä, ${dueSoon.length} erääntyy pian / Deadlines: ${overdue.length} overdue, ${dueSoon.length} due soon`,
    [section('fi'), section('en')],
  );
};

// ---------------------------------------------------------------------------------------------
// 8. Objection to direct marketing applied at once (GDPR Art. 21(3))

export interface ObjectionAppliedMailArgs {
  language: Language;
  /** Every objection the request made; direct marketing is in force now, the rest go to a decision. */
  objections: Objection[];
}

export const objectionAppliedMail = (c: Controller, a: ObjectionAppliedMailArgs): Mail => {
  const lang = a.language;
  const fi = lang === 'fi';
  const direct = a.objections.includes('directMarketing');
  const others = a.objections.filter((o, i, all) => o !== 'directMarketing' && all.indexOf(o) === i);
  const blocks: Block[] = [greeting(lang)];
  if (direct) {
    blocks.push(
      p(
        fi
          ? 'Olemme kirjanneet kieltosi käyttää henkilötietojasi suoramarkkinointiin. Kielto on voimassa heti: emme enää käytä tietojasi suoramarkkinointiin tai suoramainontaan (tietosuoja-asetuksen 21 artiklan 3 kohta).'
          : 'We have recorded your objection to the use of your personal data for direct marketing. It is in force now: we no longer use your data for direct marketing (GDPR Art. 21(3)).',
      ),
    );
  }
  if (others.length > 0) {
    blocks.push(
      p(
        direct
          ? fi
            ? 'Muut kieltosi käsitellään erikseen, ja vastaamme niihin tähän sähköpostiosoitteeseen viimeistään kuukauden kuluessa:'
            : 'Your other objections are handled separately, and we will send our answer to this email address within one month:'
          : fi
            ? 'Olemme vastaanottaneet kieltosi. Ne käsitellään, ja vastaamme tähän sähköpostiosoitteeseen viimeistään kuukauden kuluessa:'
            : 'We have received your objections. We will handle them and send our answer to this email address within one month:',
      ),
      list(others.map((o) => objName(o, lang))),
    );
  } else {
    blocks.push(...authorityClosing(c, lang, false));
  }
  blocks.push(...signOff(c, lang));
  const subject = direct
    ? fi
      ? `Suoramarkkinointikieltosi on voimassa – ${c.name}`
      : `Your objection to direct marketing is in force – ${c.name}`
    : fi
      ? `Kieltosi on vastaanotettu – ${c.name}`
      : `We have received your objection – ${c.name}`;
  return render(subject, [{ lang, blocks }]);
};
