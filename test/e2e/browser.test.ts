/**
 * The whole path through a real browser, as people walk it: a subject files a restriction request
 * in Finnish, confirms it from the mailed link, and the contact person approves it in the staff
 * console; the register record then shows the restriction. Every page visited is checked with
 * axe-core (no serious or critical findings) under the real CSP, any script error or CSP
 * violation fails the test, and screenshots land in test/e2e/screenshots/ for people to look at.
 *
 * The steps share one browser tab and run in order; each test is one stage of the walk.
 */
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestApp, wellflixRegister, type TestApp } from '../helpers/app';
import { failedLoad, openTab, SCREENSHOTS as SHOTS, seriousFindings, takeErrors, watchErrors } from '../helpers/browser';

const SUBJECT = { email: 'maija@example.fi', firstName: 'Maija', lastName: 'Meikäläinen', customerId: 'c-1001' };
/** A second subject, whose erasure waits behind an open invoice: the list then has more than one row. */
const OTHER = { email: 'matti.virtanen@example.com', firstName: 'Matti', lastName: 'Virtanen' };
const DAY_MS = 24 * 60 * 60 * 1000;

let app: TestApp;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];
let requestId = '';
const axeFindings: string[] = [];

/** axe on the page as it stands; serious findings are collected and asserted per stage. */
const checkA11y = async (label: string, on: Page = page) => {
  axeFindings.push(...(await seriousFindings(on, label)));
};
/** Files and confirms a request through the API, the way the form and the confirm page do. */
const fileVerified = async (body: Record<string, unknown>, email: string): Promise<string> => {
  const res = await app.post('/requests', { language: 'fi', email, ...body });
  expect(res.status).toBe(202);
  const { requestId: id } = (await res.json()) as { requestId: string };
  let token: string | undefined;
  for (let i = 0; i < 50 && !token; i += 1) {
    await app.settle();
    const mail = (await app.mails()).find((m) => m.to.includes(email) && m.text.includes('/requests/verify?token='));
    token = /\/requests\/verify\?token=([A-Za-z0-9_-]+)/.exec(mail?.text ?? '')?.[1];
    if (!token) await new Promise((r) => setTimeout(r, 200));
  }
  expect((await app.post('/requests/verify', { token })).status).toBe(200);
  return id;
};
const expectCleanStage = (allowed: RegExp[] = []) => {
  expect(axeFindings.splice(0)).toEqual([]);
  expect(takeErrors(errors, allowed)).toEqual([]);
};

