import * as z from 'zod/mini';
import type { Language } from './domain/types';

/**
 * One schema for the environment, read and checked once per cold start. A missing or malformed
 * variable fails the start, never a request. Controller facts default to Wellflix Oy's privacy
 * notice (../shared/seed/tietosuojaseloste.md); another controller overrides them with
 * CONTROLLER_JSON (deep-merged over the defaults).
 */

const Localised = z.object({ fi: z.string(), en: z.string() });
export type Localised = z.infer<typeof Localised>;

const Party = z.object({
  name: z.string(),
  email: z.email(),
  phone: z.optional(z.string()),
});

/** Built on first use: only a controller given in CONTROLLER_JSON needs checking at start-up. */
const makeControllerSchema = () => z.object({
  name: z.string().check(z.minLength(1)),
  address: z.object({ street: z.string(), postalCode: z.string(), city: z.string(), country: z.string() }),
  phone: z.string(),
  email: z.email(),
  contactPerson: Party,
  languages: z.array(z.enum(['fi', 'en'])).check(z.minLength(1)),
  /** Register data is kept this many calendar years after the customer relationship ends. */
  retentionYears: z.number().check(z.int(), z.positive()),
  /** Accounting Act 2:10: vouchers 6 years, books 10 years, from the end of the financial year. */
  voucherRetentionYears: z.number().check(z.int(), z.positive()),
  booksRetentionYears: z.number().check(z.int(), z.positive()),
  /** The financial year ends on this month (1-12); day is that month's last. */
  financialYearEndMonth: z.number().check(z.int(), z.gte(1), z.lte(12)),
  /** Proof of handling (ids, hashes, decisions) is kept this many years after a request ends. */
  proofRetentionYears: z.number().check(z.int(), z.positive()),
  /** Told of every correction (GDPR Art. 19): those the data was disclosed to, and its sources. */
  recipients: z.array(Party),
  supervisoryAuthority: z.object({
    name: Localised,
    address: z.string(),
    phone: z.string(),
    email: z.email(),
    website: z.string(),
  }),
  /** GDPR Art. 15(1) facts for every export, from the privacy notice, in each language. */
  processing: z.object({
    purposes: Localised,
    legalBasis: Localised,
    categories: Localised,
    recipients: Localised,
    retention: Localised,
    sources: Localised,
    transfers: Localised,
    rights: Localised,
  }),
});
let controllerSchema: ReturnType<typeof makeControllerSchema> | undefined;
export const ControllerSchema = () => (controllerSchema ??= makeControllerSchema());
export type Controller = z.infer<ReturnType<typeof makeControllerSchema>>;

