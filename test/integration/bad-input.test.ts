/**
 * Bad input over real HTTP: each bad body gets a 4xx with `error.code`, nothing is stored and
 * nothing is mailed; and random bodies and content types (fast-check) never get a 5xx.
 */
import fc from 'fast-check';
import { startTestApp, type TestApp } from '../helpers/app';
import { registerPii } from '../helpers/capture-logs';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.stop());

const EMAIL = 'bad-input.subject@example.test';
registerPii(EMAIL, 'Kokeilija', 'Tiina Kokeilija');

const valid = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  type: 'access',
  language: 'fi',
  email: EMAIL,
  firstName: 'Tiina',
  lastName: 'Kokeilija',
  signature: { fullName: 'Tiina Kokeilija', declaration: true },
  ...over,
});
const without = (key: string) => {
  const { [key]: _gone, ...rest } = valid();
  return rest;
};
const signedWith = (signature: unknown) => valid({ signature });

interface Case {
  name: string;
  path?: string;
  /** A value is sent as JSON; a string or bytes as they are. */
  body: unknown;
  contentType?: string | null;
  status: number;
  code: string;
}

const KiB = 1024;
const cases: Case[] = [
  // Transport: type, size, syntax
  { name: 'malformed JSON', body: '{"type": "access", ', status: 400, code: 'malformed_json' },
  { name: 'an empty body', body: '', status: 400, code: 'malformed_json' },
  { name: 'JSON with a trailing comma', body: '{"type":"access",}', status: 400, code: 'malformed_json' },
  { name: 'text/plain', body: JSON.stringify(valid()), contentType: 'text/plain', status: 415, code: 'unsupported_media_type' },
  { name: 'a form post', body: 'type=access&email=x', contentType: 'application/x-www-form-urlencoded', status: 415, code: 'unsupported_media_type' },
  { name: 'no content type', body: new TextEncoder().encode(JSON.stringify(valid())), contentType: null, status: 415, code: 'unsupported_media_type' },
  { name: 'a body just over 16 KiB', body: JSON.stringify(valid({ details: 'a'.repeat(16 * KiB) })), status: 413, code: 'payload_too_large' },
  { name: 'a body of 2 MiB', body: JSON.stringify(valid({ details: 'a'.repeat(2048 * KiB) })), status: 413, code: 'payload_too_large' },
  { name: 'over 16 KiB of whitespace around a valid body', body: `${' '.repeat(16 * KiB)}${JSON.stringify(valid())}`, status: 413, code: 'payload_too_large' },
  // Shape
  { name: 'an array', body: [valid()], status: 400, code: 'validation_failed' },
  { name: 'null', body: 'null', status: 400, code: 'validation_failed' },
  { name: 'a string', body: '"access"', status: 400, code: 'validation_failed' },
  { name: 'an empty object', body: {}, status: 400, code: 'validation_failed' },
  // Unknown keys and mass assignment
  { name: 'an unknown key', body: valid({ nickname: 'T' }), status: 400, code: 'validation_failed' },
  { name: 'an unknown key in the signature', body: signedWith({ fullName: 'Tiina Kokeilija', declaration: true, at: 'now' }), status: 400, code: 'validation_failed' },
  { name: 'an unknown key in a change', body: valid({ type: 'rectification', changes: [{ field: 'lastName', value: 'Uusi', approved: true }] }), status: 400, code: 'validation_failed' },
  { name: 'mass-assigned status', body: valid({ status: 'verified' }), status: 400, code: 'validation_failed' },
  { name: 'mass-assigned verified', body: valid({ verified: true }), status: 400, code: 'validation_failed' },
  { name: 'mass-assigned requestId', body: valid({ requestId: '00000000-0000-4000-8000-000000000000' }), status: 400, code: 'validation_failed' },
  { name: 'mass-assigned customerId', body: valid({ customerId: 'c-1001' }), status: 400, code: 'validation_failed' },
  { name: 'mass-assigned dueAt', body: valid({ dueAt: '2099-01-01T00:00:00.000Z' }), status: 400, code: 'validation_failed' },
  { name: 'mass-assigned seal', body: valid({ seal: { digest: '0', signature: '0' } }), status: 400, code: 'validation_failed' },
  { name: 'mass-assigned effects', body: valid({ effects: ['mail:verify'] }), status: 400, code: 'validation_failed' },
  { name: 'mass-assigned pk', body: valid({ pk: 'REQ#x', sk: 'REQUEST' }), status: 400, code: 'validation_failed' },
  { name: 'a __proto__ key', body: `{"__proto__":{"status":"verified"},${JSON.stringify(valid()).slice(1)}`, status: 400, code: 'validation_failed' },
  // Missing or wrong values
  ...['type', 'language', 'email', 'firstName', 'lastName', 'signature'].map(
    (key): Case => ({ name: `no ${key}`, body: without(key), status: 400, code: 'validation_failed' }),
  ),
  { name: 'an unknown type', body: valid({ type: 'deletion' }), status: 400, code: 'validation_failed' },
  { name: 'an unknown language', body: valid({ language: 'sv' }), status: 400, code: 'validation_failed' },
  { name: 'an address that is not one', body: valid({ email: 'not-an-address' }), status: 400, code: 'validation_failed' },
  { name: 'a blank first name', body: valid({ firstName: '   ' }), status: 400, code: 'validation_failed' },
  { name: 'a control character in a name', body: valid({ lastName: 'Kokei\u0007lija' }), status: 400, code: 'validation_failed' },
  { name: 'a bidi override in a name', body: valid({ lastName: 'Kokei\u202elija' }), status: 400, code: 'validation_failed' },
  { name: 'a number for a name', body: valid({ firstName: 42 }), status: 400, code: 'validation_failed' },
  // Over-long text
  { name: 'a 201-character first name', body: valid({ firstName: 'a'.repeat(201) }), status: 400, code: 'validation_failed' },
  { name: 'a 201-character last name', body: valid({ lastName: 'ä'.repeat(201) }), status: 400, code: 'validation_failed' },
  { name: 'a 201-character signature name', body: signedWith({ fullName: 'b'.repeat(201), declaration: true }), status: 400, code: 'validation_failed' },
  { name: 'a 255-character address', body: valid({ email: `${'c'.repeat(242)}@example.test` }), status: 400, code: 'validation_failed' },
  { name: '2001 characters of details', body: valid({ details: 'd'.repeat(2001) }), status: 400, code: 'validation_failed' },
  // The signature's declaration
  ...[false, 'true', 1, null].map((declaration): Case => ({
    name: `a declaration of ${JSON.stringify(declaration)}`, body: signedWith({ fullName: 'Tiina Kokeilija', declaration }), status: 400, code: 'validation_failed',
  })),
  { name: 'no declaration', body: signedWith({ fullName: 'Tiina Kokeilija' }), status: 400, code: 'validation_failed' },
  { name: 'no signature name', body: signedWith({ declaration: true }), status: 400, code: 'validation_failed' },
  // Type-specific parts
  { name: 'rectification without changes', body: valid({ type: 'rectification' }), status: 400, code: 'validation_failed' },
  { name: 'rectification with no change in the list', body: valid({ type: 'rectification', changes: [] }), status: 400, code: 'validation_failed' },
  { name: 'a change of a field that cannot be rectified', body: valid({ type: 'rectification', changes: [{ field: 'customerId', value: 'c-1' }] }), status: 400, code: 'validation_failed' },
  { name: 'changes on an access request', body: valid({ changes: [{ field: 'lastName', value: 'Uusi' }] }), status: 400, code: 'validation_failed' },
  { name: 'objection without objections', body: valid({ type: 'objection' }), status: 400, code: 'validation_failed' },
  { name: 'objection with no objection in the list', body: valid({ type: 'objection', objections: [] }), status: 400, code: 'validation_failed' },
  { name: 'an unknown objection', body: valid({ type: 'objection', objections: ['profiling'] }), status: 400, code: 'validation_failed' },
  { name: 'the same objection twice', body: valid({ type: 'objection', objections: ['publication', 'publication'] }), status: 400, code: 'validation_failed' },
  { name: 'objections on an erasure request', body: valid({ type: 'erasure', objections: ['publication'] }), status: 400, code: 'validation_failed' },
  // Confirmation
  { name: 'verify: malformed JSON', path: '/requests/verify', body: '{"token":', status: 400, code: 'malformed_json' },
  { name: 'verify: text/plain', path: '/requests/verify', body: '{"token":"x"}', contentType: 'text/plain', status: 415, code: 'unsupported_media_type' },
  { name: 'verify: no token', path: '/requests/verify', body: {}, status: 400, code: 'validation_failed' },
  { name: 'verify: a number for a token', path: '/requests/verify', body: { token: 7 }, status: 400, code: 'validation_failed' },
  { name: 'verify: an unknown key', path: '/requests/verify', body: { token: 'x', requestId: 'y' }, status: 400, code: 'validation_failed' },
  { name: 'verify: over 16 KiB', path: '/requests/verify', body: { token: 'x'.repeat(17 * KiB) }, status: 413, code: 'payload_too_large' },
];

