/**
 * Issue 5: the daily retention job on the local stack. Each test seeds its own register (the
 * register table is emptied before every test) and runs the job as if the time were `now`.
 * Requests are filed through the HTTP API and live on across tests, so the tests that use them
 * run in order and each looks only at its own requests.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { registerTable, requestsTable, RETENTION_KEY } from '../../shared/adapters/tables';
import { addCalendarYears, addDays } from '../../shared/domain/deadline';
import type { RegisterStore } from '../../shared/domain/ports';
import type { Customer, Invoice, Order } from '../../shared/domain/types';
import { freePort, localAwsCredentials, localRegion, s3ClientConfig } from '../../shared/local/emulators';
import { ensureBucket, ensureTable } from '../../shared/local/provision';
import { seedRegister } from '../../shared/local/register-file';
import { runRetentionOnce } from '../../shared/local/retention-runner';
import { runRetention } from '../../shared/services/retention';
import { wireRetention } from '../../shared/wiring-retention';
import { wireStores } from '../../shared/wiring';
import { registerPii } from '../helpers/capture-logs';
import { startTestApp, type TestApp } from '../helpers/app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.stop());
beforeEach(() => emptyRegister());

// ---------------------------------------------------------------------------------------------
// Fixtures and probes

const order = (orderId: string, issuedAt: string, status: Invoice['status']): Order => ({
  orderId,
  orderedAt: `${issuedAt}T10:00:00Z`,
  total: 9.9,
  currency: 'EUR',
  items: [{ name: 'Wellflix Perus, 1 kk', quantity: 1, unitPrice: 9.9 }],
  invoice: { invoiceId: `i-${orderId}`, issuedAt, dueDate: issuedAt, status },
});

const person = (customerId: string, relationshipEndedAt: string | null, orders: Order[] = []): Customer => {
  const c: Customer = {
    customerId,
    firstName: 'Säilytetty',
    lastName: `Poistettava-${customerId}`,
    email: `${customerId}@retention.example.fi`,
    phone: '+358401230000',
    website: `https://${customerId}.example.fi`,
    postalAddress: { street: 'Säilytyskuja 10', postalCode: '02150', city: 'Espoo', country: 'FI' },
    ipAddresses: ['192.0.2.55'],
    relationshipEndedAt,
    orders,
  };
  registerPii(c.lastName, c.email, 'Säilytetty', 'Säilytyskuja 10');
  return c;
};

const staff = async () => ({ authorization: `Bearer ${await app.staffToken()}` });
const customerStatus = async (id: string) => (await app.get(`/admin/customers/${id}`, await staff())).status;
const itemsOf = async (customerId: string) => (await app.scanAll('register')).filter((i) => i.pk === `CUST#${customerId}`);
const profileOf = async (customerId: string) => (await itemsOf(customerId)).find((i) => i.sk === 'PROFILE');
const vouchers = async () => (await app.scanAll('register')).filter((i) => String(i.pk).startsWith('VOUCHER#'));

/** What the byRetentionDue index holds: pk → due date. */
const dueIndex = async (): Promise<Map<string, string>> => {
  const out = new Map<string, string>();
  let start: Record<string, unknown> | undefined;
  do {
    const res = await app.ddb.send(
      new QueryCommand({
        TableName: app.config.tables.register,
        IndexName: 'byRetentionDue',
        KeyConditionExpression: 'retentionKey = :k',
        ExpressionAttributeValues: { ':k': RETENTION_KEY },
        ExclusiveStartKey: start,
      }),
    );
    for (const i of res.Items ?? []) out.set(String(i.pk), String(i.retentionDueAt));
    start = res.LastEvaluatedKey;
  } while (start);
  return out;
};

async function emptyRegister(): Promise<void> {
  const keys = (await app.scanAll('register')).map((i) => ({ pk: i.pk, sk: i.sk }));
  for (let i = 0; i < keys.length; i += 25) {
    const batch = keys.slice(i, i + 25).map((Key) => ({ DeleteRequest: { Key } }));
    await app.ddb.send(new BatchWriteCommand({ RequestItems: { [app.config.tables.register]: batch } }));
  }
}

const requestItem = async (requestId: string) =>
  (await app.scanAll('requests')).find((i) => i.pk === `REQ#${requestId}` && i.sk === 'REQUEST');

