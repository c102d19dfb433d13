/**
 * Issue 4, decisions, on the local stack: every path from a verified request through the contact
 * person's decision (POST /admin/requests/{id}/decision, staff bearer token) to the register and
 * the mails, seen only through HTTP, the SES emulator and the tables themselves.
 */
import { generateKeyPairSync } from 'node:crypto';
import { decodeJwt } from 'jose';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { canonicalJson } from '../../shared/domain/canonical';
import type { RegisterStore } from '../../shared/domain/ports';
import type { Customer } from '../../shared/domain/types';
import { issueStaffToken } from '../../shared/local/auth';
import { reconcile } from '../../shared/services/processor';
import { sha256Hex } from '../../shared/domain/token';
import { wireStores } from '../../shared/wiring';
import { startTestApp, wellflixRegister, type TestApp } from '../helpers/app';
import { registerPii } from '../helpers/capture-logs';
import {
  adminCustomer, adminRequest, decide, fileAndVerify, fileRequest, mailsTo, personOf, plusCalendarMonths, processorDeps, staffHeaders,
  storedRequest, uniqueCustomer,
} from '../helpers/dsr-flow';

let app: TestApp;
const register = wellflixRegister();
const shipped = (id: string): Customer => register.find((c) => c.customerId === id)!;
const CONTACT = 'erno.polus@wellflix.fi';
// The default Art. 19 recipient plus one more, so "each recipient" is more than one.
const SECOND_RECIPIENT = { name: 'Osoitepäivityspalvelu (address update service)', email: 'osoitepalvelu@example.test' };

beforeAll(async () => {
  const defaults = (await import('../../shared/config')).wellflix.recipients;
  app = await startTestApp({ env: { CONTROLLER_JSON: JSON.stringify({ recipients: [...defaults, SECOND_RECIPIENT] }) } });
  await app.seed(register);
  for (const c of register) registerPii(c.email, ...(c.phone ? [c.phone] : []), ...(c.postalAddress ? [c.postalAddress.street] : []));
});
afterAll(() => app?.stop());

const outcomeMails = async (email: string) => (await mailsTo(app, email)).filter((m) => !m.text.includes('/requests/verify?token='));

const registerItems = async (pk: string) =>
  (await app.ddb.send(new QueryCommand({ TableName: app.config.tables.register, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk }, ConsistentRead: true }))).Items ?? [];

const approve = async (requestId: string) => {
  const res = await decide(app, requestId, { decision: 'approve' });
  expect(res.status).toBe(200);
  expect(((await res.json()) as { status: string }).status).toBe('approved');
  await app.settle();
};

const expectWaiting = async (requestId: string) => {
  const r = await adminRequest(app, requestId);
  expect(r.status).toBe('awaiting_decision');
  return r;
};

