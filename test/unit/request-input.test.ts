import fc from 'fast-check';
import { DecisionInputSchema } from '../../shared/domain/decision-input.schema';
import { normaliseEmail } from '../../shared/domain/email';
import { RequestInputSchema, toRequestInput } from '../../shared/domain/request-input.schema';
import { VerifyInputSchema } from '../../shared/domain/verify-input.schema';
import { LANGUAGES, OBJECTIONS, RECTIFIABLE_FIELDS, REQUEST_TYPES, type RequestType } from '../../shared/domain/types';

/** A subject's request as the public form sends it: valid for every type but rectification and objection. */
const body = (type: RequestType = 'access', extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  type,
  language: 'fi',
  email: 'maija@example.fi',
  firstName: 'Maija',
  lastName: 'Meikäläinen',
  signature: { fullName: 'Maija Meikäläinen', declaration: true },
  ...(type === 'rectification' ? { changes: [{ field: 'lastName', value: 'Uusinimi', reason: 'Married' }] } : {}),
  ...(type === 'objection' ? { objections: ['directMarketing'] } : {}),
  ...extra,
});

const issuePaths = (input: unknown): string[] => {
  const r = RequestInputSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => i.path.map(String).join('.'));
};

const TOP_KEYS = ['type', 'language', 'email', 'firstName', 'lastName', 'details', 'changes', 'objections', 'signature'];
/** The contract's rule for names and free text: no control characters, no bidi embedding/override/isolate marks. */
/* eslint-disable no-control-regex -- matching control characters is the point */
const FORBIDDEN_IN_LINE = /[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;
const FORBIDDEN_IN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;
/* eslint-enable no-control-regex */

describe('RequestInputSchema accepts a valid body of every type', () => {
  test.each(REQUEST_TYPES.map((t) => [t]))('a %s request', (type) => {
    // Prepare
    const input = body(type);

    // Act
    const result = RequestInputSchema.safeParse(input);

    // Assess
    expect(result.success).toBe(true);
  });

  test.each(LANGUAGES.map((l) => [l]))('in language %s', (language) => {
    expect(RequestInputSchema.safeParse(body('access', { language })).success).toBe(true);
  });

  test('every objection at once, and details', () => {
    // Prepare
    const input = body('objection', { objections: [...OBJECTIONS], details: 'Ei markkinointia, kiitos.\nRivi kaksi.\tSarkain.' });

    // Act
    const result = RequestInputSchema.safeParse(input);

    // Assess
    expect(result.success).toBe(true);
  });

  test('a change to each rectifiable field', () => {
    // Prepare
    const changes = RECTIFIABLE_FIELDS.map((field) => ({ field, value: 'Uusi arvo' }));

    // Act
    const result = RequestInputSchema.safeParse(body('rectification', { changes }));

    // Assess
    expect(result.success).toBe(true);
  });

  test('limits are inclusive: 1 and 200 character names, 254 character email, 2000 character details', () => {
    // Prepare
    const email = `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(58)}.fi`;
    const input = body('access', {
      firstName: 'M',
      lastName: 'L'.repeat(200),
      email,
      details: 'x'.repeat(2000),
      signature: { fullName: 'F'.repeat(200), declaration: true },
    });

    // Act
    const result = RequestInputSchema.safeParse(input);

    // Assess
    expect(email).toHaveLength(254);
    expect(result.success).toBe(true);
  });

  test('names keep their letters: Finnish, accented, hyphenated, apostrophes, CJK', () => {
    for (const name of ['Äänekoski-Öhman', "O'Brien", 'José María', '山田 太郎', 'Ngũgĩ']) {
      expect(RequestInputSchema.safeParse(body('access', { lastName: name, signature: { fullName: name, declaration: true } })).success).toBe(true);
    }
  });
});

describe('RequestInputSchema rejects what the contract rules out', () => {
  test.each([
    ['status', 'completed'],
    ['verified', true],
    ['requestId', 'r-1'],
    ['customerId', 'c-1001'],
    ['receivedAt', '2020-01-01T00:00:00Z'],
    ['restricted', false],
    ['isAdmin', true],
  ])('a mass-assigned `%s`', (key, value) => {
    // Prepare
    const input = body('access', { [key]: value });

    // Act
    const result = RequestInputSchema.safeParse(input);

    // Assess
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'unrecognized_keys', keys: [key] })]));
  });

  test('an unknown key in the signature', () => {
    // Prepare
    const input = body('access', { signature: { fullName: 'Maija Meikäläinen', declaration: true, signedAt: '2020-01-01' } });

    // Act
    const paths = issuePaths(input);

    // Assess
    expect(paths).toEqual(['signature']);
  });

  test('an unknown key in a change', () => {
    // Prepare
    const input = body('rectification', { changes: [{ field: 'lastName', value: 'Uusinimi', approved: true }] });

    // Act
    const paths = issuePaths(input);

    // Assess
    expect(paths).toEqual(['changes.0']);
  });

  test('an own `__proto__` key, as JSON.parse makes it', () => {
    // Prepare
    const input: unknown = JSON.parse(`${JSON.stringify(body()).slice(0, -1)},"__proto__":{"status":"completed"}}`);

    // Act
    const result = RequestInputSchema.safeParse(input);

    // Assess
    expect(result.success).toBe(false);
    expect(({} as Record<string, unknown>).status).toBeUndefined();
  });

  test.each([
    ['an empty first name', { firstName: '' }, 'firstName'],
    ['a first name of only spaces', { firstName: '   ' }, 'firstName'],
    ['a 201 character first name', { firstName: 'M'.repeat(201) }, 'firstName'],
    ['an empty last name', { lastName: '' }, 'lastName'],
    ['a 201 character last name', { lastName: 'L'.repeat(201) }, 'lastName'],
    ['an empty signed name', { signature: { fullName: '', declaration: true } }, 'signature.fullName'],
    ['a 201 character signed name', { signature: { fullName: 'F'.repeat(201), declaration: true } }, 'signature.fullName'],
    ['a NUL in a name', { firstName: 'Mai\u0000ja' }, 'firstName'],
    ['a right-to-left override in a name', { lastName: 'Meikäläinen\u202Eexe.txt' }, 'lastName'],
    ['a left-to-right isolate in a signed name', { signature: { fullName: 'Maija \u2066M', declaration: true } }, 'signature.fullName'],
    ['a newline in a name', { firstName: 'Mai\nja' }, 'firstName'],
    ['a DEL in a name', { firstName: 'Mai\u007fja' }, 'firstName'],
    ['2001 characters of details', { details: 'x'.repeat(2001) }, 'details'],
    ['a NUL in details', { details: 'ok\u0000' }, 'details'],
    ['a bidi override in details', { details: 'ok\u202Egnp.exe' }, 'details'],
    ['a 255 character email', { email: `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(59)}.fi` }, 'email'],
    ['a malformed email', { email: 'maija.example.fi' }, 'email'],
    ['an email with spaces', { email: ' maija@example.fi ' }, 'email'],
    ['a declaration that is false', { signature: { fullName: 'Maija Meikäläinen', declaration: false } }, 'signature.declaration'],
    ['a declaration that is the string "true"', { signature: { fullName: 'Maija Meikäläinen', declaration: 'true' } }, 'signature.declaration'],
    ['a signature without the declaration', { signature: { fullName: 'Maija Meikäläinen' } }, 'signature.declaration'],
    ['an unknown type', { type: 'deletion' }, 'type'],
    ['an unknown language', { language: 'sv' }, 'language'],
    ['changes on an access request', { changes: [{ field: 'lastName', value: 'Uusinimi' }] }, 'changes'],
    ['objections on an access request', { objections: ['directMarketing'] }, 'objections'],
    ['a name that is a number', { firstName: 42 }, 'firstName'],
  ])('%s', (_what, override, path) => {
    // Prepare
    const input = body('access', override);

    // Act
    const paths = issuePaths(input);

    // Assess
    expect(paths).toContain(path);
  });

  test.each(['type', 'language', 'email', 'firstName', 'lastName', 'signature'])('a body without `%s`', (key) => {
    // Prepare
    const input = body('access');
    delete input[key];

    // Act
    const paths = issuePaths(input);

    // Assess
    expect(paths).toContain(key);
  });

  test.each([
    ['a rectification without changes', body('rectification', { changes: undefined }), 'changes'],
    ['a rectification with an empty list of changes', body('rectification', { changes: [] }), 'changes'],
    ['a change to a field that cannot be rectified', body('rectification', { changes: [{ field: 'customerId', value: 'c-2' }] }), 'changes.0.field'],
    ['a change with an empty value', body('rectification', { changes: [{ field: 'lastName', value: '' }] }), 'changes.0.value'],
    ['51 changes', body('rectification', { changes: Array.from({ length: 51 }, () => ({ field: 'lastName', value: 'X' })) }), 'changes'],
    ['objections on a rectification', body('rectification', { objections: ['publication'] }), 'objections'],
    ['an objection without objections', body('objection', { objections: undefined }), 'objections'],
    ['an objection with an empty list', body('objection', { objections: [] }), 'objections'],
    ['an unknown objection', body('objection', { objections: ['profiling'] }), 'objections.0'],
    ['the same objection twice', body('objection', { objections: ['directMarketing', 'directMarketing'] }), 'objections'],
    ['changes on an objection', body('objection', { changes: [{ field: 'lastName', value: 'X' }] }), 'changes'],
    ['changes on an erasure', body('erasure', { changes: [{ field: 'lastName', value: 'X' }] }), 'changes'],
  ])('%s', (_what, input, path) => {
    // Act
    const paths = issuePaths(input);

    // Assess
    expect(paths).toContain(path);
  });

  test.each([
    ['null', null],
    ['an array', [body()]],
    ['a string', JSON.stringify(body())],
    ['a number', 1],
    ['an empty object', {}],
  ])('a body that is %s', (_what, input) => {
    expect(RequestInputSchema.safeParse(input).success).toBe(false);
  });
});

