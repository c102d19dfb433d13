import { startTestApp, wellflixRegister, type TestApp } from '../helpers/app';
import { registerPii } from '../helpers/capture-logs';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ env: { RATE_LIMIT_PER_IP: '8', RATE_LIMIT_PER_EMAIL: '3', RATE_LIMIT_TOKEN_TRIES: '5' } });
  await app.seed(wellflixRegister());
});
afterAll(() => app?.stop());

let n = 0;
const body = (email: string) => ({
  type: 'access', language: 'en', email, firstName: 'Abuse', lastName: 'Tester',
  signature: { fullName: 'Abuse Tester', declaration: true },
});
const requestItems = async () => (await app.scanAll('requests')).filter((i) => i.sk === 'REQUEST');

describe('mail bombing through the form', () => {
  test('past the per-address limit: 429 with Retry-After, and no more mail to that address', async () => {
    const victim = 'victim@example.test';
    registerPii(victim);
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 5; i++) {
      // Different spellings of one address count as one; a forged X-Forwarded-For changes nothing.
      const res = await app.post('/requests', body(i % 2 ? victim.toUpperCase() : victim), { 'x-forwarded-for': `198.51.100.${i}` });
      statuses.push(res.status);
      if (res.status === 429) retryAfter = res.headers.get('retry-after');
      await res.text();
    }
    expect(statuses).toEqual([202, 202, 202, 429, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    await app.settle();
    const toVictim = (await app.mails()).filter((m) => m.to.some((t) => t.toLowerCase() === victim));
    expect(toVictim).toHaveLength(3);
  });

  test('past the per-IP limit: 429 and nothing stored', async () => {
    const before = (await requestItems()).length;
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const email = `ip-${++n}@example.test`;
      registerPii(email);
      const res = await app.post('/requests', body(email));
      statuses.push(res.status);
      await res.text();
    }
    // The previous test's 3 accepted requests count against this IP (its socket address, not its
    // headers); refused ones do not, as counters move only with a request that is stored.
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429, 429, 429]);
    expect((await requestItems()).length).toBe(before + 5);
  });
});

describe('guessing tokens', () => {
  test('confirm attempts per IP are limited', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await app.post('/requests/verify', { token: `guess${i}`.padEnd(43, 'x') })).status);
    expect(statuses.slice(0, 5).every((s) => s === 400)).toBe(true);
    expect(statuses.slice(5)).toEqual([429, 429]);
  });
});
