/**
 * Issue 2 over real HTTP on the emulators: the contract's intake and staff read rows, the same
 * answer for known and unknown addresses, and the confirmation token's life (32 random bytes,
 * only the hash stored, bound to request and purpose, expiring, one use even when raced).
 */
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { issueStaffToken } from '../../shared/local/auth';
import { reconcile } from '../../shared/services/processor';
import { startTestApp, type TestApp } from '../helpers/app';
import { registerPii } from '../helpers/capture-logs';
import {
  adminRequest,
  fileRequest,
  mailsTo,
  personOf,
  plusCalendarMonths,
  processorDeps,
  requestBody,
  staffHeaders,
  storedRequest,
  streamEvent,
  uniqueCustomer,
  type Person,
} from '../helpers/dsr-flow';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.stop());

const person = (tag: string): Person => personOf(uniqueCustomer(tag));
const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const tokenKey = (token: string) => ({ pk: `TOKEN#${sha256(token)}`, sk: 'TOKEN' });
const tokenItem = async (token: string) =>
  (await app.ddb.send(new GetCommand({ TableName: app.config.tables.requests, Key: tokenKey(token), ConsistentRead: true }))).Item;
const auditItems = async (requestId: string) =>
  (await app.scanAll('requests')).filter((i) => i.pk === `REQ#${requestId}` && String(i.sk).startsWith('AUDIT#'));

interface ErrorBody { error: { code: string; message: string } }
const expectError = async (res: Response, status: number, code: string) => {
  expect(res.status).toBe(status);
  const body = (await res.json()) as ErrorBody;
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe('string');
};

describe('public pages and health', () => {
  test('GET /health answers 200 when every part is up', async () => {
    const res = await app.get('/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok' });
  });

  test('GET / is the request form, in Finnish by default and in English with ?lang=en', async () => {
    const fi = await app.get('/');
    expect(fi.status).toBe(200);
    expect(fi.headers.get('content-type')).toMatch(/^text\/html/);
    const fiPage = await fi.text();
    expect(fiPage).toContain('<html lang="fi"');
    expect(fiPage).toContain('<form');

    const en = await app.get('/?lang=en');
    expect(en.status).toBe(200);
    const enPage = await en.text();
    expect(enPage).toContain('<html lang="en"');
    expect(enPage).toContain('<form');
    expect(enPage).not.toEqual(fiPage);
  });
});

describe('POST /requests', () => {
  test('files a request: 202 with its id and pending_verification, stored with the subject and a due date', async () => {
    // Prepare
    const p = person('intake-file');
    // Act
    const res = await app.post('/requests', requestBody(p, { type: 'access', language: 'en' }));
    // Assess
    expect(res.status).toBe(202);
    const body = (await res.json()) as { requestId: string; status: string };
    expect(body).toEqual({ requestId: expect.stringMatching(/^[0-9a-f-]{36}$/), status: 'pending_verification' });
    const stored = await storedRequest(app, body.requestId);
    expect(stored).toMatchObject({ requestId: body.requestId, type: 'access', language: 'en', status: 'pending_verification' });
    expect(stored?.subject).toEqual({ email: p.email, firstName: p.firstName, lastName: p.lastName });
    expect(stored?.dueAt).toBe(plusCalendarMonths(String(stored?.receivedAt), 1));
  });

  test('answers the same for an address in the register and one not in it (but the id)', async () => {
    // Prepare
    const known = uniqueCustomer('intake-known');
    await app.seed([known]);
    const unknown = person('intake-unknown');
    const send = (p: Person) => app.post('/requests', requestBody(p, { type: 'access', language: 'fi' }));
    const shape = async (res: Response) => {
      const body = (await res.json()) as Record<string, unknown>;
      const headers = Object.fromEntries([...res.headers].filter(([k]) => k !== 'date' && k !== 'content-length'));
      return { status: res.status, body: { ...body, requestId: typeof body.requestId }, headers };
    };
    // Act
    const [a, b] = [await send(personOf(known)), await send(unknown)];
    // Assess
    const [sa, sb] = [await shape(a), await shape(b)];
    expect(sa.status).toBe(202);
    expect(sa).toEqual(sb);
  });
});

