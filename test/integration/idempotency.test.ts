import { startTestApp, wellflixRegister, type TestApp } from '../helpers/app';
import { registerPii } from '../helpers/capture-logs';

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
