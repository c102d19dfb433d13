import { generateKeyPairSync } from 'node:crypto';
import { ConfigError, ControllerSchema, isEuRegion, loadConfig, mergeDeep, wellflix } from '../../shared/config';

const SEAL_PEM = generateKeyPairSync('ec', {
  namedCurve: 'P-256',
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
}).privateKey;

/** The least the local stack needs to start. */
const minimalEnv = (over: Record<string, string | undefined> = {}): Record<string, string | undefined> => ({
  REQUESTS_TABLE: 'dsr-requests',
  REGISTER_TABLE: 'dsr-register',
  EXPORTS_BUCKET: 'dsr-exports',
  PUBLIC_BASE_URL: 'http://127.0.0.1:3000',
  HMAC_KEY: 'h'.repeat(32),
  SEAL_LOCAL_KEY_PEM: SEAL_PEM,
  ...over,
});

const configError = (env: Record<string, string | undefined>): ConfigError => {
  try {
    loadConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
  throw new Error('loadConfig accepted the environment');
};

describe('loadConfig with a minimal environment', () => {
  test("gives Wellflix Oy's defaults", () => {
    // Act
    const config = loadConfig(minimalEnv());

    // Assess: toMatchObject, so a setting added later does not break the defaults named here.
    expect(config).toMatchObject({
      region: 'eu-north-1',
      tables: { requests: 'dsr-requests', register: 'dsr-register' },
      exportsBucket: 'dsr-exports',
      publicBaseUrl: 'http://127.0.0.1:3000',
      senderEmail: 'tietosuoja@wellflix.fi',
      hmacKey: 'h'.repeat(32),
      seal: { kind: 'local', privateKeyPem: SEAL_PEM },
      verifyLinkHours: 72,
      unverifiedExpiryDays: 7,
      exportLinkDays: 7,
      presignSeconds: 300,
      rateLimits: { perIp: 60, perEmail: 5 },
      endpoints: {},
    });
    expect(config.controller).toEqual(wellflix);
    expect(config.endpoints).toEqual({});
    expect(config).not.toHaveProperty('sesConfigurationSet');
    expect(config.controller.contactPerson.email).toBe('erno.polus@wellflix.fi');
    expect(config.controller.contactPerson.name).toBe('Erno Polus');
    expect(config.controller.retentionYears).toBe(10);
    expect(config.controller.voucherRetentionYears).toBe(6);
    expect(config.controller.financialYearEndMonth).toBe(12);
    expect(config.controller.supervisoryAuthority.name.fi).toBe('Tietosuojavaltuutetun toimisto');
  });

  test('drops trailing slashes from the public base URL, so links never get a double slash', () => {
    expect(loadConfig(minimalEnv({ PUBLIC_BASE_URL: 'https://privacy.wellflix.fi//' })).publicBaseUrl).toBe('https://privacy.wellflix.fi');
  });

  test('reads every optional setting', () => {
    // Prepare
    const env = minimalEnv({
      AWS_REGION: 'eu-central-1',
      SENDER_EMAIL: 'privacy@wellflix.fi',
      SES_CONFIGURATION_SET: 'dsr',
      VERIFY_LINK_HOURS: '24',
      UNVERIFIED_EXPIRY_DAYS: '3',
      EXPORT_LINK_DAYS: '14',
      PRESIGN_SECONDS: '900',
      RATE_LIMIT_PER_EMAIL: '2',
      RATE_LIMIT_TOKEN_TRIES: '10',
      DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000',
      S3_ENDPOINT: 'http://127.0.0.1:4569',
      SES_ENDPOINT: 'http://127.0.0.1:8005',
    });

    // Act
    const config = loadConfig(env);

    // Assess
    expect(config).toMatchObject({
      region: 'eu-central-1',
      senderEmail: 'privacy@wellflix.fi',
      sesConfigurationSet: 'dsr',
      verifyLinkHours: 24,
      unverifiedExpiryDays: 3,
      exportLinkDays: 14,
      presignSeconds: 900,
      rateLimits: { perIp: 60, perEmail: 2, tokenTries: 10 },
      endpoints: { dynamodb: 'http://127.0.0.1:8000', s3: 'http://127.0.0.1:4569', ses: 'http://127.0.0.1:8005' },
    });
  });

  test('a KMS key id makes the seal signer KMS, and wins over a local key', () => {
    // Act
    const config = loadConfig(minimalEnv({ SEAL_KMS_KEY_ID: 'arn:aws:kms:eu-north-1:111111111111:key/abc' }));

    // Assess
    expect(config.seal).toEqual({ kind: 'kms', keyId: 'arn:aws:kms:eu-north-1:111111111111:key/abc' });
  });
});

describe('loadConfig refuses a broken environment at start-up', () => {
  test.each(['REQUESTS_TABLE', 'REGISTER_TABLE', 'EXPORTS_BUCKET', 'PUBLIC_BASE_URL', 'HMAC_KEY'])('a missing %s is named', (name) => {
    // Act
    const error = configError(minimalEnv({ [name]: undefined }));

    // Assess
    expect(error.name).toBe('ConfigError');
    expect(error.message).toContain(name);
  });

  test('every missing variable is named at once', () => {
    // Act
    const error = configError({});

    // Assess
    for (const name of ['REQUESTS_TABLE', 'REGISTER_TABLE', 'EXPORTS_BUCKET', 'PUBLIC_BASE_URL', 'HMAC_KEY']) expect(error.message).toContain(name);
  });

  test('an empty table name counts as missing', () => {
    expect(configError(minimalEnv({ REQUESTS_TABLE: '' })).message).toContain('REQUESTS_TABLE');
  });

  test('an HMAC key shorter than 32 characters is refused', () => {
    expect(configError(minimalEnv({ HMAC_KEY: 'h'.repeat(31) })).message).toContain('HMAC_KEY');
  });

  test('a public base URL that is not a URL is refused', () => {
    expect(configError(minimalEnv({ PUBLIC_BASE_URL: 'privacy.wellflix.fi' })).message).toContain('PUBLIC_BASE_URL');
  });

  test('without a seal key of either kind', () => {
    expect(configError(minimalEnv({ SEAL_LOCAL_KEY_PEM: undefined })).message).toMatch(/SEAL_KMS_KEY_ID.*SEAL_LOCAL_KEY_PEM/);
  });

  test.each([
    ['RATE_LIMIT_PER_IP', 'abc'],
    ['RATE_LIMIT_PER_IP', '0'],
    ['RATE_LIMIT_PER_IP', '-5'],
    ['RATE_LIMIT_PER_IP', '1.5'],
    ['RATE_LIMIT_PER_EMAIL', 'many'],
    ['EXPORT_LINK_DAYS', '0'],
    ['PRESIGN_SECONDS', '901'],
    ['SENDER_EMAIL', 'not-an-address'],
    ['CONTACT_EMAIL', 'not-an-address'],
    ['DYNAMODB_ENDPOINT', 'localhost'],
  ])('%s=%s is refused and named', (name, value) => {
    expect(configError(minimalEnv({ [name]: value })).message).toContain(name);
  });
});

describe('personal data stays in the EU', () => {
  test.each(['us-east-1', 'eu-west-2', 'ap-northeast-1', 'il-central-1', 'me-central-1', 'ca-central-1', 'eu-north-2', 'EU-NORTH-1', ''])(
    'the region %p is refused',
    (region) => {
      // Act
      const error = configError(minimalEnv({ AWS_REGION: region }));

      // Assess
      expect(error).toBeInstanceOf(ConfigError);
    },
  );

  test('the refusal names the region and says why', () => {
    expect(configError(minimalEnv({ AWS_REGION: 'us-east-1' })).message).toMatch(/us-east-1.*outside the EU/);
  });

  test.each(['eu-north-1', 'eu-west-1', 'eu-west-3', 'eu-central-1', 'eu-south-1', 'eu-south-2'])('the EU region %s is accepted', (region) => {
    // Act
    const config = loadConfig(minimalEnv({ AWS_REGION: region }));

    // Assess
    expect(config.region).toBe(region);
    expect(isEuRegion(region)).toBe(true);
  });

  test('London (eu-west-2) is outside the EU', () => {
    expect(isEuRegion('eu-west-2')).toBe(false);
  });
});

describe('CONTROLLER_JSON: another controller over the defaults', () => {
  test('deep-merges: the fields given change, the rest stay', () => {
    // Prepare
    const override = { name: 'Toinen Oy', retentionYears: 5, contactPerson: { name: 'Liisa Lindqvist' }, processing: { purposes: { en: 'Selling books.' } } };

    // Act
    const { controller } = loadConfig(minimalEnv({ CONTROLLER_JSON: JSON.stringify(override) }));

    // Assess
    expect(controller.name).toBe('Toinen Oy');
    expect(controller.retentionYears).toBe(5);
    expect(controller.contactPerson).toEqual({ name: 'Liisa Lindqvist', email: 'erno.polus@wellflix.fi', phone: wellflix.contactPerson.phone });
    expect(controller.processing.purposes).toEqual({ fi: wellflix.processing.purposes.fi, en: 'Selling books.' });
    expect(controller.processing.rights).toEqual(wellflix.processing.rights);
    expect(controller.supervisoryAuthority).toEqual(wellflix.supervisoryAuthority);
    expect(controller.voucherRetentionYears).toBe(6);
  });

  test('lists are replaced, not merged', () => {
    // Act
    const { controller } = loadConfig(minimalEnv({ CONTROLLER_JSON: JSON.stringify({ languages: ['en'], recipients: [] }) }));

    // Assess
    expect(controller.languages).toEqual(['en']);
    expect(controller.recipients).toEqual([]);
  });

  test('does not change the built-in defaults', () => {
    // Prepare
    const before = structuredClone(wellflix);

    // Act
    loadConfig(minimalEnv({ CONTROLLER_JSON: JSON.stringify({ name: 'Toinen Oy', contactPerson: { name: 'X' }, processing: { rights: { fi: 'x' } } }) }));

    // Assess
    expect(wellflix).toEqual(before);
  });

  test('invalid JSON is refused', () => {
    expect(configError(minimalEnv({ CONTROLLER_JSON: '{"name": "Toinen Oy",' })).message).toContain('CONTROLLER_JSON');
  });

  test.each([
    ['a non-positive retention', { retentionYears: 0 }, 'retentionYears'],
    ['a fractional retention', { retentionYears: 2.5 }, 'retentionYears'],
    ['a 13th month', { financialYearEndMonth: 13 }, 'financialYearEndMonth'],
    ['a bad contact email', { contactPerson: { email: 'nobody' } }, 'contactPerson.email'],
    ['an unknown language', { languages: ['sv'] }, 'languages'],
    ['an empty name', { name: '' }, 'name'],
  ])('a controller with %s is refused, naming the field', (_what, override, field) => {
    expect(configError(minimalEnv({ CONTROLLER_JSON: JSON.stringify(override) })).message).toContain(field);
  });

  test.each(['[]', '5', '"Toinen Oy"', 'null'])('a controller that is not an object (%s) is refused', (json) => {
    expect(configError(minimalEnv({ CONTROLLER_JSON: json }))).toBeInstanceOf(ConfigError);
  });

  test('`__proto__`, `constructor` and `prototype` keys do not pollute Object.prototype', () => {
    // Prepare
    const json = '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted2":"yes"}},"processing":{"__proto__":{"polluted3":"yes"}},"name":"Toinen Oy"}';

    // Act
    const { controller } = loadConfig(minimalEnv({ CONTROLLER_JSON: json }));

    // Assess
    const probe: Record<string, unknown> = {};
    expect(probe.polluted).toBeUndefined();
    expect(probe.polluted2).toBeUndefined();
    expect(probe.polluted3).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect((controller as unknown as Record<string, unknown>).polluted).toBeUndefined();
    expect((controller.processing as unknown as Record<string, unknown>).polluted3).toBeUndefined();
    expect(controller.name).toBe('Toinen Oy');
  });
});

describe('CONTACT_EMAIL', () => {
  test("overrides the contact person's address and keeps the name", () => {
    // Act
    const { controller } = loadConfig(minimalEnv({ CONTACT_EMAIL: 'rekisteri@wellflix.fi' }));

    // Assess
    expect(controller.contactPerson).toEqual({ name: 'Erno Polus', email: 'rekisteri@wellflix.fi', phone: wellflix.contactPerson.phone });
    expect(wellflix.contactPerson.email).toBe('erno.polus@wellflix.fi');
  });

  test('wins over the address in CONTROLLER_JSON', () => {
    // Act
    const { controller } = loadConfig(
      minimalEnv({ CONTACT_EMAIL: 'rekisteri@toinen.fi', CONTROLLER_JSON: JSON.stringify({ contactPerson: { name: 'Liisa', email: 'liisa@toinen.fi' } }) }),
    );

    // Assess
    expect(controller.contactPerson).toMatchObject({ name: 'Liisa', email: 'rekisteri@toinen.fi' });
  });
});

describe('STAFF_AUTH_DOMAIN and STAFF_CLIENT_ID: the console\'s hosted sign-in', () => {
  test('absent: no hosted sign-in (the local stack, where a pasted token signs in)', () => {
    expect(loadConfig(minimalEnv()).staffSignIn).toBeUndefined();
  });

  test('both given: the hosted UI\'s origin and the client id', () => {
    const config = loadConfig(minimalEnv({ STAFF_AUTH_DOMAIN: 'https://dsr-staff-1.auth.eu-north-1.amazoncognito.com/', STAFF_CLIENT_ID: '4ab5cd6ef7gh' }));
    expect(config.staffSignIn).toEqual({ domain: 'https://dsr-staff-1.auth.eu-north-1.amazoncognito.com', clientId: '4ab5cd6ef7gh' });
  });

  test('a test double on loopback may speak plain http', () => {
    expect(loadConfig(minimalEnv({ STAFF_AUTH_DOMAIN: 'http://127.0.0.1:4100', STAFF_CLIENT_ID: 'c' })).staffSignIn?.domain).toBe('http://127.0.0.1:4100');
  });

  test.each([
    ['only the domain', { STAFF_AUTH_DOMAIN: 'https://x.auth.eu-north-1.amazoncognito.com' }, 'STAFF_CLIENT_ID'],
    ['only the client', { STAFF_CLIENT_ID: 'abc' }, 'STAFF_AUTH_DOMAIN'],
    ['plain http elsewhere', { STAFF_AUTH_DOMAIN: 'http://x.auth.eu-north-1.amazoncognito.com', STAFF_CLIENT_ID: 'abc' }, 'https'],
    ['a domain that is no URL', { STAFF_AUTH_DOMAIN: 'x.auth', STAFF_CLIENT_ID: 'abc' }, 'STAFF_AUTH_DOMAIN'],
    ['a client id with markup', { STAFF_AUTH_DOMAIN: 'https://x.example', STAFF_CLIENT_ID: '"><script>' }, 'STAFF_CLIENT_ID'],
  ])('%s fails the start', (_what, env, named) => {
    expect(configError(minimalEnv(env)).message).toContain(named);
  });
});

describe('RATE_LIMIT_PER_IP', () => {
  test.each([
    ['1', 1],
    ['120', 120],
    [' 30 ', 30],
  ])('%p is read as %i', (value, expected) => {
    expect(loadConfig(minimalEnv({ RATE_LIMIT_PER_IP: value })).rateLimits).toMatchObject({ perIp: expected, perEmail: 5 });
  });
});

describe('mergeDeep', () => {
  test('objects merge, everything else replaces, undefined keeps the base', () => {
    // Prepare
    const base = { a: { b: 1, c: [1, 2] }, d: 'x' };

    // Act
    const merged = mergeDeep(base, { a: { c: [3] }, d: undefined, e: null });

    // Assess
    expect(merged).toEqual({ a: { b: 1, c: [3] }, d: 'x', e: null });
    expect(base).toEqual({ a: { b: 1, c: [1, 2] }, d: 'x' });
    expect(mergeDeep(base, undefined)).toBe(base);
  });
});

test('the built-in Wellflix controller passes the controller schema (start-up trusts it unchecked)', () => {
  // Act
  const checked = ControllerSchema().safeParse(wellflix);

  // Assess
  expect(checked.success).toBe(true);
});