describe('the confirmation token', () => {
  test('is 32 random bytes (43 base64url characters) in an absolute link; only its SHA-256 is stored, bound to the request and purpose, expiring', async () => {
    // Prepare
    const p = person('intake-token');
    const before = Date.now();
    // Act
    const { requestId, verifyToken } = await fileRequest(app, p, { type: 'access', language: 'en' });
    // Assess
    expect(verifyToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(verifyToken, 'base64url')).toHaveLength(32);
    const mail = (await mailsTo(app, p.email)).find((m) => m.text.includes(verifyToken));
    expect(mail?.text).toContain(`${app.config.publicBaseUrl}/requests/verify?token=${verifyToken}`);

    const items = await app.scanAll('requests');
    expect(JSON.stringify(items)).not.toContain(verifyToken);
    const tokens = items.filter((i) => String(i.pk).startsWith('TOKEN#') && i.requestId === requestId);
    expect(tokens).toHaveLength(1);
    const t = tokens[0]!;
    expect(t).toMatchObject({ ...tokenKey(verifyToken), tokenHash: sha256(verifyToken), requestId, purpose: 'verify' });
    const ttlMs = Date.parse(String(t.expiresAt)) - before;
    expect(ttlMs).toBeGreaterThan(71 * 3_600_000);
    expect(ttlMs).toBeLessThanOrEqual(72 * 3_600_000 + 60_000);
    expect(t.usedAt).toBeUndefined();
  });

  test('GET /requests/verify shows a confirm page and changes nothing', async () => {
    // Prepare
    const { requestId, verifyToken } = await fileRequest(app, person('intake-get'), { type: 'restriction' });
    const requestBefore = await storedRequest(app, requestId);
    const tokenBefore = await tokenItem(verifyToken);
    const auditBefore = await auditItems(requestId);
    // Act: mail scanners open links, sometimes more than once
    const pages = [await app.get(`/requests/verify?token=${verifyToken}`), await app.get(`/requests/verify?token=${verifyToken}&lang=en`)];
    await app.settle();
    // Assess
    for (const page of pages) {
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await page.text()).toContain('action="/requests/verify"');
    }
    expect(await storedRequest(app, requestId)).toEqual(requestBefore);
    expect(await tokenItem(verifyToken)).toEqual(tokenBefore);
    expect(await auditItems(requestId)).toEqual(auditBefore);
    expect(requestBefore?.status).toBe('pending_verification');
  });

  test('POST /requests/verify confirms once; the same token again is invalid_or_expired_token', async () => {
    // Prepare
    const { requestId, verifyToken } = await fileRequest(app, person('intake-twice'), { type: 'access' });
    // Act
    const first = await app.post('/requests/verify', { token: verifyToken });
    const second = await app.post('/requests/verify', { token: verifyToken });
    // Assess
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ requestId, status: 'verified' });
    await expectError(second, 400, 'invalid_or_expired_token');
    expect((await tokenItem(verifyToken))?.usedAt).toEqual(expect.any(String));
    await app.settle();
  });

  test('two concurrent confirmations with the same token: exactly one 200 and one invalid_or_expired_token', async () => {
    // Prepare: a few races, each on its own request
    const filed = await Promise.all([1, 2, 3, 4].map((i) => fileRequest(app, person(`intake-race${i}`), { type: 'restriction' })));
    for (const { requestId, verifyToken } of filed) {
      // Act
      const answers = await Promise.all([app.post('/requests/verify', { token: verifyToken }), app.post('/requests/verify', { token: verifyToken })]);
      // Assess
      const statuses = answers.map((r) => r.status).sort();
      expect(statuses).toEqual([200, 400]);
      const loser = answers.find((r) => r.status === 400)!;
      expect(((await loser.json()) as ErrorBody).error.code).toBe('invalid_or_expired_token');
      const verifiedEvents = (await auditItems(requestId)).filter((e) => e.type === 'verified');
      expect(verifiedEvents).toHaveLength(1);
    }
    await app.settle();
  });

  test('an expired token is refused and changes nothing', async () => {
    // Prepare: the link's hours have passed
    const { requestId, verifyToken } = await fileRequest(app, person('intake-expired'), { type: 'access' });
    await app.ddb.send(
      new UpdateCommand({
        TableName: app.config.tables.requests,
        Key: tokenKey(verifyToken),
        UpdateExpression: 'SET expiresAt = :past',
        ExpressionAttributeValues: { ':past': new Date(Date.now() - 60_000).toISOString() },
      }),
    );
    // Act
    const res = await app.post('/requests/verify', { token: verifyToken });
    // Assess
    await expectError(res, 400, 'invalid_or_expired_token');
    expect((await storedRequest(app, requestId))?.status).toBe('pending_verification');
    expect((await tokenItem(verifyToken))?.usedAt).toBeUndefined();
  });

  test('a token of another purpose, or bound to no request, or unknown, is refused', async () => {
    // Prepare: a live token for this very request, but minted for a download
    const { requestId } = await fileRequest(app, person('intake-purpose'), { type: 'access' });
    const exportToken = randomBytes(32).toString('base64url');
    const orphanToken = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
    for (const [token, item] of [
      [exportToken, { requestId, purpose: 'export', exportId: 'e0', expiresAt }],
      [orphanToken, { requestId: '00000000-0000-4000-8000-000000000000', purpose: 'verify', expiresAt }],
    ] as const) {
      await app.ddb.send(new PutCommand({ TableName: app.config.tables.requests, Item: { ...tokenKey(token), tokenHash: sha256(token), ...item } }));
    }
    // Act and assess
    for (const token of [exportToken, orphanToken, randomBytes(32).toString('base64url'), 'x', '']) {
      await expectError(await app.post('/requests/verify', { token }), 400, 'invalid_or_expired_token');
    }
    expect((await storedRequest(app, requestId))?.status).toBe('pending_verification');
    expect((await tokenItem(exportToken))?.usedAt).toBeUndefined();
  });
});

