import { startTestApp, wellflixRegister, type TestApp } from '../helpers/app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  await app.seed(wellflixRegister());
});
afterAll(() => app?.stop());

test('a request is filed, confirmed by the mailed link, and the contact person is told', async () => {
  const res = await app.post('/requests', {
    type: 'restriction', language: 'en', email: 'maija@example.fi', firstName: 'Maija', lastName: 'Meikäläinen',
    signature: { fullName: 'Maija Meikäläinen', declaration: true },
  });
  expect(res.status).toBe(202);
  const { requestId } = (await res.json()) as { requestId: string };
  await app.settle();
  const token = /token=([A-Za-z0-9_-]+)/.exec((await app.mails()).find((m) => m.to.includes('maija@example.fi'))?.text ?? '')?.[1];
  expect(token).toBeDefined();
  const ok = await app.post('/requests/verify', { token });
  expect(ok.status).toBe(200);
  await app.settle();
  const contact = (await app.mails()).find((m) => m.to.includes('erno.polus@wellflix.fi'));
  expect(contact?.text).toContain(requestId);
  const staff = await app.get(`/admin/requests/${requestId}`, { authorization: `Bearer ${await app.staffToken()}` });
  expect(((await staff.json()) as { status: string }).status).toBe('awaiting_decision');
});