interface StaffView { status: string; receivedAt: string; dueAt: string; audit: Array<{ type: string; data?: Record<string, unknown> }> }
const staffView = async (requestId: string): Promise<StaffView> => {
  const res = await app.get(`/admin/requests/${requestId}`, await staff());
  expect(res.status).toBe(200);
  return (await res.json()) as StaffView;
};
const auditCount = async (requestId: string, type: string) => (await staffView(requestId)).audit.filter((e) => e.type === type).length;

let filed = 0;
/** Files a request through the public API; `verify` also confirms it by the mailed link. */
const fileRequest = async (type: 'access' | 'erasure', opts: { email?: string; verify: boolean }) => {
  filed++;
  const email = opts.email ?? `pyytaja${filed}-${Date.now()}@retention.example.fi`;
  const lastName = `Pyytäjä${filed}`;
  registerPii(email, lastName, `Testi ${lastName}`);
  const res = await app.post('/requests', {
    type, language: 'en', email, firstName: 'Testi', lastName, signature: { fullName: `Testi ${lastName}`, declaration: true },
  });
  expect(res.status).toBe(202);
  const { requestId } = (await res.json()) as { requestId: string };
  await app.settle();
  if (opts.verify) {
    const mail = (await app.mails()).find((m) => m.to.includes(email) && m.text.includes('/requests/verify?token='));
    const token = /token=([A-Za-z0-9_-]+)/.exec(mail?.text ?? '')?.[1];
    expect(token).toBeDefined();
    expect((await app.post('/requests/verify', { token })).status).toBe(200);
    await app.settle();
  }
  return { requestId, email };
};

const DIGEST = 'Tietosuojapyyntöjen määräajat';
const digestsNaming = async (requestId: string) =>
  (await app.mails()).filter((m) => m.to.includes(app.config.controller.contactPerson.email) && m.subject.startsWith(DIGEST) && m.text.includes(requestId));

// ---------------------------------------------------------------------------------------------
// Retention of the register

