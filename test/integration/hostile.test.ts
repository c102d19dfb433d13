import { SignJWT } from 'jose';
import { generateKeyPairSync } from 'node:crypto';
import { startTestApp, wellflixRegister, type TestApp } from '../helpers/app';
import { registerPii } from '../helpers/capture-logs';

/**
 * Hostile requests across every route: each gets a 4xx (never a 5xx), and nothing in either table
 * changes. Abuse counters (RATE# items) are the one thing a hostile request may move: counting
 * attempts is how guessing is stopped.
 */
let app: TestApp;
let staff: string;
let requestId: string;
let usedToken: string;
let exportLink: string;

beforeAll(async () => {
  app = await startTestApp();
  await app.seed(wellflixRegister());
  staff = await app.staffToken();
  // One real access request, verified and answered, so tokens can be reused and links forged from real ones.
  const res = await app.post('/requests', {
    type: 'access', language: 'en', email: 'maija@example.fi', firstName: 'Maija', lastName: 'Meikäläinen',
    signature: { fullName: 'Maija Meikäläinen', declaration: true },
  });
  requestId = ((await res.json()) as { requestId: string }).requestId;
  await app.settle();
  usedToken = /verify\?token=([A-Za-z0-9_-]+)/.exec((await app.mails()).map((m) => m.text).join('\n'))?.[1] ?? '';
  expect((await app.post('/requests/verify', { token: usedToken })).status).toBe(200);
  await app.settle();
  exportLink = /(\/exports\/[a-f0-9]{32})\?token=/.exec((await app.mails()).map((m) => m.text).join('\n'))?.[1] ?? '';
  expect(exportLink).not.toBe('');
});
afterAll(() => app?.stop());

const valid = {
  type: 'access', language: 'fi', email: 'hostile@example.test', firstName: 'Hostile', lastName: 'Tester',
  signature: { fullName: 'Hostile Tester', declaration: true },
};
registerPii('hostile@example.test', 'Hostile Tester');

const forgedToken = async () => {
  // Signed by a key the local issuer never had: the authorizer must refuse it.
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return new SignJWT({ email: 'attacker@example.test' })
    .setProtectedHeader({ alg: 'ES256' })
    .setIssuer('https://local.dsr/staff')
    .setAudience('dsr-staff')
    .setSubject('attacker@example.test')
    .setExpirationTime('1h')
    .sign(privateKey);
};
const noneAlgToken = () =>
  `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify({ email: 'x@example.test', iss: 'https://local.dsr/staff', aud: 'dsr-staff' })).toString('base64url')}.`;

let nested = '0';
for (let i = 0; i < 5000; i++) nested = `[${nested}]`;

type Case = { name: string; method: string; path: string; body?: string | object; headers?: Record<string, string> | (() => Promise<Record<string, string>>) };