export const wellflix: Controller = {
  name: 'Wellflix Oy',
  address: { street: 'Tekniikantie 14', postalCode: '02150', city: 'Espoo', country: 'FI' },
  phone: '0407375479',
  email: 'info@wellflix.fi',
  contactPerson: { name: 'Erno Polus', email: 'erno.polus@wellflix.fi', phone: '0407375479' },
  languages: ['fi', 'en'],
  retentionYears: 10,
  voucherRetentionYears: 6,
  booksRetentionYears: 10,
  financialYearEndMonth: 12,
  proofRetentionYears: 3,
  recipients: [{ name: 'Taloushallinnon ulkoistuskumppani (financial administration partner)', email: 'taloushallinto@wellflix.fi' }],
  supervisoryAuthority: {
    name: { fi: 'Tietosuojavaltuutetun toimisto', en: 'Office of the Data Protection Ombudsman (Tietosuojavaltuutetun toimisto)' },
    address: 'PL 800, Ratapihantie 9, 00521 Helsinki',
    phone: '029 56 66700',
    email: 'tietosuoja@om.fi',
    website: 'https://tietosuoja.fi',
  },
  processing: {
    purposes: {
      fi: 'Asiakasrekisterin ylläpito, asiakkaiden tilausten hallinnointi, arkistointi ja käsittely sekä asiakassuhteen hoitaminen; toiminnan kehittäminen, tilastointi ja kohdennetun sisällön tuottaminen verkkopalveluissa; mainonnan kohdistaminen omissa rekistereissä.',
      en: 'Maintaining the customer register; managing, archiving and processing customer orders; managing the customer relationship; developing the service, statistics and personalised content in our online services; targeting advertising within our own registers.',
    },
    legalBasis: {
      fi: 'Sopimus ja tilauksesta tulleiden toimenpiteiden mahdollistaminen.',
      en: 'Contract, and carrying out the measures that follow from an order.',
    },
    categories: {
      fi: 'Nimi, edustettu organisaatio, yhteystiedot (sähköposti, postiosoite, puhelinnumero, www-osoite), IP-osoite, tiedot aikaisemmista tilauksista ja laskutustiedot.',
      en: 'Name, organisation represented, contact details (email, postal address, phone number, website), IP address, previous orders and invoicing details.',
    },
    recipients: {
      fi: 'Rekisterinpitäjän henkilöstö sekä ulkoistuskumppanit (taloushallinto) soveltuvin osin; luottohakemukseen, perintään tai laskutukseen liittyvissä asioissa sekä lainsäädännön velvoittaessa.',
      en: "The controller's staff and outsourcing partners (financial administration) where relevant; in matters of credit applications, debt collection or invoicing, and where the law requires.",
    },
    retention: {
      fi: '10 vuotta asiakkuuden päättymisestä. Kirjanpitolain mukaiset tositteet (laskut) 6 vuotta tilikauden päättymisestä.',
      en: '10 years from the end of the customer relationship. Accounting vouchers (invoices) 6 years from the end of the financial year, as the Finnish Accounting Act requires.',
    },
    sources: {
      fi: 'Asiakkaan rekisteröitymiset ja ilmoitukset asiakassuhteen aikana; päivityspalveluja tarjoavat viranomaiset ja yritykset; palvelun tuottamiseen liittyvät alihankkijat; yhteistyökumppaneiden sivustot ja järjestelmät.',
      en: "The customer's own registrations and notices during the customer relationship; authorities and companies providing address updates; subcontractors involved in providing the service; partners' websites and systems.",
    },
    transfers: {
      fi: 'Henkilötietoja ei siirretä Euroopan unionin ulkopuolelle.',
      en: 'Personal data is not transferred outside the European Union.',
    },
    rights: {
      fi: 'Oikeus tarkastaa tiedot, siirtää ne, vaatia niiden korjaamista, rajoittaa käsittelyä, vastustaa käsittelyä (suoramainonta, etämyynti, markkina- ja mielipidetutkimus, julkaiseminen luettelona) ja vaatia tietojen poistamista, sekä oikeus tehdä valitus Tietosuojavaltuutetun toimistolle.',
      en: 'The right of access, to data portability, to rectification, to restriction of processing, to object (direct marketing, distance selling, market and opinion research, publication in lists) and to erasure, and the right to lodge a complaint with the Data Protection Ombudsman.',
    },
  },
};

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Deep merge for configuration overrides: objects merge, everything else replaces. */
export const mergeDeep = <T>(base: T, override: unknown): T => {
  if (!isPlainObject(base) || !isPlainObject(override)) return (override === undefined ? base : override) as T;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(override)) {
    if (k === '__proto__' || k === 'constructor' || k === 'prototype') continue;
    out[k] = mergeDeep((base as Record<string, unknown>)[k], v);
  }
  return out as T;
};

const positiveInt = (fallback: number) => z._default(z.coerce.number().check(z.int(), z.positive()), fallback);
const optionalUrl = z.optional(z.url());