describe('approved decisions change the register', () => {
  test('rectification: fields changed (a nested one too), before/after recorded, each recipient and the subject told', async () => {
    const c = uniqueCustomer('rect');
    await app.seed([c]);
    const newLastName = `Uusinimi${c.customerId.slice(-4)}`;
    registerPii(newLastName);
    const requestId = await fileAndVerify(app, personOf(c), {
      type: 'rectification',
      language: 'fi',
      changes: [
        { field: 'lastName', value: newLastName, reason: 'Nimenmuutos' },
        { field: 'postalAddress.city', value: 'Vantaa', reason: 'Muutin' },
      ],
    });
    await expectWaiting(requestId);
    await approve(requestId);

    const { status, body } = await adminCustomer(app, c.customerId);
    expect(status).toBe(200);
    expect(body.lastName).toBe(newLastName);
    expect(body.postalAddress).toEqual({ ...c.postalAddress, city: 'Vantaa' });
    expect(body.firstName).toBe(c.firstName);
    expect(body.email).toBe(c.email);

    const r = await adminRequest(app, requestId);
    expect(r.status).toBe('completed');
    const before = { lastName: c.lastName, 'postalAddress.city': 'Espoo' };
    const after = { lastName: newLastName, 'postalAddress.city': 'Vantaa' };
    expect(r.rectification).toEqual(expect.objectContaining({ before, after }));
    const applied = r.audit.filter((e) => e.type === 'applied');
    expect(applied).toHaveLength(1);
    expect(applied[0]!.data?.digest).toBe(sha256Hex(canonicalJson({ before, after })));
    // The trail proves the change by its digest; it holds no personal data itself.
    expect(JSON.stringify(r.audit)).not.toContain(newLastName);
    // The contact person decided: named by the token's stable sub, with the verified email beside it.
    const contactSub = decodeJwt(await app.staffToken()).sub;
    expect(r.audit.find((e) => e.type === 'approved')).toMatchObject({ actor: `staff:${String(contactSub)}`, data: { staffEmail: CONTACT } });

    const recipients = app.config.controller.recipients;
    expect(recipients.map((x) => x.email)).toEqual(['taloushallinto@wellflix.fi', SECOND_RECIPIENT.email]);
    for (const recipient of recipients) {
      const notices = (await mailsTo(app, recipient.email)).filter((m) => m.subject.includes(c.customerId));
      expect(notices).toHaveLength(1);
      expect(notices[0]!.text).toContain('Vantaa');
      expect(notices[0]!.text).toContain(newLastName);
    }

    const letters = await outcomeMails(c.email);
    expect(letters).toHaveLength(1);
    expect(letters[0]!.subject).toContain('Pyyntösi on käsitelty');
    expect(letters[0]!.text).toContain('Olemme korjanneet tietosi');
    expect(letters[0]!.text).toContain('Vantaa');
  });

  test('restriction: the record is flagged restricted and the subject told in English', async () => {
    const c = uniqueCustomer('restr');
    await app.seed([c]);
    const requestId = await fileAndVerify(app, personOf(c), { type: 'restriction', language: 'en' });
    await expectWaiting(requestId);
    expect((await adminCustomer(app, c.customerId)).body.restricted).toBe(false);
    await approve(requestId);

    expect((await adminCustomer(app, c.customerId)).body.restricted).toBe(true);
    expect((await adminRequest(app, requestId)).status).toBe('completed');
    const letters = await outcomeMails(c.email);
    expect(letters).toHaveLength(1);
    expect(letters[0]!.subject).toContain('Your request has been handled');
    expect(letters[0]!.text).toContain('We have restricted the processing');
  });

  test('objection: direct marketing stops at verification, before any decision; approval adds the rest', async () => {
    const c = uniqueCustomer('obj');
    await app.seed([c]);
    const objections = ['directMarketing', 'publication', 'marketResearch'];
    const requestId = await fileAndVerify(app, personOf(c), { type: 'objection', language: 'fi', objections });

    await expectWaiting(requestId);
    expect((await adminCustomer(app, c.customerId)).body.suppressions).toEqual(['directMarketing']);
    expect((await outcomeMails(c.email)).some((m) => m.text.includes('suoramarkkinointiin'))).toBe(true);

    await approve(requestId);
    const suppressions = (await adminCustomer(app, c.customerId)).body.suppressions as string[];
    expect([...suppressions].sort()).toEqual([...objections].sort());
    expect((await adminRequest(app, requestId)).status).toBe('completed');
    const letter = (await outcomeMails(c.email)).find((m) => m.subject.includes('Pyyntösi on käsitelty'));
    expect(letter?.text).toContain('Tietojen julkaiseminen luettelona');
  });
});