describe('toRequestInput', () => {
  test('trims names and drops empty optional parts', () => {
    // Prepare
    const parsed = RequestInputSchema.parse(
      body('access', { firstName: '  Maija ', lastName: ' Meikäläinen', details: '', changes: [], objections: [], signature: { fullName: ' Maija M ', declaration: true } }),
    );

    // Act
    const input = toRequestInput(parsed);

    // Assess
    expect(input).toEqual({
      type: 'access',
      language: 'fi',
      email: 'maija@example.fi',
      firstName: 'Maija',
      lastName: 'Meikäläinen',
      signature: { fullName: 'Maija M', declaration: true },
    });
    expect(Object.keys(input)).not.toEqual(expect.arrayContaining(['details']));
  });

  test('keeps details, changes and objections when given', () => {
    // Prepare
    const rectification = RequestInputSchema.parse(body('rectification', { details: 'Nimi muuttui.' }));
    const objection = RequestInputSchema.parse(body('objection', { objections: ['publication', 'marketResearch'] }));

    // Act
    const r = toRequestInput(rectification);
    const o = toRequestInput(objection);

    // Assess
    expect(r.details).toBe('Nimi muuttui.');
    expect(r.changes).toEqual([{ field: 'lastName', value: 'Uusinimi', reason: 'Married' }]);
    expect(o.objections).toEqual(['publication', 'marketResearch']);
    expect(o.changes).toBeUndefined();
  });
});

