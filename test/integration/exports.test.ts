/**
 * Issue 3, access and portability, on the local stack: the subject files and confirms through
 * HTTP, follows the mailed link, gets a 302 to a short-lived presigned S3 URL and downloads the
 * very data the register holds. Then the failure paths: expired and wrong links, a redelivered
 * stream record, and S3 down while the export is built.
 */
import { createHash } from 'node:crypto';
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Customer, Order } from '../../shared/domain/types';
import type { ExportFiles } from '../../shared/domain/ports';
import { reconcile } from '../../shared/services/processor';
import { startTestApp, wellflixRegister, type TestApp } from '../helpers/app';
import { registerPii } from '../helpers/capture-logs';
import {
  adminRequest, exportLink, fileAndVerify, fileRequest, mailsTo, personOf, processorDeps, realExportFiles, storedRequest, streamEvent,
  uniqueCustomer, verify,
} from '../helpers/dsr-flow';

let app: TestApp;
// The handler module wires itself from the environment when loaded, so it is loaded after the app starts.
let makeHandler: typeof import('../../functions/processor/handler').makeHandler;
const register = wellflixRegister();
const maija = register.find((c) => c.customerId === 'c-1001')!;

// Two orders, one of them with two items, and text a spreadsheet or a CSV reader could trip on.
const porter = uniqueCustomer('porter', {
  organization: 'Siirto, "Testi" Oy',
  website: 'https://siirto.example',
  ipAddresses: ['192.0.2.44', '2001:db8::44'],
  orders: [
    {
      orderId: 'p-1', orderedAt: '2025-03-01T10:00:00Z', total: 29.8, currency: 'EUR',
      items: [ { name: 'Wellflix Premium, 1 kk', quantity: 1, unitPrice: 19.9 }, { name: '=Lisäkanava "Urheilu"', quantity: 1, unitPrice: 9.9 } ],
      invoice: { invoiceId: 'pi-1', issuedAt: '2025-03-01', dueDate: '2025-03-15', status: 'paid' },
    },
    {
      orderId: 'p-2', orderedAt: '2026-02-01T10:00:00Z', total: 9.9, currency: 'EUR',
      items: [ { name: 'Wellflix Perus, 1 kk', quantity: 1, unitPrice: 9.9 } ],
    },
  ],
});

beforeAll(async () => {
  app = await startTestApp();
  ({ makeHandler } = await import('../../functions/processor/handler'));
  await app.seed([...register, porter]);
  registerPii(maija.email, maija.phone!, maija.postalAddress!.street);
});
afterAll(() => app?.stop());

interface ExportJson {
  requestId: string;
  generatedAt: string;
  controller: { name: string };
  processing: Record<string, unknown>;
  subject: (Record<string, unknown> & { orders: Order[] }) | null;
}

/** Follows the mailed link as a browser would, without following the redirect: our API must answer 302. */
const openLink = async (exportId: string, token: string, file?: string) => {
  const res = await app.get(`/exports/${exportId}?token=${token}${file ? `&file=${file}` : ''}`);
  return { res, location: res.headers.get('location') };
};

const download = async (exportId: string, token: string, file?: string) => {
  const { res, location } = await openLink(exportId, token, file);
  expect(res.status).toBe(302);
  expect(location).toBeTruthy();
  const url = new URL(location!);
  expect(url.searchParams.get('X-Amz-Algorithm')).toBe('AWS4-HMAC-SHA256');
  expect(Number(url.searchParams.get('X-Amz-Expires'))).toBeGreaterThan(0);
  expect(Number(url.searchParams.get('X-Amz-Expires'))).toBeLessThanOrEqual(900);
  const file_ = await fetch(location!);
  expect(file_.status).toBe(200);
  return { body: await file_.text(), contentType: file_.headers.get('content-type') ?? '', location: location! };
};