describe('erasure', () => {
  test('without holds (c-1005): the record and its orders are gone, the request is minimised and completed', async () => {
    const c = shipped('c-1005');
    const requestId = await fileAndVerify(app, personOf(c), { type: 'erasure', language: 'fi', details: 'Poistakaa kaikki tietoni.' });
    expect((await expectWaiting(requestId)).holds).toEqual([]);
    await approve(requestId);

    expect((await adminCustomer(app, c.customerId)).status).toBe(404);
    expect(await registerItems(`CUST#${c.customerId}`)).toEqual([]);
    const everything = await app.scanAll('register');
    expect(everything.filter((i) => String(i.sk).startsWith('ORDER#') && i.customerId === c.customerId)).toEqual([]);
    expect(everything.filter((i) => i.pk === 'VOUCHER#i-30')).toEqual([]);

    const stored = await storedRequest(app, requestId);
    expect(stored?.status).toBe('completed');
    for (const field of ['subject', 'details', 'signature', 'client', 'verification']) expect(stored).not.toHaveProperty(field);
    // Nothing left in the requests table leads back to the person.
    const left = JSON.stringify(await app.scanAll('requests'));
    for (const pii of [c.email, c.lastName]) expect(left).not.toContain(pii);

    const letters = await outcomeMails(c.email);
    expect(letters).toHaveLength(1);
    expect(letters[0]!.text).toContain('Olemme poistaneet henkilötietosi asiakasrekisteristämme.');
  });

  test.each([
    { id: 'c-1002', basis: 'open_invoice', language: 'en' as const, kept: 'You have an open invoice' },
    { id: 'c-1004', basis: 'organization_contact', language: 'fi' as const, kept: 'Toimit organisaation yhteyshenkilönä' },
    { id: 'c-1003', basis: 'debt_collection', language: 'en' as const, kept: 'An invoice of yours is in debt collection' },
  ])('with a hold ($basis, $id): holds shown, the record stays restricted without what no hold needs, the letter says what was kept', async ({ id, basis, language, kept }) => {
    const c = shipped(id);
    const requestId = await fileAndVerify(app, personOf(c), { type: 'erasure', language });
    const waiting = await expectWaiting(requestId);
    expect(waiting.holds.map((h) => h.basis)).toContain(basis);
    await approve(requestId);

    const { status, body } = await adminCustomer(app, id);
    expect(status).toBe(200);
    expect(body.restricted).toBe(true);
    expect(body).not.toHaveProperty('website');
    expect(body).not.toHaveProperty('ipAddresses');
    expect(body.email).toBe(c.email);
    expect(body.lastName).toBe(c.lastName);
    const r = await adminRequest(app, requestId);
    expect(r.status).toBe('completed');
    expect(r.audit.filter((e) => e.type === 'applied')).toHaveLength(1);

    const letters = await outcomeMails(c.email);
    expect(letters).toHaveLength(1);
    expect(letters[0]!.text).toContain(kept);
  });

  test('only accounting vouchers hold (c-1001): the register record goes, the vouchers stay apart', async () => {
    const c = shipped('c-1001');
    const requestId = await fileAndVerify(app, personOf(c), { type: 'erasure', language: 'fi' });
    const waiting = await expectWaiting(requestId);
    expect(waiting.holds.map((h) => h.basis)).toEqual(['accounting_vouchers']);
    expect(waiting.holds[0]!.until).toBeDefined();
    await approve(requestId);

    expect((await adminCustomer(app, c.customerId)).status).toBe(404);
    expect(await registerItems(`CUST#${c.customerId}`)).toEqual([]);
    for (const o of c.orders!) {
      const v = (await app.ddb.send(new GetCommand({ TableName: app.config.tables.register, Key: { pk: `VOUCHER#${o.invoice!.invoiceId}`, sk: 'VOUCHER' } }))).Item;
      expect(v).toEqual(expect.objectContaining({ invoiceId: o.invoice!.invoiceId, orderId: o.orderId, total: o.total, restricted: true }));
      expect(v).not.toHaveProperty('customerId');
    }
    const stored = await storedRequest(app, requestId);
    expect(stored?.status).toBe('completed');
    expect(stored).not.toHaveProperty('subject');

    const letters = await outcomeMails(c.email);
    expect(letters).toHaveLength(1);
    expect(letters[0]!.text).toContain('Kirjanpitolaki');
  });
});

