import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoRateLimiter, rateWindow } from '../../shared/adapters/dynamodb-rate-limiter';
import { emailLimitKey, releaseEmailBudget } from '../../shared/services/intake';
import { startTestApp, wellflixRegister, type TestApp } from '../helpers/app';
import { registerPii } from '../helpers/capture-logs';
import { getFrom, postFrom } from '../helpers/client-ip';

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

/**
 * Issue 13: the per-address limit counts mailboxes, not spellings, and no counter holds an IP
 * address. These tests are other clients (127.0.0.N, see test/helpers/client-ip.ts), so they move
 * none of the counters the tests above count on.
 */
describe('mailboxes, not spellings', () => {
  test('x.y+1@gmail.com, X.Y@gmail.com, xy@googlemail.com share one budget: the fourth spelling is refused and gets no mail', async () => {
    // Prepare: one mailbox written four ways (tag, case, Gmail's dots, Google's other domain), and a neighbour
    const spellings = ['x.y+1@gmail.com', 'X.Y@gmail.com', 'xy@googlemail.com', 'x.y+other@GoogleMail.com'];
    const neighbour = 'x.z@gmail.com';
    registerPii(...spellings, neighbour);
    const client = '127.0.0.31';
    // Act
    const statuses: number[] = [];
    for (const email of spellings) statuses.push((await postFrom(client, `${app.url}/requests`, body(email))).status);
    const neighbourStatus = (await postFrom(client, `${app.url}/requests`, body(neighbour))).status;
    await app.settle();
    // Assess: 3 a day per mailbox (this file's limit), whichever way it is spelled; another mailbox keeps its own
    expect(statuses).toEqual([202, 202, 202, 429]);
    expect(neighbourStatus).toBe(202);
    const mailed = (await app.mails()).filter((m) => m.to.some((t) => spellings.includes(t)));
    expect(mailed.map((m) => m.to[0]).sort()).toEqual(spellings.slice(0, 3).sort());
    expect((await app.mails()).filter((m) => m.to.includes(spellings[3]!))).toEqual([]);
  });

  test('no RATE# or IDEM# item key (or any of its attributes) contains the client\'s IP or the address', async () => {
    // Prepare: a client with an address no other test uses files with an Idempotency-Key, tries a confirm token and a download link
    const client = '127.0.0.32';
    const email = 'rate-keys.check+tag@example.test';
    registerPii(email);
    // Act
    expect((await postFrom(client, `${app.url}/requests`, body(email), { 'idempotency-key': 'rate-keys-1' })).status).toBe(202);
    expect((await postFrom(client, `${app.url}/requests/verify`, { token: 'guess'.padEnd(43, 'y') })).status).toBe(400);
    expect((await getFrom(client, `${app.url}/exports/${'a'.repeat(32)}?token=${'b'.repeat(43)}`)).status).toBe(404);
    // Assess: the counters and the key are there, each with its TTL, and none names the client or the mailbox
    const items = (await app.scanAll('requests')).filter((i) => /^(RATE|IDEM)#/.test(String(i.pk)));
    const text = JSON.stringify(items);
    for (const needle of [client, '127.0.0.1', 'rate-keys', 'example.test', 'submit:ip:127', 'verify:ip:127']) expect(text).not.toContain(needle);
    const keysOf = (re: RegExp) => items.filter((i) => re.test(String(i.pk)));
    expect(keysOf(/^RATE#submit:ip:[0-9a-f]{64}#\d+$/).length).toBeGreaterThanOrEqual(1);
    expect(keysOf(/^RATE#submit:email:[0-9a-f]{64}#\d+$/).length).toBeGreaterThanOrEqual(1);
    expect(keysOf(/^RATE#verify:ip:[0-9a-f]{64}#\d+$/).length).toBeGreaterThanOrEqual(1);
    // Every counter and key in the table has that shape: nothing else is keyed by a raw value.
    expect(items.filter((i) => !/^(RATE#(submit|verify|download):(ip|email):[0-9a-f]{64}#\d+|IDEM#[0-9a-f]{64})$/.test(String(i.pk)))).toEqual([]);
    expect(keysOf(/^RATE#download:ip:[0-9a-f]{64}#\d+$/)).toHaveLength(1);
    expect(keysOf(/^IDEM#[0-9a-f]{64}$/)).toHaveLength(1);
    const now = Math.floor(Date.now() / 1000);
    for (const i of items) expect(i.ttl).toEqual(expect.any(Number));
    for (const i of items) expect(i.ttl as number).toBeGreaterThan(now);
    expect(items.every((i) => (i.ttl as number) <= now + 86_400 + 3600 + 60)).toBe(true);
  });
});

describe('giving back a unit of a mailbox\'s budget (the building block of "I did not make this request")', () => {
  const deps = () => ({ limiter: dynamoRateLimiter(app.ddb, app.config.tables.requests), hmacKey: app.config.hmacKey });
  const counter = async (email: string, at: Date) =>
    (await app.ddb.send(new GetCommand({ TableName: app.config.tables.requests, Key: { pk: `RATE#${emailLimitKey(app.config.hmacKey, email)}#${rateWindow(86_400, at).start}`, sk: 'RATE' }, ConsistentRead: true }))).Item;

  test('a released unit lets the mailbox file once more, in the window it was counted in; never below zero; never a new counter', async () => {
    // Prepare: a mailbox spends its budget of 3, in two spellings
    const client = '127.0.0.33';
    const email = 'budget.back@example.test';
    registerPii(email, 'Budget.Back+x@example.test');
    const ids: string[] = [];
    for (const e of [email, 'Budget.Back+x@example.test', email]) {
      const res = await postFrom(client, `${app.url}/requests`, body(e));
      expect(res.status).toBe(202);
      ids.push((res.json() as { requestId: string }).requestId);
    }
    expect((await postFrom(client, `${app.url}/requests`, body(email))).status).toBe(429);
    const receivedAt = String((await storedRequestAt(ids[0]!)).receivedAt);
    expect((await counter(email, new Date(receivedAt)))?.hits).toBe(3);

    // Act: the owner cancels one request (another spelling of the same mailbox names the same budget)
    const released = await releaseEmailBudget(deps(), 'BUDGET.BACK+cancel@example.test', receivedAt);

    // Assess: one more request goes through, then the limit holds again
    expect(released).toBe(true);
    expect((await counter(email, new Date(receivedAt)))?.hits).toBe(2);
    expect((await postFrom(client, `${app.url}/requests`, body(email))).status).toBe(202);
    expect((await postFrom(client, `${app.url}/requests`, body(email))).status).toBe(429);

    // Releasing more than was counted stops at zero
    const more: boolean[] = [];
    for (let i = 0; i < 5; i++) more.push(await releaseEmailBudget(deps(), email, receivedAt));
    expect(more).toEqual([true, true, true, false, false]);
    expect((await counter(email, new Date(receivedAt)))?.hits).toBe(0);

    // A window with no counter (a day long gone) stays without one
    const longAgo = new Date(Date.parse(receivedAt) - 30 * 86_400_000);
    expect(await releaseEmailBudget(deps(), email, longAgo)).toBe(false);
    expect(await counter(email, longAgo)).toBeUndefined();
  });
});

const storedRequestAt = async (requestId: string) =>
  (await app.ddb.send(new GetCommand({ TableName: app.config.tables.requests, Key: { pk: `REQ#${requestId}`, sk: 'REQUEST' }, ConsistentRead: true }))).Item ?? {};