/** The seeded record as the export should carry it: every field the register file gave, orders by id. */
const expectSameRecord = (subject: ExportJson['subject'], seeded: Customer) => {
  expect(subject).not.toBeNull();
  const { orders: seededOrders = [], ...seededProfile } = seeded;
  const { orders, ...profile } = subject!;
  for (const [field, value] of Object.entries(seededProfile)) {
    // A current customer's `relationshipEndedAt: null` and an absent one say the same (CONTRACT: optional).
    if (value === null) expect(profile[field] ?? null).toBeNull();
    else expect({ field, value: profile[field] }).toEqual({ field, value });
  }
  // Nothing beyond the register record leaks into the copy (keys, hashes, flags of our own).
  expect(Object.keys(profile).sort()).toEqual(Object.keys(seededProfile).filter((k) => (seededProfile as Record<string, unknown>)[k] !== null).sort());
  const byId = (a: Order, b: Order) => a.orderId.localeCompare(b.orderId);
  expect([...orders].sort(byId)).toEqual([...seededOrders].sort(byId));
};

const exportMails = async (email: string) => (await mailsTo(app, email)).filter((m) => m.text.includes('/exports/'));

test('access: the mailed link redirects to a short-lived S3 URL; the JSON and the report are the register record', async () => {
  const requestId = await fileAndVerify(app, personOf(maija), { type: 'access', language: 'fi' });

  const mails = await exportMails(maija.email);
  expect(mails).toHaveLength(1);
  const link = exportLink(mails[0]);
  expect(link).toBeDefined();
  expect(mails[0]!.text).toContain(`${app.url}/exports/${link!.exportId}?token=`);

  const json = await download(link!.exportId, link!.token);
  expect(json.contentType).toMatch(/application\/json/);
  const data = JSON.parse(json.body) as ExportJson;
  expect(data.requestId).toBe(requestId);
  expect(Number.isNaN(Date.parse(data.generatedAt))).toBe(false);
  expect(data.controller.name).toBe('Wellflix Oy');
  for (const k of ['purposes', 'categories', 'recipients', 'retention', 'sources', 'rights']) expect(typeof data.processing[k]).toBe('string');
  expectSameRecord(data.subject, maija);

  const report = await download(link!.exportId, link!.token, 'report.html');
  expect(report.contentType).toMatch(/text\/html/);
  expect(report.body).toContain('<html lang="fi"');
  expect(report.body).toContain(maija.lastName);
  for (const o of maija.orders!) expect(report.body).toContain(o.orderId);

  // The link is ours and reusable until it expires; each use gets a fresh presigned URL.
  const again = await openLink(link!.exportId, link!.token);
  expect(again.res.status).toBe(302);

  const r = await adminRequest(app, requestId);
  expect(r.status).toBe('completed');
  const built = r.audit.find((e) => e.type === 'export_built');
  expect(built?.data?.exportId).toBe(link!.exportId);
  expect(r.audit.at(-1)?.type).toBe('completed');
});

