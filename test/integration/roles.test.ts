/**
 * Issue 13, staff roles and actors, on the local stack: a viewer reads, only a decider decides,
 * a signed-in user in neither group gets nothing, and every staff action names the member by the
 * identity provider's stable `sub` and the email only when it is verified. Each test is the
 * attack it proves: tokens are the local issuer's, signed with the stack's real key, so the
 * authorizer accepts them and only the functions' own checks stand in the way.
 */
import { decodeJwt } from 'jose';
import { routes } from '../../functions/routes';
import { startTestApp, type TestApp } from '../helpers/app';
import { registerPii } from '../helpers/capture-logs';
import { adminRequest, fileAndVerify, fileRequest, mailsTo, personOf, storedRequest, uniqueCustomer } from '../helpers/dsr-flow';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.stop());

const DECIDER = 'sanna.paattaja@wellflix.fi';
const VIEWER = 'ville.katsoja@wellflix.fi';
const NOBODY = 'niko.ryhmaton@wellflix.fi';
registerPii(DECIDER, VIEWER, NOBODY);

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const errorOf = async (res: Response) => ({ status: res.status, body: (await res.json()) as { error?: { code?: string; message?: string } } });

/** A request waiting for a decision, of a customer of its own. */
const awaiting = async (tag: string, type: 'restriction' | 'erasure' = 'restriction') => {
  const c = uniqueCustomer(tag);
  await app.seed([c]);
  const requestId = await fileAndVerify(app, personOf(c), { type });
  expect((await adminRequest(app, requestId)).status).toBe('awaiting_decision');
  return { c, requestId };
};

describe('a viewer', () => {
  test('reads every staff read route', async () => {
    // Prepare
    const { c, requestId } = await awaiting('role-view');
    const viewer = bearer(await app.staffToken(VIEWER, { role: 'viewer' }));
    // Act
    const list = await app.get('/admin/requests?status=awaiting_decision', viewer);
    const one = await app.get(`/admin/requests/${requestId}`, viewer);
    const customer = await app.get(`/admin/customers/${c.customerId}`, viewer);
    // Assess
    expect(list.status).toBe(200);
    expect(((await list.json()) as { items: Array<{ requestId: string }> }).items.map((i) => i.requestId)).toContain(requestId);
    expect(one.status).toBe(200);
    expect(((await one.json()) as { requestId: string }).requestId).toBe(requestId);
    expect(customer.status).toBe(200);
    expect(((await customer.json()) as { customerId: string }).customerId).toBe(c.customerId);
  });

  test.each([
    ['approve', { decision: 'approve' }],
    ['refuse', { decision: 'refuse', reason: 'Ei perustetta' }],
    ['extend', { decision: 'extend', reason: 'Selvitämme asiaa' }],
    // Refused before the body is read: an invalid body tells a viewer nothing either.
    ['an invalid body', { decision: 'delete' }],
  ])('a viewer\'s decision (%s) is refused with 403 forbidden and nothing changes', async (_, body) => {
    // Prepare
    const { c, requestId } = await awaiting('role-viewer-decides');
    const before = await storedRequest(app, requestId);
    const mailsBefore = (await mailsTo(app, c.email)).length;
    const viewer = bearer(await app.staffToken(VIEWER, { role: 'viewer' }));
    // Act
    const res = await app.post(`/admin/requests/${requestId}/decision`, body, viewer);
    await app.settle();
    // Assess: the contract's error body, and the request, its trail and the mails as they were
    const { status, body: err } = await errorOf(res);
    expect(status).toBe(403);
    expect(err.error?.code).toBe('forbidden');
    expect(typeof err.error?.message).toBe('string');
    expect(await storedRequest(app, requestId)).toEqual(before);
    expect((await adminRequest(app, requestId)).audit.map((e) => e.type)).not.toEqual(expect.arrayContaining(['approved', 'refused', 'extended']));
    expect((await mailsTo(app, c.email)).length).toBe(mailsBefore);
  });

  test('API Gateway\'s flattened groups claim ("[dsr-viewer]") is a viewer too: reads, cannot decide', async () => {
    // Prepare: the claim as the HTTP API's JWT authorizer hands an array claim to the function
    const { requestId } = await awaiting('role-flat-viewer');
    const flat = bearer(await app.staffToken(VIEWER, { claims: { 'cognito:groups': '[dsr-viewer]', email_verified: 'true' } }));
    // Act
    const read = await app.get(`/admin/requests/${requestId}`, flat);
    const write = await app.post(`/admin/requests/${requestId}/decision`, { decision: 'approve' }, flat);
    // Assess
    expect(read.status).toBe(200);
    expect((await errorOf(write)).body.error?.code).toBe('forbidden');
    expect(write.status).toBe(403);
    expect((await storedRequest(app, requestId))?.status).toBe('awaiting_decision');
  });
});

