import { startTestApp, wellflixRegister, type TestApp } from '../helpers/app';
import { registerPii } from '../helpers/capture-logs';
import { postFrom } from '../helpers/client-ip';

// One app per file: handler modules read their environment once, when first loaded.
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  await app.seed(wellflixRegister());
});
afterAll(() => app?.stop());

const body = (email: string) => ({
  type: 'access', language: 'en', email, firstName: 'Abuse', lastName: 'Tester',
  signature: { fullName: 'Abuse Tester', declaration: true },
});

describe('Idempotency-Key', () => {
  test('a retry with the same key gets the same answer and files one request', async () => {
    const email = 'retry@example.test';
    registerPii(email);
    const key = 'f3b7c1d2-retry-1';
    const answers = await Promise.all([1, 2, 3].map(() => app.post('/requests', body(email), { 'idempotency-key': key })));
    const ids = await Promise.all(
      answers.map(async (r) => {
        expect(r.status).toBe(202);
        return ((await r.json()) as { requestId: string }).requestId;
      }),
    );
    expect(new Set(ids).size).toBe(1);
    const stored = (await app.scanAll('requests')).filter((i) => i.sk === 'REQUEST' && (i.subject as { email?: string } | undefined)?.email === email);
    expect(stored).toHaveLength(1);
  });

  test('the same key with a different body is a conflict, and files nothing', async () => {
    const key = 'f3b7c1d2-retry-2';
    registerPii('first@example.test', 'second@example.test');
    expect((await app.post('/requests', body('first@example.test'), { 'idempotency-key': key })).status).toBe(202);
    const res = await app.post('/requests', body('second@example.test'), { 'idempotency-key': key });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('idempotency_key_reused');
    const stored = (await app.scanAll('requests')).filter((i) => (i.subject as { email?: string } | undefined)?.email === 'second@example.test');
    expect(stored).toEqual([]);
  });
});

describe('Idempotency-Key is the client\'s own (issue 13)', () => {
  const stored = async (email: string) =>
    (await app.scanAll('requests')).filter((i) => i.sk === 'REQUEST' && (i.subject as { email?: string } | undefined)?.email === email);
  const idOf = (res: { json: () => unknown }) => (res.json() as { requestId: string }).requestId;

  test('another client reusing the Idempotency-Key does not get the first request\'s id, nor learn the key was used', async () => {
    // Prepare: the victim (one client) files with a key; the prober (another client) knows or guesses the key and the body
    const email = 'victim-idem@example.test';
    const other = 'prober-idem@example.test';
    registerPii(email, other);
    const key = 'shared-key-1';
    const victim = await postFrom('127.0.0.41', `${app.url}/requests`, body(email), { 'idempotency-key': key });
    expect(victim.status).toBe(202);

    // Act: the same body under the same key, then a different body under it, from another address
    const sameBody = await postFrom('127.0.0.42', `${app.url}/requests`, body(email), { 'idempotency-key': key });
    const otherBodyFirstKey = await postFrom('127.0.0.43', `${app.url}/requests`, body(other), { 'idempotency-key': key });

    // Assess: the prober gets fresh requests of its own, answered exactly as any new request (no 409 either)
    expect(sameBody.status).toBe(202);
    expect(idOf(sameBody)).not.toBe(idOf(victim));
    expect(otherBodyFirstKey.status).toBe(202);
    expect(idOf(otherBodyFirstKey)).not.toBe(idOf(victim));
    expect((await stored(email)).map((i) => i.requestId).sort()).toEqual([idOf(victim), idOf(sameBody)].sort());

    // The victim's own retry still gets its first answer, and a changed body from the victim is still a conflict
    const retry = await postFrom('127.0.0.41', `${app.url}/requests`, body(email), { 'idempotency-key': key });
    expect(retry.status).toBe(202);
    expect(idOf(retry)).toBe(idOf(victim));
    expect((await postFrom('127.0.0.41', `${app.url}/requests`, body(other), { 'idempotency-key': key })).status).toBe(409);
    expect(await stored(email)).toHaveLength(2);
  });

  test('the key\'s record holds keyed hashes only, and lives a day', async () => {
    const email = 'idem-record@example.test';
    registerPii(email);
    const before = new Set((await app.scanAll('requests')).filter((i) => String(i.pk).startsWith('IDEM#')).map((i) => String(i.pk)));
    const res = await postFrom('127.0.0.44', `${app.url}/requests`, body(email), { 'idempotency-key': 'record-key-1' });
    expect(res.status).toBe(202);
    const fresh = (await app.scanAll('requests')).filter((i) => String(i.pk).startsWith('IDEM#') && !before.has(String(i.pk)));
    expect(fresh).toHaveLength(1);
    const [item] = fresh;
    expect(item).toEqual({ pk: expect.stringMatching(/^IDEM#[0-9a-f]{64}$/), sk: 'IDEM', requestId: idOf(res), bodyDigest: expect.stringMatching(/^[0-9a-f]{64}$/), ttl: expect.any(Number) });
    const inADay = Math.floor(Date.now() / 1000) + 86_400;
    expect(Math.abs((item!.ttl as number) - inADay)).toBeLessThan(120);
    expect(JSON.stringify(item)).not.toMatch(/127\.0\.0|record-key|example\.test/);
  });
});

describe('enumeration', () => {
  test('known and unknown addresses get identical answers but the id: body shape, status and headers', async () => {
    registerPii('nobody-here@example.test');
    const a = await app.post('/requests', { ...body('maija@example.fi'), lastName: 'Meikäläinen' });
    const b = await app.post('/requests', body('nobody-here@example.test'));
    expect(a.status).toBe(202);
    expect(b.status).toBe(202);
    const strip = (h: Headers) => [...h.entries()].filter(([k]) => !['date', 'content-length'].includes(k));
    expect(strip(a.headers)).toEqual(strip(b.headers));
    const [ja, jb] = [(await a.json()) as Record<string, unknown>, (await b.json()) as Record<string, unknown>];
    expect({ ...ja, requestId: 'x' }).toEqual({ ...jb, requestId: 'x' });
  });
});