describe('normaliseEmail', () => {
  test.each([
    ['Maija@Example.FI', 'maija@example.fi'],
    ['  maija@example.fi\t', 'maija@example.fi'],
    ['MAIJA.MEIKALAINEN+DSR@EXAMPLE.FI', 'maija.meikalainen+dsr@example.fi'],
    ['maija@example.fi', 'maija@example.fi'],
  ])('%s compares as %s', (email, expected) => {
    expect(normaliseEmail(email)).toBe(expected);
  });

  test('is idempotent', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(normaliseEmail(normaliseEmail(s))).toBe(normaliseEmail(s));
      }),
    );
  });
});

describe('VerifyInputSchema', () => {
  test.each([
    ['a token', { token: 'abc_DEF-123' }, true],
    ['an empty token (simply unknown later)', { token: '' }, true],
    ['a 200 character token', { token: 't'.repeat(200) }, true],
    ['a 201 character token', { token: 't'.repeat(201) }, false],
    ['a numeric token', { token: 123 }, false],
    ['no token', {}, false],
    ['an extra key', { token: 'abc', requestId: 'r-1' }, false],
    ['null', null, false],
  ])('%s: accepted %s', (_what, input, accepted) => {
    expect(VerifyInputSchema.safeParse(input).success).toBe(accepted);
  });
});