describe('retention of register records', () => {
  test('erases at 10 years and a day, keeps at 10 years less a day, holds a debt in collection, never touches an active customer', async () => {
    // Prepare
    const now = new Date('2036-06-15T00:00:00Z');
    const due = person('r-due', '2026-06-14', [order('r-due-1', '2025-03-01', 'paid'), order('r-due-2', '2026-05-01', 'paid')]);
    const notYet = person('r-notyet', '2026-06-16', [order('r-notyet-1', '2025-03-01', 'paid')]);
    const held = person('r-held', '2019-01-31', [order('r-held-1', '2018-11-01', 'in_collection'), order('r-held-2', '2018-06-01', 'paid')]);
    const active = person('r-active', null, [order('r-active-1', '2036-05-01', 'paid')]);
    await app.seed([due, notYet, held, active]);
    const indexed = await dueIndex();
    expect(indexed.has('CUST#r-active')).toBe(false);
    expect(indexed.get('CUST#r-notyet')).toBe('2036-06-16T00:00:00.000Z');

    // Act
    const summary = await runRetentionOnce(app.config, now);

    // Assess
    expect(summary).toMatchObject({ erased: 1, held: 1, vouchersErased: 0, complete: true });
    expect(await customerStatus('r-due')).toBe(404);
    expect(await itemsOf('r-due')).toEqual([]); // no ORDER items left behind
    expect(await vouchers()).toEqual([]); // its invoices' 6 years ended long ago

    expect(await customerStatus('r-notyet')).toBe(200);
    expect((await itemsOf('r-notyet')).filter((i) => String(i.sk).startsWith('ORDER#'))).toHaveLength(1);

    const heldRes = await app.get('/admin/customers/r-held', await staff());
    expect(heldRes.status).toBe(200);
    const heldBody = (await heldRes.json()) as Record<string, unknown>;
    expect(heldBody.restricted).toBe(true);
    expect(heldBody.website).toBeUndefined(); // what no hold needs goes now
    expect(heldBody.ipAddresses).toBeUndefined();
    expect((heldBody.orders as Order[]).map((o) => o.orderId)).toEqual(['r-held-1']); // only the debt's order is kept
    expect((await profileOf('r-held'))?.retentionDueAt).toBe(addDays(now, 1).toISOString()); // looked at again tomorrow

    expect(await customerStatus('r-active')).toBe(200);
    const after = await dueIndex();
    expect(after.has('CUST#r-active')).toBe(false);
    expect(after.get('CUST#r-held')).toBe('2036-06-16T00:00:00.000Z');

    // A second run at the same time finds nothing due: the held record was re-dated, the erased one is gone.
    const again = await runRetentionOnce(app.config, now);
    expect(again).toMatchObject({ erased: 0, held: 0, complete: true });
    expect(await customerStatus('r-held')).toBe(200);
    expect(await customerStatus('r-notyet')).toBe(200);
  });

  test('a held record is erased by the first run after its hold ends', async () => {
    const now = new Date('2036-06-15T00:00:00Z');
    const held = person('r-paidlater', '2019-01-31', [order('r-paidlater-1', '2018-11-01', 'in_collection')]);
    await app.seed([held]);
    expect(await runRetentionOnce(app.config, now)).toMatchObject({ erased: 0, held: 1 });

    // The debt is settled (the register is merged from the source system again).
    await app.seed([{ ...held, orders: [order('r-paidlater-1', '2018-11-01', 'paid')] }]);
    const tomorrow = await runRetentionOnce(app.config, addDays(now, 1));
    expect(tomorrow).toMatchObject({ erased: 1, held: 0 });
    expect(await customerStatus('r-paidlater')).toBe(404);
    expect(await itemsOf('r-paidlater')).toEqual([]);
  });

  test('a relationship that ended on a leap day is due on 28 February ten years on (calendar clamping)', async () => {
    await app.seed([person('r-leap', '2016-02-29')]);
    expect((await dueIndex()).get('CUST#r-leap')).toBe('2026-02-28T00:00:00.000Z');

    const before = await runRetentionOnce(app.config, new Date('2026-02-27T23:59:59Z'));
    expect(before).toMatchObject({ erased: 0, held: 0 });
    expect(await customerStatus('r-leap')).toBe(200);

    const on = await runRetentionOnce(app.config, new Date('2026-02-28T00:00:00Z'));
    expect(on).toMatchObject({ erased: 1, held: 0 });
    expect(await customerStatus('r-leap')).toBe(404);
  });

  test('a run cut short, then one that crashes mid-erasure, are finished by the next: every due record erased exactly once', async () => {
    // Prepare: 30 due records (more than a page, here 25), 5 that are not.
    const now = new Date('2040-01-01T00:00:00Z');
    const dueIds = Array.from({ length: 30 }, (_, i) => `r-batch-${String(i).padStart(2, '0')}`);
    const notDueIds = ['r-batch-later-1', 'r-batch-later-2', 'r-batch-later-3', 'r-batch-active-1', 'r-batch-active-2'];
    await app.seed([
      ...dueIds.map((id, i) => person(id, addDays(new Date('2027-01-01T00:00:00Z'), i * 30).toISOString().slice(0, 10), [order(`${id}-1`, '2026-01-01', 'paid')])),
      ...notDueIds.slice(0, 3).map((id) => person(id, '2030-06-01', [order(`${id}-1`, '2026-01-01', 'paid')])),
      ...notDueIds.slice(3).map((id) => person(id, null)),
    ]);
    const real = wireRetention(app.config);
    const deletions = new Map<string, number>();
    let deleteCalls = 0;
    let failOnCall = 0;
    const register: RegisterStore = {
      ...real.register,
      async deleteProfile(customerId) {
        deleteCalls++;
        if (deleteCalls === failOnCall) throw new Error('injected fault: the process died here');
        await real.register.deleteProfile(customerId);
        deletions.set(customerId, (deletions.get(customerId) ?? 0) + 1);
      },
    };
    const deps = { ...real, register, clock: { now: () => now }, duePageSize: 25 };
    const stopAfter = (n: number) => {
      let asked = 0;
      return () => ++asked > n;
    };

    // Act 1: the time limit comes part-way through the first page.
    const first = await runRetention(deps, now, stopAfter(10));
    expect(first.complete).toBe(false);
    expect(first.erased).toBeGreaterThan(0);
    expect(first.erased).toBeLessThan(30);

    // Act 2: the process dies inside an erasure (orders already gone, profile not yet).
    failOnCall = deleteCalls + 5;
    await expect(runRetention(deps, now)).rejects.toThrow('injected fault');
    const beforeResume = deletions.size;
    expect(beforeResume).toBe(first.erased + 4);

    // Act 3: the next run carries on.
    const third = await runRetention(deps, now);

    // Assess
    expect(third.complete).toBe(true);
    expect(third.held).toBe(0);
    expect(first.erased + (beforeResume - first.erased) + third.erased).toBe(30);
    expect([...deletions.keys()].sort()).toEqual(dueIds);
    expect([...deletions.values()].every((n) => n === 1)).toBe(true);
    const left = await app.scanAll('register');
    for (const id of dueIds) expect(left.filter((i) => i.pk === `CUST#${id}`)).toEqual([]);
    for (const id of notDueIds) expect(left.some((i) => i.pk === `CUST#${id}` && i.sk === 'PROFILE')).toBe(true);
    expect((await runRetention(deps, now)).erased).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------
// Vouchers (Accounting Act): kept apart when the record goes, deleted when their 6 years end

describe('accounting vouchers', () => {
  test('paid invoices within 6 years become vouchers when the customer is erased, and the run after their end deletes them', async () => {
    // Prepare: a customer with a recent paid invoice (kept) and one whose 6 years have ended.
    const c = person('r-voucher', null, [order('r-voucher-new', '2025-03-01', 'paid'), order('r-voucher-old', '2018-05-01', 'paid')]);
    await app.seed([c]);
    const { requestId } = await fileRequest('erasure', { email: c.email, verify: true });
    expect((await staffView(requestId)).status).toBe('awaiting_decision');

    // Act: the contact person approves; the processor erases.
    const decided = await app.post(`/admin/requests/${requestId}/decision`, { decision: 'approve' }, await staff());
    expect(decided.status).toBeLessThan(300);
    await app.settle();

    // Assess: the register record is gone, one voucher stays (the 2025 invoice, until the end of 2031).
    expect(await customerStatus('r-voucher')).toBe(404);
    expect(await itemsOf('r-voucher')).toEqual([]);
    const kept = await vouchers();
    expect(kept.map((v) => v.pk)).toEqual(['VOUCHER#i-r-voucher-new']);
    expect(kept[0]).toMatchObject({ until: '2031-12-31T23:59:59.999Z', retentionDueAt: '2031-12-31T23:59:59.999Z', restricted: true });
    expect(kept[0]?.customerId).toBeUndefined();
    expect((await staffView(requestId)).status).toBe('completed');

    // The last second of 2031 still keeps it; the first run of 2032 deletes it.
    expect(await runRetentionOnce(app.config, new Date('2031-12-31T23:59:59Z'))).toMatchObject({ vouchersErased: 0 });
    expect(await vouchers()).toHaveLength(1);
    expect(await runRetentionOnce(app.config, new Date('2032-01-01T00:00:00Z'))).toMatchObject({ vouchersErased: 1 });
    expect(await vouchers()).toEqual([]);
  });

  test('an approved erasure held by an open invoice is finished by the first run after the invoice is paid', async () => {
    // Prepare: a customer with an open invoice asks to be erased; staff approve; the record is kept, restricted.
    const c = person('r-openinv', null, [order('r-openinv-1', '2026-10-01', 'open')]);
    await app.seed([c]);
    const { requestId } = await fileRequest('erasure', { email: c.email, verify: true });
    expect((await app.post(`/admin/requests/${requestId}/decision`, { decision: 'approve' }, await staff())).status).toBeLessThan(300);
    await app.settle();
    const held = (await (await app.get('/admin/customers/r-openinv', await staff())).json()) as { restricted: boolean };
    expect(held.restricted).toBe(true);
    expect((await dueIndex()).has('CUST#r-openinv')).toBe(true);

    // Act: the register is merged again from the source system, now with the invoice paid.
    await app.seed([{ ...c, orders: [order('r-openinv-1', '2026-10-01', 'paid')] }]);
    expect((await dueIndex()).has('CUST#r-openinv')).toBe(true); // the merge must not drop the pending erasure
    const summary = await runRetentionOnce(app.config, addDays(new Date(), 2));

    // Assess: erased; the paid invoice stays as a voucher.
    expect(summary).toMatchObject({ erased: 1, held: 0 });
    expect(await customerStatus('r-openinv')).toBe(404);
    expect((await vouchers()).map((v) => v.pk)).toEqual(['VOUCHER#i-r-openinv-1']);
  });
});

// ---------------------------------------------------------------------------------------------
// Deadlines (GDPR Art. 12(3)): a daily digest to the contact person

describe('deadline digest', () => {
  test('reminds the contact person once a day of a request due within a week, then lists it as overdue', async () => {
    // Prepare: a verified erasure request waits for a decision, due in one month.
    const { requestId } = await fileRequest('erasure', { verify: true });
    const view = await staffView(requestId);
    expect(view.status).toBe('awaiting_decision');
    const dueAt = new Date(view.dueAt);
    const day = (d: Date, time: string) => new Date(`${d.toISOString().slice(0, 10)}T${time}Z`);
    const threeDaysBefore = addDays(dueAt, -3);
    const digestsBefore = (await digestsNaming(requestId)).length;

    // Act + Assess: three days before the due date, one digest.
    const first = await runRetentionOnce(app.config, day(threeDaysBefore, '06:00:00'));
    expect(first.reminded).toBe(1);
    let digests = await digestsNaming(requestId);
    expect(digests).toHaveLength(digestsBefore + 1);
    expect(digests.at(-1)?.text).toContain('Due soon (1)');
    expect(digests.at(-1)?.text).not.toContain('Overdue (');
    expect(await auditCount(requestId, 'reminded')).toBe(1);

    // Later the same day: nothing new to say.
    const sameDay = await runRetentionOnce(app.config, day(threeDaysBefore, '18:00:00'));
    expect(sameDay.reminded).toBe(0);
    expect(await digestsNaming(requestId)).toHaveLength(digestsBefore + 1);
    expect(await auditCount(requestId, 'reminded')).toBe(1);

    // The next day: reminded again.
    const nextDay = await runRetentionOnce(app.config, day(addDays(threeDaysBefore, 1), '06:00:00'));
    expect(nextDay.reminded).toBe(1);
    expect(await digestsNaming(requestId)).toHaveLength(digestsBefore + 2);
    expect(await auditCount(requestId, 'reminded')).toBe(2);

    // Past the due date: listed as overdue.
    const late = await runRetentionOnce(app.config, addDays(dueAt, 1));
    expect(late.reminded).toBe(1);
    digests = await digestsNaming(requestId);
    expect(digests).toHaveLength(digestsBefore + 3);
    const text = digests.at(-1)?.text ?? '';
    const overdueAt = text.indexOf('Overdue (1)');
    expect(overdueAt).toBeGreaterThanOrEqual(0);
    expect(text.indexOf(requestId, overdueAt)).toBeGreaterThan(overdueAt);
    expect(text).not.toContain('Due soon (');
    const reminders = (await staffView(requestId)).audit.filter((e) => e.type === 'reminded');
    expect(reminders.at(-1)?.data).toMatchObject({ overdue: true });
  });
});

// ---------------------------------------------------------------------------------------------
// Housekeeping of the requests table and the exports bucket

describe('housekeeping', () => {
  test('an unverified request expires after 7 days and takes its personal data with it; a younger one stays', async () => {
    // Prepare: two unverified requests, the second filed a moment after the first.
    const old = await fileRequest('access', { verify: false });
    await new Promise((r) => setTimeout(r, 20));
    const fresh = await fileRequest('access', { verify: false });
    const receivedAt = new Date((await staffView(old.requestId)).receivedAt);
    expect((await requestItem(old.requestId))?.subject).toBeDefined();

    // Act: exactly 7 days after the first was received.
    const summary = await runRetentionOnce(app.config, addDays(receivedAt, app.config.unverifiedExpiryDays));

    // Assess
    expect(summary.expired).toBe(1);
    const expired = await requestItem(old.requestId);
    expect(expired?.status).toBe('expired');
    for (const field of ['subject', 'signature', 'client', 'details']) expect(expired?.[field]).toBeUndefined();
    expect(await auditCount(old.requestId, 'expired')).toBe(1);
    const pending = await requestItem(fresh.requestId);
    expect(pending?.status).toBe('pending_verification');
    expect(pending?.subject).toBeDefined();
  });

  let access: { requestId: string; exportLink: string };

  test("an export's files are deleted once its link has expired, and the link then answers 410", async () => {
    // Prepare: a verified access request for a customer in the register gets its export.
    const c = person('r-export', null, [order('r-export-1', '2026-01-01', 'paid')]);
    await app.seed([c]);
    const { requestId } = await fileRequest('access', { email: c.email, verify: true });
    expect((await staffView(requestId)).status).toBe('completed');
    const mail = (await app.mails()).find((m) => m.to.includes(c.email) && m.text.includes('/exports/'));
    const exportLink = /\/exports\/[a-f0-9]{32}\?token=[A-Za-z0-9_-]+/.exec(mail?.text ?? '')?.[0] ?? '';
    expect(exportLink).not.toBe('');
    access = { requestId, exportLink };
    const exportItem = (await app.scanAll('requests')).find((i) => i.pk === `REQ#${requestId}` && String(i.sk).startsWith('EXPORT#'));
    const expiresAt = new Date(String(exportItem?.expiresAt));
    const s3 = new S3Client(s3ClientConfig(process.env.TEST_S3_ENDPOINT ?? ''));
    const listFiles = async () =>
      (await s3.send(new ListObjectsV2Command({ Bucket: app.config.exportsBucket, Prefix: `exports/${requestId}/` }))).Contents ?? [];
    expect((await listFiles()).length).toBeGreaterThan(0);
    expect((await app.get(exportLink)).status).toBe(302);

    // Act: a minute after the link's expiry.
    const summary = await runRetentionOnce(app.config, new Date(expiresAt.getTime() + 60_000));

    // Assess
    expect(summary.exportsDeleted).toBeGreaterThanOrEqual(1);
    expect(await listFiles()).toEqual([]);
    expect((await app.get(exportLink)).status).toBe(410);
    s3.destroy();
  });

  test('a finished request keeps its proof but loses its personal data 3 years on', async () => {
    // Prepare: the completed access request of the previous test.
    const { requestId } = access;
    const before = await requestItem(requestId);
    expect(before?.subject).toBeDefined();
    const dueAt = new Date(String(before?.dueAt));

    // Act: three years and a day after its due date (the index orders finished requests by it).
    const now = addDays(addCalendarYears(dueAt, app.config.controller.proofRetentionYears), 1);
    const summary = await runRetentionOnce(app.config, now);

    // Assess
    expect(summary.minimised).toBeGreaterThanOrEqual(1);
    const after = await requestItem(requestId);
    expect(after?.status).toBe('completed');
    for (const field of ['subject', 'signature', 'client', 'verification', 'details', 'statusDue']) expect(after?.[field]).toBeUndefined();
    expect(after?.seal).toBeDefined(); // the proof stays
    expect(await auditCount(requestId, 'minimised')).toBe(1);
    await runRetentionOnce(app.config, now);
    expect(await auditCount(requestId, 'minimised')).toBe(1); // left the index, not read again
  });
});

// ---------------------------------------------------------------------------------------------
// The CLI (CONTRACT.md: `npm run retention -- --now ISO_TIME`, the last line a JSON summary)

describe('retention CLI', () => {
  test('runs once against the local stack and prints a JSON summary as its last line', async () => {
    // Prepare: the CLI uses the local stack's default names (tables dsr-*, bucket dsr-exports).
    const port = (name: string) => new URL(process.env[name] ?? '').port;
    const ddb = new DynamoDBClient({ region: localRegion, endpoint: process.env.TEST_DYNAMODB_ENDPOINT, credentials: localAwsCredentials });
    const s3 = new S3Client(s3ClientConfig(process.env.TEST_S3_ENDPOINT ?? ''));
    await ensureTable(ddb, 'dsr-requests', requestsTable);
    await ensureTable(ddb, 'dsr-register', registerTable);
    await ensureBucket(s3, 'dsr-exports');
    const id = `r-cli-${Date.now()}`;
    const cfg = { ...app.config, tables: { requests: 'dsr-requests', register: 'dsr-register' } };
    await seedRegister(wireStores(cfg).register, [person(id, '2019-05-01')], app.config.hmacKey, 10);
    const dataDir = mkdtempSync(join(tmpdir(), 'dsr-cli-'));

    // Act
    try {
      const { stdout } = await promisify(execFile)(
        join(__dirname, '..', '..', 'node_modules', '.bin', 'tsx'),
        ['shared/local/retention-cli.ts', '--now', '2030-01-01T00:00:00Z'],
        {
          cwd: join(__dirname, '..', '..'),
          env: {
            PATH: process.env.PATH ?? '',
            HOME: process.env.HOME ?? '',
            PORT: String(await freePort()),
            DYNAMODB_PORT: port('TEST_DYNAMODB_ENDPOINT'),
            S3_PORT: port('TEST_S3_ENDPOINT'),
            SES_PORT: port('TEST_SES_ENDPOINT'),
            DATA_DIR: dataDir,
          },
          timeout: 30_000,
        },
      );

      // Assess
      const last = stdout.trim().split('\n').at(-1) ?? '';
      const summary = JSON.parse(last) as Record<string, unknown>;
      expect(typeof summary.erased).toBe('number');
      expect(typeof summary.held).toBe('number');
      expect(summary.erased).toBeGreaterThanOrEqual(1);
      expect(await wireStores(cfg).register.getProfile(id)).toBeUndefined();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
      ddb.destroy();
      s3.destroy();
    }
  });
});