beforeAll(async () => {
  ({ browser, context, page, errors } = await openTab('fi-FI'));
  app = await startTestApp();
  await app.seed(wellflixRegister());
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

test('the public form is served with its CSP, passes axe in both languages and fits a 360 px phone', async () => {
  const res = await page.goto(`${app.url}/?lang=en`);
  expect(res?.status()).toBe(200);
  // The real policy is on: nothing below bypasses it.
  expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
  expect(res?.headers()['content-security-policy']).toContain("default-src 'none'");
  expect(await page.getAttribute('html', 'lang')).toBe('en');
  await checkA11y('form (en)');

  const phone = await context.newPage();
  const phoneErrors = watchErrors(phone);
  await phone.setViewportSize({ width: 360, height: 740 });
  await phone.goto(`${app.url}/`);
  await phone.getByRole('heading', { level: 1, name: 'Tee tietosuojapyyntö' }).waitFor();
  expect(await phone.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
  await phone.getByLabel('Tietojen korjaaminen').check();
  expect(await phone.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
  await phone.getByLabel('Käsittelyn rajoittaminen').check();
  await phone.screenshot({ path: join(SHOTS, 'form-360.png'), fullPage: true });
  await checkA11y('form (fi, 360 px)', phone);
  await phone.close();
  expect(takeErrors(phoneErrors)).toEqual([]);
  expectCleanStage();
});

test('a subject files a restriction request in Finnish and is told what happens next', async () => {
  await page.goto(`${app.url}/`);
  expect(await page.getAttribute('html', 'lang')).toBe('fi');
  await checkA11y('form (fi)');
  await page.screenshot({ path: join(SHOTS, 'form-desktop.png'), fullPage: true });

  // An empty submit shows the error summary first, as a hurried person would see it.
  await page.getByRole('button', { name: 'Lähetä pyyntö' }).click();
  await page.getByRole('heading', { name: 'Tarkista seuraavat kohdat' }).waitFor();
  await checkA11y('form (fi) with errors');

  await page.getByLabel('Käsittelyn rajoittaminen').check();
  await page.getByLabel(/^Etunimi/).fill(SUBJECT.firstName);
  await page.getByLabel(/^Sukunimi/).fill(SUBJECT.lastName);
  await page.getByLabel(/^Sähköpostiosoite/).fill(SUBJECT.email);
  await page.getByLabel(/^Lisätietoja/).fill('Osoitetietoni ovat virheelliset; älkää käyttäkö tietojani ennen kuin asia on selvitetty.');
  await page.getByLabel(/^Koko nimi/).fill(`${SUBJECT.firstName} ${SUBJECT.lastName}`);
  await page.getByLabel(/^Vakuutan/).check();
  await page.getByRole('button', { name: 'Lähetä pyyntö' }).click();

  await page.getByRole('heading', { name: 'Kiitos, pyyntösi on vastaanotettu' }).waitFor();
  await page.getByRole('heading', { name: 'Mitä seuraavaksi tapahtuu' }).waitFor();
  expect(await page.locator('#result').textContent()).toContain(SUBJECT.email);
  requestId = /Pyynnön tunnus: (\S+)/.exec((await page.locator('.reference').textContent()) ?? '')?.[1] ?? '';
  expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
  await checkA11y('form (fi) sent');
  expectCleanStage();
});

test('the mailed link opens the confirm page, and one button confirms the request', async () => {
  let link: string | undefined;
  for (let i = 0; i < 50 && !link; i += 1) {
    await app.settle();
    const mail = (await app.mails()).find((m) => m.to.includes(SUBJECT.email) && m.text.includes('/requests/verify?token='));
    link = /https?:\/\/\S+\/requests\/verify\?token=[A-Za-z0-9_-]+/.exec(mail?.text ?? '')?.[0];
    if (!link) await new Promise((r) => setTimeout(r, 200));
  }
  expect(link?.startsWith(`${app.url}/requests/verify?token=`)).toBe(true);

  await page.goto(link as string);
  await page.getByRole('heading', { level: 1, name: 'Vahvista tietosuojapyyntö' }).waitFor();
  await checkA11y('confirm page');
  await page.screenshot({ path: join(SHOTS, 'confirm.png'), fullPage: true });

  await page.getByRole('button', { name: 'Vahvista pyyntö' }).click();
  await page.getByRole('heading', { name: 'Pyyntösi on vahvistettu' }).waitFor();
  await checkA11y('confirm page, confirmed');
  expectCleanStage();
});

test('an expired download link says so in plain words and points to a new request', async () => {
  const res = await page.goto(`${app.url}/exports/${'0'.repeat(32)}?token=x`);
  expect(res?.status()).toBeGreaterThanOrEqual(400);
  await page.getByRole('heading', { level: 1, name: 'Linkki on vanhentunut' }).waitFor();
  await page.getByRole('link', { name: 'Tee uusi pyyntö' }).waitFor();
  await checkA11y('expired link');
  expectCleanStage([failedLoad(404, 410)]);
});

test('the contact person signs in to the console, opens the request and approves it', async () => {
  const otherId = await fileVerified(
    { type: 'erasure', firstName: OTHER.firstName, lastName: OTHER.lastName, signature: { fullName: `${OTHER.firstName} ${OTHER.lastName}`, declaration: true } },
    OTHER.email,
  );
  await app.settle();
  await page.goto(`${app.url}/admin/`);
  const signIn = page.getByRole('heading', { name: 'Kirjaudu sisään' });
  await signIn.waitFor();
  await checkA11y('console sign-in');

  // A token in neither staff group gives no access: said in words, nothing asked of the API, and sign-out works.
  await page.getByLabel('Kirjautumistunniste').fill('eyJhbGciOiJFUzI1NiJ9.eyJlbWFpbCI6Im5vYm9keSJ9.c2lnbmF0dXJl');
  await page.getByRole('button', { name: 'Kirjaudu' }).click();
  await page.getByRole('heading', { level: 2, name: 'Ei käyttöoikeutta' }).waitFor();
  expect(await page.locator('.requests-table').count()).toBe(0);
  await checkA11y('console, signed in without a staff role');
  await page.getByRole('button', { name: 'Kirjaudu ulos' }).click();
  await signIn.waitFor();
  expect(await page.evaluate('sessionStorage.length')).toBe(0);

  // A token the API refuses brings the sign-in back with the reason.
  await page.getByLabel('Kirjautumistunniste').fill('eyJhbGciOiJFUzI1NiJ9.eyJlbWFpbCI6Im5vYm9keSIsImNvZ25pdG86Z3JvdXBzIjpbImRzci1kZWNpZGVyIl19.c2lnbmF0dXJl');
  await page.getByRole('button', { name: 'Kirjaudu' }).click();
  await page.getByText('Tunniste ei kelpaa tai se on vanhentunut.').waitFor();
  expect(await page.evaluate('sessionStorage.length')).toBe(0);
  await checkA11y('console sign-in, token refused');

  const token = await app.staffToken();
  await page.getByLabel('Kirjautumistunniste').fill(token);
  await page.getByRole('button', { name: 'Kirjaudu' }).click();
  const row = page.locator(`tr[data-request-id="${requestId}"]`);
  await row.waitFor();
  expect(await row.textContent()).toContain('Käsittelyn rajoittaminen');
  expect(await row.textContent()).toContain('odottaa päätöstä');
  // Earliest due first: the request filed first comes first.
  expect(await page.locator('.requests-table tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-request-id')))).toEqual([requestId, otherId]);
  expect(await row.locator('.days').textContent()).toMatch(/^(30|31) päivää$/);
  await page.getByText('Kirjautunut: erno.polus@wellflix.fi').waitFor();
  // The role shows in the header (the local token carries the decider's group, as Cognito's does).
  await page.getByText('Rooli: päätöksentekijä').waitFor();
  // The token lives in sessionStorage only: not in the address, not in a cookie.
  expect(await page.evaluate('sessionStorage.getItem("dsr.staffToken")')).toBe(token);
  expect(page.url()).not.toContain(token.slice(0, 20));
  expect((await context.cookies()).length).toBe(0);
  await checkA11y('console list');
  await page.screenshot({ path: join(SHOTS, 'console-list.png'), fullPage: true });

  await row.getByRole('link', { name: 'Käsittelyn rajoittaminen' }).click();
  await page.getByRole('heading', { level: 2, name: 'Pyyntö: Käsittelyn rajoittaminen' }).waitFor();
  expect(page.url()).toContain(`request=${requestId}`);
  expect(await page.locator('#request-status').textContent()).toBe('odottaa päätöstä');
  expect(await page.locator('#seal-result').textContent()).toContain('Kunnossa');
  expect(await page.locator('#chain-result').textContent()).toContain('Kunnossa');
  expect(await page.locator('.panel-subject').textContent()).toContain(SUBJECT.email);
  expect(await page.locator('.audit-table tbody tr').count()).toBeGreaterThanOrEqual(4);
  await checkA11y('console request');
  await page.screenshot({ path: join(SHOTS, 'console-request.png'), fullPage: true });

  // Refusing needs reasons: without them nothing is sent and the field says why.
  await page.getByRole('button', { name: 'Hylkää pyyntö' }).click();
  await page.getByText('Kirjoita perustelut. Ne lähetetään pyytäjälle.').waitFor();
  expect(await page.getByLabel(/^Hylkäämisen perustelut/).getAttribute('aria-invalid')).toBe('true');
  await checkA11y('console request, refusal without reasons');

  await page.getByRole('button', { name: 'Hyväksy pyyntö' }).click();
  await page.getByText('Pyyntö hyväksyttiin.').waitFor();
  // The view follows the processor by itself until the decision is applied.
  await page.locator('#request-status', { hasText: 'valmis' }).waitFor({ timeout: 20_000 });
  expect(await page.getByRole('button', { name: 'Hyväksy pyyntö' }).count()).toBe(0);

  await page.getByRole('button', { name: 'Näytä rekisteritietue' }).click();
  await page.locator('#customer-restricted').waitFor();
  expect(await page.locator('#customer-restricted').textContent()).toBe('Kyllä');
  expect(await page.locator('#customer-record').textContent()).toContain(SUBJECT.customerId);
  await checkA11y('console request, completed, with register record');
  await page.screenshot({ path: join(SHOTS, 'console-request-completed.png'), fullPage: true });

  // The link in the contact person's mail opens the request straight away.
  await page.goto(`${app.url}/admin?request=${requestId}`);
  await page.locator('#request-status', { hasText: 'valmis' }).waitFor();
  const staff = await app.get(`/admin/requests/${requestId}`, { authorization: `Bearer ${token}` });
  const stored = (await staff.json()) as { status: string; decision?: { decision: string; decidedBy: string; decidedByEmail?: string } };
  expect(stored.status).toBe('completed');
  // The decider is named by the token's stable sub, and by its verified email.
  expect(stored.decision).toMatchObject({ decision: 'approve', decidedBy: `staff:${String(decodeJwt(token).sub)}`, decidedByEmail: 'erno.polus@wellflix.fi' });

  // The language switch keeps the open request (and the tab keeps the sign-in).
  await page.getByRole('link', { name: 'In English' }).click();
  await page.getByRole('heading', { level: 2, name: 'Request: Restriction of processing' }).waitFor();
  expect(page.url()).toContain(`request=${requestId}`);
  expect(await page.locator('#request-status').textContent()).toBe('completed');
  await checkA11y('console request (en)');

  // Forty days on, the erasure still waiting is overdue, said in words and not by colour alone.
  await page.clock.setFixedTime(new Date(Date.now() + 40 * DAY_MS));
  await page.goto(`${app.url}/admin/`);
  const late = page.locator(`tr[data-request-id="${otherId}"]`);
  await late.waitFor();
  expect(await late.getAttribute('class')).toBe('is-overdue');
  expect(await late.locator('.days').textContent()).toMatch(/^Myöhässä (9|10) päivää$/);
  expect(await page.locator(`tr[data-request-id="${requestId}"]`).count()).toBe(0);
  await checkA11y('console list, overdue');
  await page.screenshot({ path: join(SHOTS, 'console-list-overdue.png'), fullPage: true });

  // Its holds show in words: an open invoice keeps the record.
  await late.getByRole('link', { name: 'Tietojen poistaminen' }).click();
  await page.getByRole('heading', { level: 2, name: 'Pyyntö: Tietojen poistaminen' }).waitFor();
  expect(await page.locator('.panel-holds').textContent()).toContain('Avoin lasku');
  await checkA11y('console request with holds');

  // An extension needs its reason too; once made, it cannot be made again.
  await page.getByLabel(/^Pidennyksen syy/).fill('Selvitämme avoimen laskun tilanteen laskutuskumppanilta.');
  await page.getByRole('button', { name: 'Pidennä määräaikaa' }).click();
  await page.getByText('Määräaikaa pidennettiin.').waitFor();
  await page.locator('.panel-details', { hasText: 'Määräajan pidennys' }).waitFor();
  expect(await page.getByRole('button', { name: 'Pidennä määräaikaa' }).count()).toBe(0);
  expect(await page.getByRole('button', { name: 'Hyväksy pyyntö' }).count()).toBe(1);
  await checkA11y('console request, extended');

  await page.getByRole('button', { name: 'Kirjaudu ulos' }).click();
  await signIn.waitFor();
  expect(await page.evaluate('sessionStorage.length')).toBe(0);
  expectCleanStage([failedLoad(401)]);
});