describe('DecisionInputSchema', () => {
  test.each([
    ['approve', { decision: 'approve' }, true],
    ['approve with a reason', { decision: 'approve', reason: 'Identity confirmed.' }, true],
    ['refuse with a reason', { decision: 'refuse', reason: 'Open invoice i-1.' }, true],
    ['extend with a reason', { decision: 'extend', reason: 'Many requests at once.' }, true],
    ['refuse without a reason', { decision: 'refuse' }, false],
    ['refuse with a blank reason', { decision: 'refuse', reason: '   ' }, false],
    ['extend without a reason', { decision: 'extend' }, false],
    ['extend with an empty reason', { decision: 'extend', reason: '' }, false],
    ['an unknown decision', { decision: 'delete' }, false],
    ['a mass-assigned decidedBy', { decision: 'approve', decidedBy: 'someone' }, false],
    ['a reason of 4001 characters', { decision: 'refuse', reason: 'r'.repeat(4001) }, false],
    ['a reason of 4000 characters', { decision: 'refuse', reason: 'r'.repeat(4000) }, true],
    ['a NUL in the reason', { decision: 'refuse', reason: 'no\u0000' }, false],
  ])('%s: accepted %s', (_what, input, accepted) => {
    // Act
    const result = DecisionInputSchema.safeParse(input);

    // Assess
    expect(result.success).toBe(accepted);
  });

  test('a refusal without a reason points at `reason`', () => {
    // Act
    const result = DecisionInputSchema.safeParse({ decision: 'refuse' });

    // Assess
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['reason']);
  });
});

// ---- properties ------------------------------------------------------------------------------

const cleanLine = (max: number) =>
  fc.string({ unit: 'binary', minLength: 1, maxLength: max }).filter((s) => !FORBIDDEN_IN_LINE.test(s) && s.trim().length >= 1);
const cleanText = (max: number) => fc.string({ unit: 'binary', maxLength: max }).filter((s) => !FORBIDDEN_IN_TEXT.test(s));
const label = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,20}$/);
const email = fc
  .tuple(fc.stringMatching(/^[A-Za-z0-9_+-]{1,30}(\.[A-Za-z0-9_+-]{1,20}){0,2}$/), fc.array(label, { minLength: 1, maxLength: 3 }), fc.stringMatching(/^[a-z]{2,6}$/))
  .map(([local, labels, tld]) => `${local}@${labels.join('.')}.${tld}`);
const objectionsArb = fc.uniqueArray(fc.constantFrom(...OBJECTIONS), { minLength: 1, maxLength: OBJECTIONS.length });
const changesArb = fc.array(
  fc.record({ field: fc.constantFrom(...RECTIFIABLE_FIELDS), value: cleanLine(500), reason: cleanText(200) }, { requiredKeys: ['field', 'value'] }),
  { minLength: 1, maxLength: 5 },
);

const validBody = fc.constantFrom(...REQUEST_TYPES).chain((type) =>
  fc.record(
    {
      type: fc.constant(type),
      language: fc.constantFrom(...LANGUAGES),
      email,
      firstName: cleanLine(200),
      lastName: cleanLine(200),
      details: cleanText(2000),
      changes: type === 'rectification' ? changesArb : fc.constant([]),
      objections: type === 'objection' ? objectionsArb : fc.constant([]),
      signature: fc.record({ fullName: cleanLine(200), declaration: fc.constant(true as const) }),
    },
    { requiredKeys: ['type', 'language', 'email', 'firstName', 'lastName', 'signature', ...(type === 'rectification' ? ['changes' as const] : []), ...(type === 'objection' ? ['objections' as const] : [])] },
  ),
);

/** Bodies near the boundary: each field is either valid or junk, sometimes with extra keys. */
const junk = fc.oneof(
  fc.jsonValue(),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ minLength: 190, maxLength: 2100 }),
  fc.constant(''),
  fc.constant('  '),
  fc.constant('\u202E'),
  fc.boolean(),
);
/** A valid body with up to three fields replaced by junk or removed (the signature's own fields too). */
const fuzzyBody = fc
  .tuple(
    validBody,
    fc.array(fc.tuple(fc.constantFrom(...TOP_KEYS, 'signature.fullName', 'signature.declaration'), fc.option(junk, { nil: undefined })), { maxLength: 3 }),
  )
  .map(([valid, mutations]) => {
    const b: Record<string, unknown> = { ...valid, signature: { ...valid.signature } };
    for (const [path, value] of mutations) {
      const [key, nested] = path.split('.') as [string, string | undefined];
      const target = nested ? b.signature : b;
      if (typeof target !== 'object' || target === null) continue;
      const k = nested ?? key;
      if (value === undefined) delete (target as Record<string, unknown>)[k];
      else (target as Record<string, unknown>)[k] = value;
    }
    return b;
  });
const withExtraKeys = fc
  .tuple(fuzzyBody, fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 2 }))
  .map(([b, extra]) => ({ ...extra, ...b }));