describe('refusals, extensions and who may decide', () => {
  test('refuse without a reason is a 400 that changes nothing; with a reason the subject gets it and the Ombudsman (fi)', async () => {
    const c = uniqueCustomer('refusefi');
    await app.seed([c]);
    const requestId = await fileAndVerify(app, personOf(c), { type: 'restriction', language: 'fi' });
    const before = await expectWaiting(requestId);
    const mailsBefore = (await outcomeMails(c.email)).length;

    for (const body of [{ decision: 'refuse' }, { decision: 'refuse', reason: '   ' }]) {
      const res = await decide(app, requestId, body);
      expect(res.status).toBe(400);
    }
    await app.settle();
    const same = await adminRequest(app, requestId);
    expect(same.status).toBe('awaiting_decision');
    expect(same.audit).toHaveLength(before.audit.length);
    expect((await outcomeMails(c.email)).length).toBe(mailsBefore);

    const reason = 'Käsittelyn rajoittamiselle ei ole perustetta: tiedot ovat oikeat ja käsittely on lainmukaista.';
    const res = await decide(app, requestId, { decision: 'refuse', reason });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { status: string }).status).toBe('refused');
    await app.settle();

    expect((await adminRequest(app, requestId)).status).toBe('refused');
    expect((await adminCustomer(app, c.customerId)).body.restricted).toBe(false);
    const letters = (await outcomeMails(c.email)).slice(mailsBefore);
    expect(letters).toHaveLength(1);
    expect(letters[0]!.subject).toContain('Päätös pyyntöösi');
    expect(letters[0]!.text).toContain(reason);
    expect(letters[0]!.text).toContain('Tietosuojavaltuutetun toimisto');
    expect((await decide(app, requestId, { decision: 'approve' })).status).toBe(409);
  });

  test('refuse with a reason (en): the letter carries the reasons and the Data Protection Ombudsman', async () => {
    const c = uniqueCustomer('refuseen');
    await app.seed([c]);
    const requestId = await fileAndVerify(app, personOf(c), { type: 'objection', language: 'en', objections: ['distanceSelling'] });
    await expectWaiting(requestId);
    const reason = 'Distance selling to you is part of the contract you have with us.';
    expect((await decide(app, requestId, { decision: 'refuse', reason })).status).toBe(200);
    await app.settle();

    expect((await adminRequest(app, requestId)).status).toBe('refused');
    expect((await adminCustomer(app, c.customerId)).body.suppressions).toEqual([]);
    const letters = await outcomeMails(c.email);
    expect(letters).toHaveLength(1);
    expect(letters[0]!.subject).toContain('Decision on your request');
    expect(letters[0]!.text).toContain(reason);
    expect(letters[0]!.text).toContain('Data Protection Ombudsman');
  });

  test('extend: due three calendar months from receipt, the subject told why and until when, once only; the list is by due date', async () => {
    const a = uniqueCustomer('extenda');
    const b = uniqueCustomer('extendb');
    await app.seed([a, b]);
    const first = await fileAndVerify(app, personOf(a), { type: 'rectification', language: 'fi', changes: [{ field: 'phone', value: '+358409998877' }] });
    const second = await fileAndVerify(app, personOf(b), { type: 'restriction', language: 'en' });
    const received = await expectWaiting(first);
    expect(received.dueAt).toBe(plusCalendarMonths(received.receivedAt, 1));

    expect((await decide(app, first, { decision: 'extend' })).status).toBe(400);
    const reason = 'Korjaus on tarkistettava laskutuskumppanilta.';
    const res = await decide(app, first, { decision: 'extend', reason });
    expect(res.status).toBe(200);
    const dueAt = plusCalendarMonths(received.receivedAt, 3);
    expect(((await res.json()) as { dueAt: string }).dueAt).toBe(dueAt);
    await app.settle();

    const extended = await expectWaiting(first);
    expect(extended.dueAt).toBe(dueAt);
    expect(extended.audit.filter((e) => e.type === 'extended')).toHaveLength(1);
    const mail = (await outcomeMails(a.email)).find((m) => m.subject.includes('käsittelyaikaa on jatkettu'));
    expect(mail?.text).toContain(reason);
    const newDate = new Intl.DateTimeFormat('fi-FI', { timeZone: 'Europe/Helsinki', day: 'numeric', month: 'numeric', year: 'numeric' }).format(new Date(dueAt));
    expect(mail?.text).toContain(newDate);

    expect((await decide(app, first, { decision: 'extend', reason: 'Vielä lisää aikaa.' })).status).toBe(409);
    expect((await adminRequest(app, first)).dueAt).toBe(dueAt);

    // The staff list: requests waiting for a decision, earliest due first (the extended one after the other).
    const list = await app.get('/admin/requests?status=awaiting_decision', await staffHeaders(app));
    expect(list.status).toBe(200);
    const { items } = (await list.json()) as { items: Array<{ requestId: string; type: string; status: string; receivedAt: string; dueAt: string }> };
    expect(items.every((i) => i.status === 'awaiting_decision')).toBe(true);
    const dues = items.map((i) => i.dueAt);
    expect(dues).toEqual([...dues].sort());
    const ids = items.map((i) => i.requestId);
    expect(ids.indexOf(second)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(second)).toBeLessThan(ids.indexOf(first));
    expect(items.find((i) => i.requestId === first)).toEqual({ requestId: first, type: 'rectification', status: 'awaiting_decision', receivedAt: received.receivedAt, dueAt });

    // Deciding twice: the second decision, of any kind, is a conflict.
    await approve(first);
    for (const body of [{ decision: 'approve' }, { decision: 'refuse', reason: 'Myöhässä.' }, { decision: 'extend', reason: 'Myöhässä.' }]) {
      expect((await decide(app, first, body)).status).toBe(409);
    }
    expect((await adminCustomer(app, a.customerId)).body.phone).toBe('+358409998877');
    expect((await adminRequest(app, first)).audit.filter((e) => e.type === 'applied')).toHaveLength(1);
  });

  test('an unverified request cannot be decided; staff routes want a valid staff token', async () => {
    const c = uniqueCustomer('unverified');
    await app.seed([c]);
    const { requestId } = await fileRequest(app, personOf(c), { type: 'erasure', language: 'en' });
    const res = await decide(app, requestId, { decision: 'approve' });
    expect(res.status).toBe(409);
    expect((await adminRequest(app, requestId)).status).toBe('pending_verification');

    const { privateKey: otherKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1', privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    const forged = await issueStaffToken(otherKey, CONTACT);
    const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const unsigned = `${b64({ alg: 'none' })}.${b64({ email: CONTACT, iss: 'https://local.dsr/staff', aud: 'dsr-staff' })}.`;
    const real = await app.staffToken();
    const [h, , s] = real.split('.');
    const tampered = `${h}.${b64({ email: 'mallory@example.test', sub: 'mallory@example.test', iss: 'https://local.dsr/staff', aud: 'dsr-staff', exp: 4102444800 })}.${s}`;

    const target = uniqueCustomer('authz');
    await app.seed([target]);
    const waiting = await fileAndVerify(app, personOf(target), { type: 'restriction', language: 'fi' });
    const badHeaders: Array<Record<string, string>> = [{}, { authorization: `Bearer ${forged}` }, { authorization: `Bearer ${unsigned}` }, { authorization: `Bearer ${tampered}` }, { authorization: forged }];
    for (const headers of badHeaders) {
      expect((await decide(app, waiting, { decision: 'approve' }, headers)).status).toBe(401);
      expect((await app.get(`/admin/requests/${waiting}`, headers)).status).toBe(401);
      expect((await app.get(`/admin/customers/${target.customerId}`, headers)).status).toBe(401);
    }
    await app.settle();
    const r = await expectWaiting(waiting);
    expect(r.audit.map((e) => e.type)).not.toContain('approved');
    expect((await adminCustomer(app, target.customerId)).body.restricted).toBe(false);
  });
});