test('portability: the same JSON, and orders.csv with one row per order item', async () => {
  const requestId = await fileAndVerify(app, personOf(porter), { type: 'portability', language: 'en' });
  const link = exportLink((await exportMails(porter.email))[0]);
  expect(link).toBeDefined();

  const data = JSON.parse((await download(link!.exportId, link!.token)).body) as ExportJson;
  expect(data.requestId).toBe(requestId);
  expectSameRecord(data.subject, porter);

  const csv = await download(link!.exportId, link!.token, 'orders.csv');
  expect(csv.contentType).toMatch(/text\/csv/);
  const rows = parseCsv(csv.body);
  const [header, ...body] = rows;
  expect(header).toEqual(expect.arrayContaining(['orderId', 'itemName', 'quantity', 'unitPrice', 'invoiceId']));
  const col = (name: string) => header!.indexOf(name);
  const expected = porter.orders!.flatMap((o) => o.items.map((i) => [o.orderId, i.name, String(i.quantity), String(i.unitPrice), o.invoice?.invoiceId ?? '']));
  const got = body.map((r) => [r[col('orderId')], r[col('itemName')]?.replace(/^'(?=[=+\-@])/, ''), r[col('quantity')], r[col('unitPrice')], r[col('invoiceId')]]);
  expect(got.sort()).toEqual(expected.sort());
  // A cell that a spreadsheet would run as a formula is defused.
  expect(body.some((r) => r[col('itemName')]?.startsWith("'="))).toBe(true);

  const r = await adminRequest(app, requestId);
  expect(r.status).toBe('completed');
  expect(r.audit.map((e) => e.type)).toContain('export_built');
});

test('a verified address with no register record: the mail says no personal data is held, the JSON has subject null', async () => {
  const stranger = { email: `stranger.${Date.now()}@example.test`, firstName: 'Outo', lastName: 'Tuntematon' };
  registerPii(stranger.email, stranger.lastName);
  const requestId = await fileAndVerify(app, stranger, { type: 'access', language: 'en' });
  const mails = await exportMails(stranger.email);
  expect(mails).toHaveLength(1);
  expect(mails[0]!.text).toContain('We hold no personal data about this email address');
  const link = exportLink(mails[0]);
  const data = JSON.parse((await download(link!.exportId, link!.token)).body) as ExportJson;
  expect(data.requestId).toBe(requestId);
  expect(data.subject).toBeNull();
  expect(typeof data.processing.purposes).toBe('string');
  expect((await adminRequest(app, requestId)).status).toBe('completed');
});

test('an expired link answers 410 with a page of ours; a wrong token gets a 4xx and no redirect', async () => {
  const c = uniqueCustomer('expiry');
  await app.seed([c]);
  await fileAndVerify(app, personOf(c), { type: 'access', language: 'fi' });
  const link = exportLink((await exportMails(c.email))[0])!;
  expect((await openLink(link.exportId, link.token)).res.status).toBe(302);

  // Wrong tokens first, while the link still works.
  for (const bad of [`${link.token.slice(0, -2)}xx`, 'A'.repeat(43)]) {
    const { res, location } = await openLink(link.exportId, bad);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(location).toBeNull();
  }
  const otherExport = await openLink('0'.repeat(32), link.token);
  expect(otherExport.res.status).toBeGreaterThanOrEqual(400);
  expect(otherExport.location).toBeNull();
  const unknownFile = await openLink(link.exportId, link.token, 'secrets.txt');
  expect(unknownFile.res.status).toBe(404);
  expect(unknownFile.location).toBeNull();

  // Time passes: the stored token (found by the SHA-256 of the mailed token) expires.
  const tokenHash = createHash('sha256').update(link.token, 'utf8').digest('hex');
  await app.ddb.send(
    new UpdateCommand({
      TableName: app.config.tables.requests,
      Key: { pk: `TOKEN#${tokenHash}`, sk: 'TOKEN' },
      UpdateExpression: 'SET expiresAt = :past',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':past': new Date(Date.now() - 60_000).toISOString() },
    }),
  );
  const { res, location } = await openLink(link.exportId, link.token);
  expect(res.status).toBe(410);
  expect(location).toBeNull();
  expect(res.headers.get('content-type')).toMatch(/text\/html/);
  const page = await res.text();
  expect(page).toMatch(/^<!doctype html>/i);
  expect(page).not.toMatch(/<\?xml|<Error>|AccessDenied|X-Amz/);
});

test('a redelivered stream record builds no second export and sends no second mail', async () => {
  const c = uniqueCustomer('redeliver', {
    orders: [{ orderId: 'r-1', orderedAt: '2026-01-01T00:00:00Z', total: 5, currency: 'EUR', items: [{ name: 'Vuokraelokuva', quantity: 1, unitPrice: 5 }] }],
  });
  await app.seed([c]);
  const requestId = await fileAndVerify(app, personOf(c), { type: 'portability', language: 'fi' });
  const first = exportLink((await exportMails(c.email))[0])!;

  // Lambda redelivers: the same records of this request, again and again, through the processor's own handler.
  const handler = makeHandler(processorDeps());
  for (let i = 0; i < 3; i++) {
    expect(await handler(streamEvent(requestId, ['INSERT', 'MODIFY', 'MODIFY']))).toEqual({ batchItemFailures: [] });
  }
  await reconcile(processorDeps(), requestId);
  await app.settle();

  const mails = await exportMails(c.email);
  expect(mails).toHaveLength(1);
  expect(exportLink(mails[0])!.exportId).toBe(first.exportId);
  const r = await adminRequest(app, requestId);
  expect(r.status).toBe('completed');
  expect(r.audit.filter((e) => e.type === 'export_built')).toHaveLength(1);
  expect(r.audit.filter((e) => e.type === 'completed')).toHaveLength(1);
  const exportsStored = await app.ddb.send(
    new QueryCommand({
      TableName: app.config.tables.requests,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :e)',
      ExpressionAttributeValues: { ':pk': `REQ#${requestId}`, ':e': 'EXPORT#' },
    }),
  );
  expect(exportsStored.Items?.map((e) => e.exportId)).toEqual([first.exportId]);
});

// From here on the test drives the processor itself: the app's own poller is stopped for good.
test('S3 down while building: the request stays verified and loses nothing; a retry completes it with one mail', async () => {
  const c = uniqueCustomer('s3down', {
    orders: [{ orderId: 's-1', orderedAt: '2026-05-01T00:00:00Z', total: 12, currency: 'EUR', items: [{ name: 'Wellflix Perus, 1 kk', quantity: 1, unitPrice: 12 }] }],
  });
  await app.seed([c]);
  const { requestId, verifyToken } = await fileRequest(app, personOf(c), { type: 'access', language: 'en' });
  await app.poller.stop();
  await verify(app, verifyToken, { settle: false });

  const real = realExportFiles();
  let failuresLeft = 2;
  let puts = 0;
  const flaky: ExportFiles = {
    ...real,
    async put(key, chunks, contentType) {
      puts++;
      if (failuresLeft > 0) {
        failuresLeft--;
        throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { name: 'ECONNREFUSED' });
      }
      return real.put(key, chunks, contentType);
    },
  };
  const handler = makeHandler(processorDeps({ files: flaky }));

  // Two deliveries fail: the batch is handed back for a retry, and the request waits as it was.
  for (let i = 0; i < 2; i++) {
    const out = await handler(streamEvent(requestId));
    expect(out.batchItemFailures).toHaveLength(1);
    const r = await adminRequest(app, requestId);
    expect(r.status).toBe('verified');
    expect(r.audit.map((e) => e.type)).not.toContain('export_built');
    expect(await exportMails(c.email)).toHaveLength(0);
  }
  const waiting = await storedRequest(app, requestId);
  expect(waiting?.subject).toEqual(expect.objectContaining({ email: c.email }));
  expect(waiting?.seal).toBeDefined();
  expect(waiting?.effects).toEqual(expect.arrayContaining(['mail:contact']));
  const contactMails = (await mailsTo(app, app.config.controller.contactPerson.email)).filter((m) => m.text.includes(requestId));
  expect(contactMails).toHaveLength(1);

  // S3 is back: the redelivery completes the request; further redeliveries change nothing.
  expect(await handler(streamEvent(requestId))).toEqual({ batchItemFailures: [] });
  await reconcile(processorDeps(), requestId);
  expect(await handler(streamEvent(requestId, ['MODIFY', 'MODIFY']))).toEqual({ batchItemFailures: [] });
  expect(puts).toBe(2 + 2); // two failed attempts, then data.json and report.html once each

  const mails = await exportMails(c.email);
  expect(mails).toHaveLength(1);
  const link = exportLink(mails[0])!;
  const data = JSON.parse((await download(link.exportId, link.token)).body) as ExportJson;
  expectSameRecord(data.subject, c);
  const r = await adminRequest(app, requestId);
  expect(r.status).toBe('completed');
  expect(r.audit.filter((e) => e.type === 'export_built')).toHaveLength(1);
  expect((await mailsTo(app, app.config.controller.contactPerson.email)).filter((m) => m.text.includes(requestId))).toHaveLength(1);
});

/** RFC 4180, enough for the export: quoted cells, doubled quotes, CRLF rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}