export const EnvSchema = z.object({
  AWS_REGION: z._default(z.string().check(z.minLength(1)), 'eu-north-1'),
  REQUESTS_TABLE: z.string().check(z.minLength(1)),
  REGISTER_TABLE: z.string().check(z.minLength(1)),
  EXPORTS_BUCKET: z.string().check(z.minLength(1)),
  /** Absolute base of every link we mail, e.g. https://privacy.wellflix.fi or http://127.0.0.1:3000. */
  PUBLIC_BASE_URL: z.url(),
  SENDER_EMAIL: z._default(z.email(), 'tietosuoja@wellflix.fi'),
  CONTACT_EMAIL: z.optional(z.email()),
  /** Local stack and tests. In AWS the controller is bundled at synth (see bundledControllerJson). */
  CONTROLLER_JSON: z.optional(z.string()),
  SES_CONFIGURATION_SET: z.optional(z.string()),
  /** Keyed hash of emails (lookups, rate limits, logs). At least 32 characters of secret. */
  HMAC_KEY: z.string().check(z.minLength(32)),
  /**
   * AWS: the Secrets Manager secret holding HMAC_KEY, read once per cold start by
   * resolveSecrets (shared/adapters/secrets.ts) before this schema sees the environment.
   */
  HMAC_SECRET_ARN: z.optional(z.string().check(z.regex(/^arn:aws[a-z-]*:secretsmanager:/))),
  /** Seal signer: a KMS key in AWS, a local PEM (ECDSA P-256) in the local stack. */
  SEAL_KMS_KEY_ID: z.optional(z.string()),
  SEAL_LOCAL_KEY_PEM: z.optional(z.string()),
  VERIFY_LINK_HOURS: positiveInt(72),
  UNVERIFIED_EXPIRY_DAYS: positiveInt(7),
  EXPORT_LINK_DAYS: positiveInt(7),
  PRESIGN_SECONDS: z._default(z.coerce.number().check(z.int(), z.positive(), z.lte(900)), 300),
  RATE_LIMIT_PER_IP: positiveInt(60),
  RATE_LIMIT_PER_EMAIL: positiveInt(5),
  /** Token tries (confirm and download) per client IP per 10 minutes: a person needs a handful, a script thousands. */
  RATE_LIMIT_TOKEN_TRIES: positiveInt(30),
  /**
   * AWS only: the Cognito hosted sign-in the staff console sends the contact person to
   * (https://<prefix>.auth.<region>.amazoncognito.com) and the console's app client id. Without
   * them the console asks for a pasted token, as the local stack's `npm run admin-token` gives.
   */
  STAFF_AUTH_DOMAIN: optionalUrl,
  STAFF_CLIENT_ID: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,128}$/))),
  /**
   * The health check's optional parts, each checked only when set (the local stack has no SQS and
   * no schedule): the dead-letter queues (`name=url` pairs, comma-separated), whether SES must be
   * out of the sandbox, and how old the scheduled job's last heartbeat may be.
   */
  HEALTH_DLQ_URLS: z.optional(z.string().check(z.regex(/^[a-z][a-z0-9-]{0,39}=https?:\/\/[^,=\s]+(,[a-z][a-z0-9-]{0,39}=https?:\/\/[^,=\s]+)*$/))),
  HEALTH_REQUIRE_SES_PRODUCTION: z.optional(z.enum(['true', 'false'])),
  HEALTH_SCHEDULE_MAX_AGE_HOURS: z.optional(z.coerce.number().check(z.positive())),
  /** How long one answer of the health check is reused (a minute: cheap under a flood of probes). */
  HEALTH_CACHE_SECONDS: z._default(z.coerce.number().check(z.int(), z.gte(0)), 60),
  /** Local stack only: emulator endpoints. Absent in AWS. */
  DYNAMODB_ENDPOINT: optionalUrl,
  S3_ENDPOINT: optionalUrl,
  SES_ENDPOINT: optionalUrl,
});
export type Env = z.infer<typeof EnvSchema>;

export interface Config {
  region: string;
  tables: { requests: string; register: string };
  exportsBucket: string;
  publicBaseUrl: string;
  senderEmail: string;
  sesConfigurationSet?: string;
  hmacKey: string;
  seal: { kind: 'kms'; keyId: string } | { kind: 'local'; privateKeyPem: string };
  verifyLinkHours: number;
  unverifiedExpiryDays: number;
  exportLinkDays: number;
  presignSeconds: number;
  rateLimits: { perIp: number; perEmail: number; tokenTries: number };
  endpoints: { dynamodb?: string; s3?: string; ses?: string };
  /** The staff console's hosted sign-in (authorization code + PKCE); absent in the local stack. */
  staffSignIn?: StaffSignIn;
  controller: Controller;
  health: HealthSettings;
}

/** What the health check looks at beyond the tables, the bucket and SES (each part only when set). */
export interface HealthSettings {
  deadLetterQueues: { name: string; url: string }[];
  requireSesProduction: boolean;
  scheduleMaxAgeHours?: number;
  cacheSeconds: number;
}

/**
 * The controller's configuration as bundled by the CDK app (esbuild `define`, validated at synth
 * with ControllerSchema), so another controller's facts need no room in Lambda's 4 KB environment.
 * Undefined outside a bundle (local stack, tests), where CONTROLLER_JSON is read instead.
 */
declare const DSR_BUNDLED_CONTROLLER_JSON: string | undefined;
export const bundledControllerJson = (): string | undefined =>
  typeof DSR_BUNDLED_CONTROLLER_JSON === 'string' ? DSR_BUNDLED_CONTROLLER_JSON : undefined;

/** Where the console sends staff to sign in: the hosted UI's origin and its public app client. */
export interface StaffSignIn { domain: string; clientId: string }

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * Regions in EU member states only: Stockholm, Ireland, Paris, Frankfurt, Milan, Spain. London
 * (eu-west-2) and Zurich (eu-central-2) carry an "eu-" name but are outside the EU.
 */
const EU_REGIONS = new Set(['eu-north-1', 'eu-west-1', 'eu-west-3', 'eu-central-1', 'eu-south-1', 'eu-south-2']);
export const isEuRegion = (region: string): boolean => EU_REGIONS.has(region);