// Last, because the test drives the processor itself: the app's own poller is stopped for good.
describe('a crash in the middle of an erasure', () => {
  test('the processor killed between deleting orders and deleting the customer: a redelivery finishes the erasure, nothing twice, nothing left', async () => {
    const suffix = Date.now().toString(36);
    const oldInvoice = `iv-old-${suffix}`;
    const newInvoice = `iv-new-${suffix}`;
    const c = uniqueCustomer('crash', {
      website: 'https://crash.example',
      ipAddresses: ['192.0.2.99'],
      orders: [
        { orderId: 'k-1', orderedAt: '2015-02-01T09:00:00Z', total: 9.9, currency: 'EUR', items: [{ name: 'Wellflix Perus, 1 kk', quantity: 1, unitPrice: 9.9 }], invoice: { invoiceId: oldInvoice, issuedAt: '2015-02-01', dueDate: '2015-02-15', status: 'paid' } },
        { orderId: 'k-2', orderedAt: '2025-06-01T09:00:00Z', total: 19.9, currency: 'EUR', items: [{ name: 'Wellflix Premium, 1 kk', quantity: 1, unitPrice: 19.9 }], invoice: { invoiceId: newInvoice, issuedAt: '2025-06-01', dueDate: '2025-06-15', status: 'paid' } },
        { orderId: 'k-3', orderedAt: '2026-06-01T09:00:00Z', total: 0, currency: 'EUR', items: [{ name: 'Kokeilu', quantity: 1, unitPrice: 0 }] },
      ],
    });
    await app.seed([c]);
    const requestId = await fileAndVerify(app, personOf(c), { type: 'erasure', language: 'en' });
    expect((await expectWaiting(requestId)).holds.map((h) => h.basis)).toEqual(['accounting_vouchers']);
    await app.poller.stop();
    expect((await decide(app, requestId, { decision: 'approve' })).status).toBe(200);

    // The first run dies right after the orders were deleted, before the customer is.
    const real = wireStores(app.config).register;
    let crashes = 1;
    const crashing: RegisterStore = {
      ...real,
      async deleteProfile(customerId) {
        if (crashes-- > 0) throw Object.assign(new Error('Runtime exited with error: signal: killed'), { name: 'Runtime.ExitError' });
        return real.deleteProfile(customerId);
      },
    };
    await expect(reconcile(processorDeps({ register: crashing }), requestId)).rejects.toThrow('killed');

    const orders = (await registerItems(`CUST#${c.customerId}`)).filter((i) => String(i.sk).startsWith('ORDER#'));
    expect(orders).toEqual([]);
    expect((await adminCustomer(app, c.customerId)).status).toBe(200);
    const between = await adminRequest(app, requestId);
    expect(between.status).toBe('approved');
    expect(between.audit.map((e) => e.type)).not.toContain('applied');
    expect(await outcomeMails(c.email)).toHaveLength(0);

    // The redelivery, with the real store, and then a few more for good measure.
    await reconcile(processorDeps(), requestId);
    await reconcile(processorDeps(), requestId);

    expect((await adminCustomer(app, c.customerId)).status).toBe(404);
    expect(await registerItems(`CUST#${c.customerId}`)).toEqual([]);
    const vouchers = (await app.scanAll('register')).filter((i) => String(i.pk).startsWith('VOUCHER#') && [oldInvoice, newInvoice].includes(String(i.invoiceId)));
    expect(vouchers.map((v) => v.invoiceId)).toEqual([newInvoice]);
    expect(vouchers[0]).toEqual(expect.objectContaining({ orderId: 'k-2', total: 19.9, restricted: true }));

    const r = await adminRequest(app, requestId);
    expect(r.status).toBe('completed');
    expect(r.audit.filter((e) => e.type === 'applied')).toHaveLength(1);
    expect(r.audit.filter((e) => e.type === 'completed')).toHaveLength(1);
    const letters = await outcomeMails(c.email);
    expect(letters).toHaveLength(1);
    expect(letters[0]!.text).toContain('We have erased your personal data from our customer register');
    expect(letters[0]!.text).toContain('Accounting Act');
    expect(await storedRequest(app, requestId)).not.toHaveProperty('subject');
  });
});
