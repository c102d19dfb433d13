/**
 * A mail server that is down delays mail; it never loses a request. With the SES emulator
 * stopped, submissions still answer 202 and are stored; once it is back on the same port, the
 * stream processor's retries deliver every confirmation mail, exactly once.
 */
import { freePort, startSes, type Emulator } from '../../shared/local/emulators';
import { startTestApp, type TestApp } from '../helpers/app';
import { personOf, requestBody, storedRequest, uniqueCustomer, type Person } from '../helpers/dsr-flow';

let ses: Emulator | undefined;
let app: TestApp;
let port: number;
beforeAll(async () => {
  port = await freePort();
  ses = await startSes({ port });
  app = await startTestApp({ sesEndpoint: ses.endpoint });
});
afterAll(async () => {
  await app?.stop();
  await ses?.stop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('with SES down requests are still filed; when it is back each subject gets exactly one confirmation mail', async () => {
  // Prepare: the mail server goes away
  await ses?.stop();
  ses = undefined;
  const people: Person[] = [1, 2, 3].map((i) => personOf(uniqueCustomer(`mail-down${i}`)));

  // Act: three subjects file requests during the outage
  const answers = await Promise.all(people.map((p) => app.post('/requests', requestBody(p, { type: 'access', language: 'en' }))));

  // Assess: each got its 202 and is stored
  const ids: string[] = [];
  for (const res of answers) {
    expect(res.status).toBe(202);
    const body = (await res.json()) as { requestId: string; status: string };
    expect(body.status).toBe('pending_verification');
    ids.push(body.requestId);
  }
  const stored = (await app.scanAll('requests')).filter((i) => i.sk === 'REQUEST');
  expect(stored.map((i) => i.requestId).sort()).toEqual([...ids].sort());

  // The processor keeps trying (with backoff) but nothing is sent, so nothing is recorded as sent.
  await sleep(2500);
  for (const id of ids) {
    const r = await storedRequest(app, id);
    expect(r?.status).toBe('pending_verification');
    expect(r?.effects ?? []).not.toContain('mail:verify');
  }

  // Act: the mail server comes back where it was
  ses = await startSes({ port });
  await app.settle();

  // Assess: one confirmation mail per subject, each with a link that works, each recorded once
  const mails = await app.mails();
  for (const [i, p] of people.entries()) {
    const theirs = mails.filter((m) => m.to.includes(p.email));
    expect(theirs).toHaveLength(1);
    const token = /\/requests\/verify\?token=([A-Za-z0-9_-]{43})/.exec(theirs[0]?.text ?? '')?.[1];
    expect(token).toBeDefined();
    const r = await storedRequest(app, ids[i]!);
    expect((r?.effects as string[]).filter((e) => e === 'mail:verify')).toHaveLength(1);
    const ok = await app.post('/requests/verify', { token });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ requestId: ids[i], status: 'verified' });
  }
  await app.settle();
});