describe('a signed-in user in neither group', () => {
  const noGroup: Array<[string, Record<string, unknown>]> = [
    ['no groups claim', { 'cognito:groups': undefined }],
    ['an empty group list', { 'cognito:groups': [] }],
    ['a group of some other application', { 'cognito:groups': ['staff', 'billing-admin'] }],
    ['a look-alike group, flattened', { 'cognito:groups': '[dsr-deciders DSR-VIEWER]' }],
  ];

  test.each(noGroup)('gets 403 on every staff route: %s', async (_, claims) => {
    // Prepare: one id for each path parameter, and a request that a decision could change
    const { c, requestId } = await awaiting('role-nogroup');
    const before = await storedRequest(app, requestId);
    const token = bearer(await app.staffToken(NOBODY, { claims }));
    const ids: Record<string, string> = { requestId, customerId: c.customerId };
    const staffRoutes = routes.filter((r) => r.auth === 'staff');
    expect(staffRoutes.length).toBeGreaterThanOrEqual(4);
    // Act
    const answers = await Promise.all(
      staffRoutes.map(async (r) => {
        const path = r.path.replace(/\{(\w+)\}/g, (_m, name: string) => ids[name] ?? 'x');
        const res = r.method === 'GET' ? await app.get(path, token) : await app.post(path, { decision: 'approve' }, token);
        const { status, body } = await errorOf(res);
        return { route: `${r.method} ${r.path}`, status, code: body.error?.code };
      }),
    );
    // Assess
    expect(answers).toEqual(staffRoutes.map((r) => ({ route: `${r.method} ${r.path}`, status: 403, code: 'forbidden' })));
    expect(await storedRequest(app, requestId)).toEqual(before);
  });

  test('the same user, once made a viewer, reads (the 403 was the group, not the token)', async () => {
    const { requestId } = await fileRequest(app, personOf(uniqueCustomer('role-later')), { type: 'access' });
    expect((await app.get(`/admin/requests/${requestId}`, bearer(await app.staffToken(NOBODY, { role: 'viewer' })))).status).toBe(200);
  });
});

describe('actors: the trail names a staff member by sub and verified email, never by an editable claim', () => {
  test('a decider\'s approval is recorded as staff:<sub> with the verified email', async () => {
    // Prepare
    const { requestId } = await awaiting('role-actor');
    const token = await app.staffToken(DECIDER);
    const { sub } = decodeJwt(token);
    // Act
    const res = await app.post(`/admin/requests/${requestId}/decision`, { decision: 'approve' }, bearer(token));
    await app.settle();
    // Assess
    expect(res.status).toBe(200);
    const r = await adminRequest(app, requestId);
    expect(sub).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(r.decision).toMatchObject({ decision: 'approve', decidedBy: `staff:${sub}`, decidedByEmail: DECIDER });
    const approved = r.audit.find((e) => e.type === 'approved');
    expect(approved).toMatchObject({ actor: `staff:${sub}`, data: { staffEmail: DECIDER } });
  });

  test('the same person keeps one sub across tokens; another person has another', async () => {
    const a = decodeJwt(await app.staffToken(DECIDER)).sub;
    const b = decodeJwt(await app.staffToken(DECIDER.toUpperCase(), { role: 'viewer' })).sub;
    const other = decodeJwt(await app.staffToken(VIEWER)).sub;
    expect(a).toBe(b);
    expect(other).not.toBe(a);
  });

  test('an unverified email is not recorded: a member who set their email to the contact person\'s decides only as staff:<sub>', async () => {
    // Prepare: Cognito clears email_verified when a user changes their address; here it is false
    const { requestId } = await awaiting('role-unverified');
    const contact = app.config.controller.contactPerson.email;
    const token = await app.staffToken(DECIDER, { claims: { email: contact, email_verified: false, 'cognito:username': contact } });
    const { sub } = decodeJwt(token);
    // Act
    const res = await app.post(`/admin/requests/${requestId}/decision`, { decision: 'extend', reason: 'Selvitämme asiaa' }, bearer(token));
    // Assess
    expect(res.status).toBe(200);
    const r = await adminRequest(app, requestId);
    expect(r.extension).toMatchObject({ extendedBy: `staff:${sub}` });
    expect(r.extension).not.toHaveProperty('extendedByEmail');
    const extended = r.audit.find((e) => e.type === 'extended');
    expect(extended?.actor).toBe(`staff:${sub}`);
    expect(extended?.data).not.toHaveProperty('staffEmail');
    expect(JSON.stringify(r)).not.toContain(contact);
  });

  test('API Gateway\'s string forms ("[dsr-decider dsr-viewer]", email_verified "true") decide and record the email', async () => {
    const { requestId } = await awaiting('role-flat-decider');
    const token = await app.staffToken(DECIDER, { claims: { 'cognito:groups': '[dsr-decider dsr-viewer]', email_verified: 'true' } });
    const res = await app.post(`/admin/requests/${requestId}/decision`, { decision: 'refuse', reason: 'Ei perustetta' }, bearer(token));
    expect(res.status).toBe(200);
    const r = await adminRequest(app, requestId);
    expect(r.decision).toMatchObject({ decision: 'refuse', decidedBy: `staff:${decodeJwt(token).sub}`, decidedByEmail: DECIDER });
  });

  test('a token without a sub is no staff identity: 401, even in the decider group', async () => {
    const { requestId } = await awaiting('role-nosub');
    const token = await app.staffToken(DECIDER, { claims: { sub: undefined } });
    const res = await app.post(`/admin/requests/${requestId}/decision`, { decision: 'approve' }, bearer(token));
    expect(res.status).toBe(401);
    expect((await errorOf(res)).body.error?.code).toBe('unauthorized');
    expect((await storedRequest(app, requestId))?.status).toBe('awaiting_decision');
  });
});