export const loadConfig = (env: Record<string, string | undefined>): Config => {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const names = parsed.error.issues.map((i) => i.path.join('.')).join(', ');
    throw new ConfigError(`Invalid configuration: check ${names}`);
  }
  const e = parsed.data;
  if (!isEuRegion(e.AWS_REGION)) throw new ConfigError(`Region ${e.AWS_REGION} is outside the EU; personal data stays in the EU`);
  let override: unknown = {};
  // The environment wins over the bundle, so a test or the local stack can always say.
  const controllerJson = e.CONTROLLER_JSON ?? bundledControllerJson();
  if (controllerJson) {
    try {
      override = JSON.parse(controllerJson);
    } catch {
      throw new ConfigError('CONTROLLER_JSON is not valid JSON');
    }
  }
  if (!isPlainObject(override)) throw new ConfigError('CONTROLLER_JSON must be a JSON object');
  const merged = mergeDeep(wellflix, override);
  if (e.CONTACT_EMAIL) merged.contactPerson = { ...merged.contactPerson, email: e.CONTACT_EMAIL };
  // The built-in defaults are checked by a unit test; an override is checked here, at start-up.
  let controller: Controller = merged;
  if (controllerJson) {
    const checked = ControllerSchema().safeParse(merged);
    if (!checked.success) {
      throw new ConfigError(`Invalid controller configuration: check ${checked.error.issues.map((i) => i.path.join('.')).join(', ')}`);
    }
    controller = checked.data;
  }
  if (Boolean(e.STAFF_AUTH_DOMAIN) !== Boolean(e.STAFF_CLIENT_ID)) {
    throw new ConfigError('Set both STAFF_AUTH_DOMAIN and STAFF_CLIENT_ID (hosted sign-in), or neither (pasted token)');
  }
  let staffSignIn: StaffSignIn | undefined;
  if (e.STAFF_AUTH_DOMAIN && e.STAFF_CLIENT_ID) {
    const domain = new URL(e.STAFF_AUTH_DOMAIN);
    // Tokens travel through it: TLS, except to a test double on this machine's loopback.
    if (domain.protocol !== 'https:' && domain.hostname !== '127.0.0.1') throw new ConfigError('STAFF_AUTH_DOMAIN must be an https URL');
    staffSignIn = { domain: domain.origin, clientId: e.STAFF_CLIENT_ID };
  }
  let seal: Config['seal'];
  if (e.SEAL_KMS_KEY_ID) seal = { kind: 'kms', keyId: e.SEAL_KMS_KEY_ID };
  else if (e.SEAL_LOCAL_KEY_PEM) seal = { kind: 'local', privateKeyPem: e.SEAL_LOCAL_KEY_PEM };
  else throw new ConfigError('Set SEAL_KMS_KEY_ID (AWS) or SEAL_LOCAL_KEY_PEM (local stack)');
  return {
    region: e.AWS_REGION,
    tables: { requests: e.REQUESTS_TABLE, register: e.REGISTER_TABLE },
    exportsBucket: e.EXPORTS_BUCKET,
    publicBaseUrl: e.PUBLIC_BASE_URL.replace(/\/+$/, ''),
    senderEmail: e.SENDER_EMAIL,
    ...(e.SES_CONFIGURATION_SET ? { sesConfigurationSet: e.SES_CONFIGURATION_SET } : {}),
    hmacKey: e.HMAC_KEY,
    seal,
    verifyLinkHours: e.VERIFY_LINK_HOURS,
    unverifiedExpiryDays: e.UNVERIFIED_EXPIRY_DAYS,
    exportLinkDays: e.EXPORT_LINK_DAYS,
    presignSeconds: e.PRESIGN_SECONDS,
    rateLimits: { perIp: e.RATE_LIMIT_PER_IP, perEmail: e.RATE_LIMIT_PER_EMAIL, tokenTries: e.RATE_LIMIT_TOKEN_TRIES },
    endpoints: {
      ...(e.DYNAMODB_ENDPOINT ? { dynamodb: e.DYNAMODB_ENDPOINT } : {}),
      ...(e.S3_ENDPOINT ? { s3: e.S3_ENDPOINT } : {}),
      ...(e.SES_ENDPOINT ? { ses: e.SES_ENDPOINT } : {}),
    },
    ...(staffSignIn ? { staffSignIn } : {}),
    controller,
    health: {
      deadLetterQueues: (e.HEALTH_DLQ_URLS ?? '')
        .split(',')
        .filter(Boolean)
        .map((pair) => {
          const at = pair.indexOf('=');
          return { name: pair.slice(0, at), url: pair.slice(at + 1) };
        }),
      requireSesProduction: e.HEALTH_REQUIRE_SES_PRODUCTION === 'true',
      ...(e.HEALTH_SCHEDULE_MAX_AGE_HOURS ? { scheduleMaxAgeHours: e.HEALTH_SCHEDULE_MAX_AGE_HOURS } : {}),
      cacheSeconds: e.HEALTH_CACHE_SECONDS,
    },
  };
};

export type { Language };