const post = (name: string, body: string | object, headers?: Record<string, string>): Case => ({ name, method: 'POST', path: '/requests', body, ...(headers ? { headers } : {}) });
const cases: Case[] = [
  // POST /requests: injection, encodings, shapes
  post('SQL injection in email', { ...valid, email: "a@b.fi' OR '1'='1" }),
  post('NoSQL operator as email', { ...valid, email: { $ne: null } }),
  post('script tag as email', { ...valid, email: '<script>alert(1)</script>@x.fi' }),
  post('header injection in email', { ...valid, email: 'victim@example.test\r\nBcc: everyone@example.test' }),
  post('NUL in first name', { ...valid, firstName: 'Ma\u0000ija' }),
  post('bidi override in last name', { ...valid, lastName: 'evil\u202Etxt.exe' }),
  post('bidi isolate in signature', { ...valid, signature: { fullName: 'A\u2066B', declaration: true } }),
  post('NUL in details', { ...valid, details: 'ok\u0000' }),
  post('unknown type', { ...valid, type: 'delete_everything' }),
  post('type as array', { ...valid, type: ['access'] }),
  post('language outside fi/en', { ...valid, language: 'sv' }),
  post('__proto__ key', `{"__proto__":{"admin":true},${JSON.stringify(valid).slice(1)}`),
  post('constructor.prototype key', { ...valid, constructor: { prototype: { polluted: true } } }),
  post('nested __proto__ in signature', `{${JSON.stringify(valid).slice(1, -1).replace('"declaration":true', '"declaration":true,"__proto__":{"x":1}')}}`),
  post('mass-assigned status', { ...valid, status: 'completed' }),
  post('mass-assigned requestId', { ...valid, requestId: 'my-own-id' }),
  post('mass-assigned verified', { ...valid, verified: true }),
  post('mass-assigned customerId', { ...valid, customerId: 'c-1001' }),
  post('mass-assigned dueAt', { ...valid, dueAt: '2099-01-01T00:00:00Z' }),
  post('declaration as string', { ...valid, signature: { fullName: 'Hostile Tester', declaration: 'true' } }),
  post('declaration false', { ...valid, signature: { fullName: 'Hostile Tester', declaration: false } }),
  post('deeply nested JSON', nested),
  post('object as details', { ...valid, details: { a: { b: { c: 1 } } } }),
  post('body over 16 KiB', { ...valid, details: 'x'.repeat(17 * 1024) }),
  post('2 MB body', 'x'.repeat(2 * 1024 * 1024)),
  post('JSON null', 'null'),
  post('JSON array', '[]'),
  post('JSON string', '"access"'),
  post('truncated JSON', '{"type":"access",'),
  post('XML body as JSON', '<request><type>access</type></request>'),
  post('form-encoded body', 'type=access&email=a@b.fi', { 'content-type': 'application/x-www-form-urlencoded' }),
  post('text/plain body', JSON.stringify(valid), { 'content-type': 'text/plain' }),
  post('no content type', JSON.stringify(valid), { 'content-type': '' }),
  post('10,000 objections', { ...valid, type: 'objection', objections: Array(10000).fill('publication') }),
  post('rectification of a forbidden field', { ...valid, type: 'rectification', changes: [{ field: 'customerId', value: 'c-1' }] }),
  post('rectification of __proto__', { ...valid, type: 'rectification', changes: [{ field: '__proto__', value: 'x' }] }),
  post('bad Idempotency-Key', valid, { 'idempotency-key': '../../etc/passwd' }),
  // Wrong methods and unknown routes
  { name: 'DELETE /requests', method: 'DELETE', path: '/requests' },
  { name: 'PUT /requests', method: 'PUT', path: '/requests', body: valid },
  { name: 'PATCH admin request', method: 'PATCH', path: '/admin/requests/x', body: {} },
  { name: 'GET /requests', method: 'GET', path: '/requests' },
  { name: 'unknown route', method: 'GET', path: '/.env' },
  // Tokens
  { name: 'verify with a forged token', method: 'POST', path: '/requests/verify', body: { token: 'A'.repeat(43) } },
  { name: 'verify with a reused token', method: 'POST', path: '/requests/verify', body: { token: '__USED__' } },
  { name: 'verify with an overlong token', method: 'POST', path: '/requests/verify', body: { token: 'A'.repeat(5000) } },
  { name: 'verify with a token object', method: 'POST', path: '/requests/verify', body: { token: { $gt: '' } } },
  { name: 'verify with extra keys', method: 'POST', path: '/requests/verify', body: { token: 'A'.repeat(43), status: 'verified' } },
  { name: 'download with a forged token', method: 'GET', path: '__EXPORT__?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
  { name: 'download with no token', method: 'GET', path: '__EXPORT__' },
  { name: 'download with the verify token', method: 'GET', path: '__EXPORT__?token=__USED__' },
  { name: 'download another file name', method: 'GET', path: '__EXPORT__?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA&file=../../secrets.json' },
  { name: 'download a traversal export id', method: 'GET', path: '/exports/..%2F..%2Fsecrets?token=x' },
  // Staff routes
  { name: 'admin list without a token', method: 'GET', path: '/admin/requests' },
  { name: 'admin list with a forged token', method: 'GET', path: '/admin/requests', headers: async () => ({ authorization: `Bearer ${await forgedToken()}` }) },
  { name: "admin list with an alg 'none' token", method: 'GET', path: '/admin/requests', headers: async () => ({ authorization: `Bearer ${noneAlgToken()}` }) },
  { name: 'admin list with Basic auth', method: 'GET', path: '/admin/requests', headers: { authorization: 'Basic YWRtaW46YWRtaW4=' } },
  { name: 'decision without a token', method: 'POST', path: '/admin/requests/__ID__/decision', body: { decision: 'approve' } },
  { name: 'decision with a forged token', method: 'POST', path: '/admin/requests/__ID__/decision', body: { decision: 'approve' }, headers: async () => ({ authorization: `Bearer ${await forgedToken()}` }) },
  { name: 'customer without a token', method: 'GET', path: '/admin/customers/c-1001' },
  { name: 'admin path traversal in request id', method: 'GET', path: '/admin/requests/..%2F..%2Fetc%2Fpasswd', headers: async () => ({ authorization: `Bearer ${staff}` }) },
  { name: 'admin customer id with a NUL', method: 'GET', path: '/admin/customers/c-1001%00', headers: async () => ({ authorization: `Bearer ${staff}` }) },
  { name: 'admin customer id injection', method: 'GET', path: "/admin/customers/c-1001'%20OR%201=1", headers: async () => ({ authorization: `Bearer ${staff}` }) },
  { name: 'admin unknown status', method: 'GET', path: '/admin/requests?status=%3Cscript%3E', headers: async () => ({ authorization: `Bearer ${staff}` }) },
  { name: 'decision on an access request', method: 'POST', path: '/admin/requests/__ID__/decision', body: { decision: 'approve' }, headers: async () => ({ authorization: `Bearer ${staff}` }) },
  { name: 'decision with an unknown verb', method: 'POST', path: '/admin/requests/__ID__/decision', body: { decision: 'delete' }, headers: async () => ({ authorization: `Bearer ${staff}` }) },
  { name: 'decision with mass-assigned status', method: 'POST', path: '/admin/requests/__ID__/decision', body: { decision: 'approve', status: 'completed' }, headers: async () => ({ authorization: `Bearer ${staff}` }) },
  { name: 'decision on an unknown id', method: 'POST', path: '/admin/requests/00000000-0000-0000-0000-000000000000/decision', body: { decision: 'approve' }, headers: async () => ({ authorization: `Bearer ${staff}` }) },
  { name: 'confirm page without a token', method: 'GET', path: '/requests/verify' },
  { name: 'asset traversal', method: 'GET', path: '/assets/..%2F..%2Fpackage.json' },
];

const snapshot = async () =>
  JSON.stringify(
    [...(await app.scanAll('requests')), ...(await app.scanAll('register'))]
      .filter((i) => !String(i.pk).startsWith('RATE#'))
      .sort((a, b) => `${a.pk}${a.sk}`.localeCompare(`${b.pk}${b.sk}`)),
  );

test(`at least 50 hostile requests`, () => {
  expect(cases.length).toBeGreaterThanOrEqual(50);
});

test('every hostile request gets a 4xx, never a 5xx, and changes nothing', async () => {
  const before = await snapshot();
  const mailsBefore = (await app.mails()).length;
  const outcomes: string[] = [];
  for (const c of cases) {
    const path = c.path.replace('__EXPORT__', exportLink).replace('__ID__', requestId).replace('__USED__', usedToken);
    const headers = typeof c.headers === 'function' ? await c.headers() : (c.headers ?? {});
    const body = c.body === undefined ? undefined : typeof c.body === 'string' ? c.body : JSON.stringify(c.body).replace('__USED__', usedToken);
    const res = await fetch(`${app.url}${path}`, {
      method: c.method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(body !== undefined ? { body } : {}),
      redirect: 'manual',
    });
    const text = await res.text();
    if (res.status < 400 || res.status >= 500) outcomes.push(`${c.name}: ${res.status}`);
    if (res.headers.get('content-type')?.includes('json') && res.status >= 400) {
      const parsed = JSON.parse(text) as { error?: { code?: string } };
      if (typeof parsed.error?.code !== 'string') outcomes.push(`${c.name}: no error.code`);
    }
  }
  expect(outcomes).toEqual([]);
  await app.settle();
  expect(await snapshot()).toBe(before);
  expect((await app.mails()).length).toBe(mailsBefore);
});

test('security headers on every kind of answer', async () => {
  const answers = await Promise.all([
    app.get('/'),
    app.get('/health'),
    app.get('/assets/site.css'),
    app.get('/nope'),
    app.post('/requests', '{'),
    app.get('/admin/requests'),
    app.get(`${exportLink}?token=${'A'.repeat(43)}`),
  ]);
  for (const res of answers) {
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  }
  // Answers that carry or may carry personal data are never cached.
  for (const res of [answers[1], answers[4], answers[5], answers[6]]) expect(res?.headers.get('cache-control')).toBe('no-store');
  const staffRes = await app.get('/admin/customers/c-1001', { authorization: `Bearer ${staff}` });
  expect(staffRes.status).toBe(200);
  expect(staffRes.headers.get('cache-control')).toBe('no-store');
});