describe('after verification', () => {
  test('the request is sealed; staff see a valid seal, an intact audit chain and dueAt one calendar month after receivedAt', async () => {
    // Prepare
    const p = person('intake-seal');
    const { requestId, verifyToken } = await fileRequest(app, p, { type: 'restriction', language: 'en' });
    // Act
    expect((await app.post('/requests/verify', { token: verifyToken })).status).toBe(200);
    await app.settle();
    // Assess
    const stored = await storedRequest(app, requestId);
    expect(stored?.seal).toMatchObject({ alg: 'ECDSA_SHA_256', digest: expect.stringMatching(/^[0-9a-f]{64}$/), signature: expect.any(String) });
    const r = await adminRequest(app, requestId);
    expect(r).toMatchObject({ requestId, type: 'restriction', status: 'awaiting_decision', seal: { present: true, valid: true }, auditChainIntact: true });
    expect(r.dueAt).toBe(plusCalendarMonths(r.receivedAt, 1));
    expect(Array.isArray(r.holds)).toBe(true);
    const types = r.audit.map((e) => e.type);
    expect(types.slice(0, 4)).toEqual(['received', 'mail_sent', 'verified', 'sealed']);
    const seqs = (r.audit as unknown as Array<{ seq: number }>).map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    const contact = (await mailsTo(app, app.config.controller.contactPerson.email)).filter((m) => m.text.includes(requestId));
    expect(contact).toHaveLength(1);
  });

  test('the processor is idempotent: a redelivered stream record sends no mail twice and mints no new token', async () => {
    // Prepare: one request waiting for its confirmation, one confirmed and fully processed
    const waiting = person('intake-redeliver-a');
    const done = person('intake-redeliver-b');
    const { requestId: waitingId } = await fileRequest(app, waiting, { type: 'access' });
    const { requestId: doneId, verifyToken } = await fileRequest(app, done, { type: 'erasure' });
    expect((await app.post('/requests/verify', { token: verifyToken })).status).toBe(200);
    await app.settle();
    const counts = async () => ({
      waitingMails: (await mailsTo(app, waiting.email)).length,
      doneMails: (await mailsTo(app, done.email)).length,
      contactMails: (await mailsTo(app, app.config.controller.contactPerson.email)).filter((m) => m.text.includes(doneId)).length,
      tokens: (await app.scanAll('requests')).filter((i) => String(i.pk).startsWith('TOKEN#')).length,
      waiting: await storedRequest(app, waitingId),
      done: await storedRequest(app, doneId),
    });
    const before = await counts();
    expect(before.contactMails).toBe(1);
    // Act: Lambda redelivers records (at least once), and reconcile runs again with the real wiring
    const { handler } = await import('../../functions/processor/handler');
    const out = await handler({ Records: [...streamEvent(waitingId, ['INSERT', 'MODIFY']).Records, ...streamEvent(doneId, ['MODIFY']).Records] });
    const deps = processorDeps();
    await reconcile(deps, waitingId);
    await reconcile(deps, doneId);
    await app.settle();
    // Assess
    expect(out).toEqual({ batchItemFailures: [] });
    expect(await counts()).toEqual(before);
  });
});