type Body = string | Uint8Array;
const send = (path: string, body: Body, contentType: string | null | undefined) =>
  fetch(`${app.url}${path}`, {
    method: 'POST',
    // A Uint8Array body gets no content type of its own from fetch; a string gets text/plain unless told.
    headers: contentType === null ? {} : { 'content-type': contentType ?? 'application/json' },
    body: body as NonNullable<Parameters<typeof fetch>[1]>['body'],
  });

interface ErrorBody { error: { code: string; message: string; issues?: unknown[] } }
const isErrorBody = (b: unknown): b is ErrorBody => {
  const e = (b as { error?: unknown } | null)?.error as { code?: unknown; message?: unknown; issues?: unknown } | undefined;
  return typeof e?.code === 'string' && typeof e.message === 'string' && (e.issues === undefined || Array.isArray(e.issues));
};

describe('each bad request gets a 4xx with error.code', () => {
  test.each(cases)('$name → $status $code', async ({ path = '/requests', body, contentType, status, code }) => {
    // Act
    const raw = typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body);
    const res = await send(path, raw, contentType);
    // Assess
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const answer = await res.text();
    const parsed: unknown = JSON.parse(answer);
    expect(isErrorBody(parsed)).toBe(true);
    expect((parsed as ErrorBody).error.code).toBe(code);
    // Issues name paths and codes, never the values sent.
    expect(answer).not.toContain(EMAIL);
    expect(answer).not.toContain('Kokeilija');
  });

  test('after all of them nothing is stored and nothing is mailed', async () => {
    await app.settle();
    const items = await app.scanAll('requests');
    expect(items.filter((i) => i.sk === 'REQUEST' || String(i.sk).startsWith('AUDIT#') || String(i.pk).startsWith('TOKEN#'))).toEqual([]);
    expect(await app.mails()).toEqual([]);
  });
});