/** What the contract promises of every accepted body, checked on the input and the parsed result. */
const expectWithinContract = (input: Record<string, unknown>, parsed: ReturnType<typeof RequestInputSchema.parse>): void => {
  for (const k of Object.keys(input)) expect(TOP_KEYS).toContain(k);
  expect(Object.keys(input.signature as object).sort()).toEqual(['declaration', 'fullName']);
  expect(REQUEST_TYPES).toContain(parsed.type);
  expect(LANGUAGES).toContain(parsed.language);
  expect(typeof input.email).toBe('string');
  expect((input.email as string).length).toBeLessThanOrEqual(254);
  expect(parsed.email).toMatch(/^[^\s@]+@[^\s@]+\.[A-Za-z]{2,}$/);
  for (const name of [parsed.firstName, parsed.lastName, parsed.signature.fullName]) {
    expect(name.length).toBeGreaterThanOrEqual(1);
    expect(name.length).toBeLessThanOrEqual(200);
    expect(name).toBe(name.trim());
    expect(name).not.toMatch(FORBIDDEN_IN_LINE);
  }
  expect(parsed.signature.declaration).toBe(true);
  if (input.details !== undefined) {
    expect((input.details as string).length).toBeLessThanOrEqual(2000);
    expect(input.details).not.toMatch(FORBIDDEN_IN_TEXT);
  }
  const changes = parsed.changes ?? [];
  const objections = parsed.objections ?? [];
  expect(changes.length > 0).toBe(parsed.type === 'rectification');
  expect(objections.length > 0).toBe(parsed.type === 'objection');
  expect(new Set(objections).size).toBe(objections.length);
  for (const c of changes) expect(Object.keys(c).every((k) => ['field', 'value', 'reason'].includes(k))).toBe(true);
};

describe('RequestInputSchema properties', () => {
  test('never throws on any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (input) => {
        expect(() => RequestInputSchema.safeParse(input)).not.toThrow();
        expect(() => DecisionInputSchema.safeParse(input)).not.toThrow();
        expect(() => VerifyInputSchema.safeParse(input)).not.toThrow();
      }),
    );
  });

  test('never throws on any object, and any object it accepts is within the contract', () => {
    fc.assert(
      fc.property(fc.object({ maxDepth: 3 }), (input) => {
        const result = RequestInputSchema.safeParse(input);
        if (result.success) expectWithinContract(input as Record<string, unknown>, result.data);
      }),
    );
  });

  test('a valid body with any extra key is rejected', () => {
    fc.assert(
      fc.property(
        validBody,
        fc.string({ minLength: 1, maxLength: 20 }).filter((k) => !TOP_KEYS.includes(k)),
        fc.jsonValue({ maxDepth: 2 }),
        (b, key, value) => {
          const input = { ...b };
          Object.defineProperty(input, key, { value, enumerable: true, configurable: true, writable: true });
          expect(RequestInputSchema.safeParse(input).success).toBe(false);
        },
      ),
    );
  });

  test('a body accepted always satisfies the contract limits', () => {
    // Prepare
    let accepted = 0;
    let rejected = 0;

    // Act
    fc.assert(
      fc.property(fc.oneof(fuzzyBody, withExtraKeys), (input) => {
        const result = RequestInputSchema.safeParse(input);
        if (!result.success) {
          rejected += 1;
          return;
        }
        accepted += 1;
        expectWithinContract(input as Record<string, unknown>, result.data);
      }),
      { numRuns: 1000 },
    );

    // Assess: the generator reaches both sides of the boundary, so the property is not vacuous.
    expect(accepted).toBeGreaterThan(0);
    expect(rejected).toBeGreaterThan(0);
  });

  test('a valid body is always accepted, and toRequestInput keeps what was asked', () => {
    fc.assert(
      fc.property(validBody, (input) => {
        const result = RequestInputSchema.safeParse(input);
        expect(result.success).toBe(true);
        if (!result.success) return;
        expectWithinContract(input, result.data);
        const request = toRequestInput(result.data);
        expect(request.type).toBe(input.type);
        expect(request.email).toBe(input.email);
        expect(request.firstName).toBe(input.firstName.trim());
        expect(request.lastName).toBe(input.lastName.trim());
        expect(request.signature).toEqual({ fullName: input.signature.fullName.trim(), declaration: true });
        expect(request.details).toBe(input.details ? input.details : undefined);
        expect(request.changes?.length ?? 0).toBe(input.changes?.length ?? 0);
        expect(request.objections ?? []).toEqual(input.objections ?? []);
      }),
      { numRuns: 300 },
    );
  });
});