describe('staff reads', () => {
  test('GET /admin/requests lists requests, ?status=S only that status, an unknown status is a 400', async () => {
    // Prepare
    const { requestId: pendingId } = await fileRequest(app, person('intake-list-a'), { type: 'access' });
    const { requestId: decidedId, verifyToken } = await fileRequest(app, person('intake-list-b'), { type: 'restriction' });
    expect((await app.post('/requests/verify', { token: verifyToken })).status).toBe(200);
    await app.settle();
    const headers = await staffHeaders(app);
    type Items = { items: Array<{ requestId: string; type: string; status: string; receivedAt: string; dueAt: string }> };
    // Act
    const all = (await (await app.get('/admin/requests', headers)).json()) as Items;
    const awaiting = await app.get('/admin/requests?status=awaiting_decision', headers);
    const bad = await app.get('/admin/requests?status=bogus', headers);
    // Assess
    expect(all.items.map((i) => i.requestId)).toEqual(expect.arrayContaining([pendingId, decidedId]));
    const pending = all.items.find((i) => i.requestId === pendingId);
    expect(pending).toEqual({ requestId: pendingId, type: 'access', status: 'pending_verification', receivedAt: expect.any(String), dueAt: expect.any(String) });
    expect(awaiting.status).toBe(200);
    const awaitingItems = ((await awaiting.json()) as Items).items;
    expect(awaitingItems.map((i) => i.requestId)).toContain(decidedId);
    expect(awaitingItems.every((i) => i.status === 'awaiting_decision')).toBe(true);
    await expectError(bad, 400, 'invalid_status');
  });

  test('GET /admin/customers/{id} shows the register record with its flags; an unknown one is a 404', async () => {
    // Prepare
    const c = uniqueCustomer('intake-customer');
    await app.seed([c]);
    const headers = await staffHeaders(app);
    // Act
    const res = await app.get(`/admin/customers/${c.customerId}`, headers);
    const missing = await app.get('/admin/customers/c-nobody', headers);
    // Assess
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ customerId: c.customerId, email: c.email, lastName: c.lastName, restricted: false, suppressions: [] });
    await expectError(missing, 404, 'not_found');
  });

  test('GET /admin/requests/{id} of an unknown request is a 404', async () => {
    await expectError(await app.get('/admin/requests/00000000-0000-4000-8000-000000000000', await staffHeaders(app)), 404, 'not_found');
  });

  test('every staff route answers 401 without a bearer token, with a forged one and with garbage', async () => {
    // Prepare: a token that looks right (issuer, audience, ES256) but is signed by another key, and an unsigned one
    const c = uniqueCustomer('intake-auth');
    await app.seed([c]);
    const { requestId } = await fileRequest(app, person('intake-auth-r'), { type: 'access' });
    const otherKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const forged = await issueStaffToken(otherKey, app.config.controller.contactPerson.email);
    const valid = await app.staffToken();
    const [, payload] = valid.split('.');
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
    const tampered = `${valid.slice(0, valid.lastIndexOf('.'))}.${Buffer.from(randomBytes(64)).toString('base64url')}`;
    const paths = ['/admin/requests', '/admin/requests?status=verified', `/admin/requests/${requestId}`, `/admin/customers/${c.customerId}`];
    const badAuth: Array<Record<string, string>> = [
      {},
      { authorization: `Bearer ${forged}` },
      { authorization: `Bearer ${unsigned}` },
      { authorization: `Bearer ${tampered}` },
      { authorization: 'Bearer not-a-jwt' },
      { authorization: valid },
      { authorization: `Basic ${Buffer.from('erno:salasana').toString('base64')}` },
    ];
    for (const path of paths) {
      // Act and assess
      for (const headers of badAuth) await expectError(await app.get(path, headers), 401, 'unauthorized');
      expect((await app.get(path, { authorization: `Bearer ${valid}` })).status).toBe(200);
    }
    registerPii(forged, valid);
  });
});