describe('random bodies and content types never get a 5xx', () => {
  const FIELDS = ['type', 'language', 'email', 'firstName', 'lastName', 'details', 'changes', 'objections', 'signature'] as const;
  const MAX: Record<string, number> = { email: 254, firstName: 200, lastName: 200, details: 2000 };

  const validBody = fc
    .record({
      type: fc.constantFrom('access', 'portability', 'erasure', 'restriction', 'rectification', 'objection'),
      language: fc.constantFrom('fi', 'en'),
      details: fc.option(fc.string({ maxLength: 200 }), { nil: undefined }),
    })
    .map(({ type, details }) =>
      valid({
        type,
        ...(details !== undefined ? { details } : {}),
        ...(type === 'rectification' ? { changes: [{ field: 'lastName', value: 'Uusinimi', reason: 'naimisiin' }] } : {}),
        ...(type === 'objection' ? { objections: ['directMarketing'] } : {}),
      }),
    );

  /** Changes that always make a valid body invalid, so every answer must be a 4xx. */
  type Mutate = (b: Record<string, unknown>) => unknown;
  const mutation: fc.Arbitrary<Mutate> = fc.oneof<fc.Arbitrary<Mutate>[]>(
    fc
      .tuple(fc.string({ minLength: 1, maxLength: 20 }).filter((k) => !(FIELDS as readonly string[]).includes(k) && k !== '__proto__'), fc.jsonValue())
      .map(([k, v]) => (b: Record<string, unknown>) => ({ ...b, [k]: v })),
    fc
      .tuple(fc.string({ minLength: 1, maxLength: 20 }).filter((k) => k !== 'fullName' && k !== 'declaration' && k !== '__proto__'), fc.jsonValue())
      .map(([k, v]) => (b: Record<string, unknown>) => ({ ...b, signature: { ...(b.signature as object), [k]: v } })),
    fc
      .tuple(fc.constantFrom(...FIELDS), fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.dictionary(fc.string(), fc.jsonValue(), { minKeys: 1 })))
      .map(([k, v]) => (b: Record<string, unknown>) => ({ ...b, [k]: v })),
    fc
      .tuple(fc.constantFrom(...Object.keys(MAX)), fc.integer({ min: 1, max: 600 }), fc.constantFrom('x', 'ö', '€'))
      .map(([k, extra, ch]) => (b: Record<string, unknown>) => ({ ...b, [k]: k === 'email' ? `${ch.repeat(MAX[k]! + extra)}@example.test` : ch.repeat(MAX[k]! + extra) })),
    fc
      .tuple(fc.integer({ min: 1, max: 600 }), fc.constantFrom('x', 'ö'))
      .map(([extra, ch]) => (b: Record<string, unknown>) => ({ ...b, signature: { fullName: ch.repeat(200 + extra), declaration: true } })),
    fc
      .oneof(fc.constant(false), fc.constant('true'), fc.integer(), fc.constant(null), fc.constant(undefined))
      .map((declaration) => (b: Record<string, unknown>) => ({ ...b, signature: { fullName: 'Tiina Kokeilija', declaration } })),
    fc.constantFrom('type', 'language', 'email', 'firstName', 'lastName', 'signature').map((k) => (b: Record<string, unknown>) => {
      const { [k]: _gone, ...rest } = b;
      return rest;
    }),
    fc.constantFrom('status', 'verified', 'requestId', 'customerId', 'receivedAt', 'auditSeq', 'emailHash').map((k) => (b: Record<string, unknown>) => ({ ...b, [k]: 'x' })),
  );

  const bodies: fc.Arbitrary<{ body: Body; path: string }> = fc.oneof(
    fc.record({ body: fc.jsonValue().map((v) => JSON.stringify(v) ?? 'null'), path: fc.constantFrom('/requests', '/requests/verify') }),
    fc.record({ body: fc.object().map((v) => JSON.stringify(v)), path: fc.constant('/requests') }),
    fc.record({ body: fc.tuple(validBody, mutation).map(([b, m]) => JSON.stringify(m(b))), path: fc.constant('/requests') }),
    fc.record({ body: fc.string({ maxLength: 300 }), path: fc.constantFrom('/requests', '/requests/verify') }),
    fc.record({ body: fc.uint8Array({ maxLength: 300 }), path: fc.constantFrom('/requests', '/requests/verify') }),
    fc.record({
      body: fc.tuple(validBody, fc.integer({ min: 15 * KiB, max: 40 * KiB })).map(([b, n]) => JSON.stringify({ ...b, details: 'p'.repeat(n) })),
      path: fc.constant('/requests'),
    }),
  );

  const contentTypes: fc.Arbitrary<string | null> = fc.oneof(
    { arbitrary: fc.constant('application/json'), weight: 4 },
    fc.constantFrom(
      'application/json; charset=utf-8',
      'application/problem+json',
      'APPLICATION/JSON',
      'application/json;',
      'text/plain',
      'text/plain;charset=UTF-8',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/xml',
      '*/*',
      '',
    ),
    fc.stringMatching(/^[a-z]{1,12}\/[a-z0-9.+-]{1,24}(; ?[a-z]{1,8}=[a-z0-9-]{1,12})?$/),
    fc.constant(null),
  );

  test('fast-check: 4xx with the error shape for every random body', async () => {
    await fc.assert(
      fc.asyncProperty(bodies, contentTypes, async ({ body, path }, contentType) => {
        const res = await send(path, body, contentType);
        const text = await res.text();
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(isErrorBody(JSON.parse(text))).toBe(true);
      }),
      { numRuns: 150 },
    );
    // Not one of them was filed.
    const items = await app.scanAll('requests');
    expect(items.filter((i) => i.sk === 'REQUEST')).toEqual([]);
  });

  test('control: the bodies the bad ones and the mutations start from are accepted', async () => {
    // Four at most: the per-address limit is five a day.
    for (const body of [valid(), ...fc.sample(validBody, { numRuns: 3, seed: 42 })]) {
      const res = await send('/requests', JSON.stringify(body), 'application/json');
      expect(res.status).toBe(202);
    }
    expect((await app.scanAll('requests')).filter((i) => i.sk === 'REQUEST')).toHaveLength(4);
  });
});
