/**
 * The staff console's sign-in as it runs in AWS: through the hosted sign-in (Cognito's hosted UI)
 * with the authorization code grant and PKCE. Cognito cannot run here, so a stand-in on loopback
 * (test/helpers/fake-hosted-ui.ts) plays its part, checking every parameter as Cognito does, and
 * issues ID tokens the local authorizer accepts. The console, the pages function and its CSP
 * are the real ones, configured as the CDK stack configures them (STAFF_AUTH_DOMAIN, STAFF_CLIENT_ID).
 *
 * The steps share one browser tab and run in order.
 */
import { generateKeyPairSync } from 'node:crypto';
import { decodeJwt } from 'jose';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers/app';
import { issueStaffToken } from '../../shared/local/auth';
import { failedLoad, openTab, SCREENSHOTS as SHOTS, seriousFindings, takeErrors } from '../helpers/browser';
import { registerPii } from '../helpers/capture-logs';
import { adminRequest, fileAndVerify, personOf, uniqueCustomer } from '../helpers/dsr-flow';
import { startFakeHostedUi, type FakeHostedUi } from '../helpers/fake-hosted-ui';

const CLIENT_ID = 'console5client0id';
const PASSWORD = 'correct horse battery staple';
/** Not the configured contact person: the decision must carry whoever signed in at the hosted UI. */
const STAFF = 'sanna.kasittelija@wellflix.fi';

let hosted: FakeHostedUi;
let app: TestApp;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];
let requestId = '';
/** When set, the stand-in signs its ID tokens with a key the staff API does not trust (a misconfigured pool). */
let foreignKeyPem = '';
const axeFindings: string[] = [];

const checkA11y = async (label: string) => {
  axeFindings.push(...(await seriousFindings(page, label)));
};
const expectCleanStage = (allowed: RegExp[] = []) => {
  expect(axeFindings.splice(0)).toEqual([]);
  expect(takeErrors(errors, allowed)).toEqual([]);
  expect(hosted.refusals).toEqual([]);
};
const storageKeys = async (): Promise<string[]> => (await page.evaluate('Object.keys(sessionStorage)')) as string[];

/** On the stand-in's sign-in page, as the contact person: address, password, "Sign in". */
const signInAtHostedUi = async () => {
  await page.waitForURL(`${hosted.url}/oauth2/authorize?**`);
  await page.getByLabel('Email address').fill(STAFF);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
};

beforeAll(async () => {
  registerPii(PASSWORD, STAFF);
  // The app's URL is known only once it runs, and the stand-in must be up before it starts.
  let appUrl = '';
  hosted = await startFakeHostedUi({
    clientId: CLIENT_ID,
    password: PASSWORD,
    redirectUri: () => `${appUrl}/admin`,
    issue: (email) => (foreignKeyPem ? issueStaffToken(foreignKeyPem, email) : app.staffToken(email)),
  });
  app = await startTestApp({ env: { STAFF_AUTH_DOMAIN: hosted.url, STAFF_CLIENT_ID: CLIENT_ID } });
  appUrl = app.url;
  const customer = uniqueCustomer('hosted');
  await app.seed([customer]);
  requestId = await fileAndVerify(app, personOf(customer), { type: 'restriction' });
  ({ browser, context, page, errors } = await openTab('en-GB'));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await hosted?.close();
});

test('the console offers the hosted sign-in, and its CSP lets the page reach that one origin', async () => {
  const res = await page.goto(`${app.url}/admin?lang=en&request=${requestId}`);
  const csp = res?.headers()['content-security-policy'] ?? '';
  expect(csp).toContain(`connect-src 'self' ${hosted.url};`);
  expect(csp).toContain("script-src 'self';");
  // Only the console's page names the hosted UI: the public form keeps the plain policy.
  expect((await app.get('/')).headers.get('content-security-policy')).toContain("connect-src 'self';");

  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  // No token field in AWS: a pasted local token would not pass Cognito's authorizer anyway.
  expect(await page.locator('#staff-token').count()).toBe(0);
  await checkA11y('console sign-in (hosted)');
  await page.screenshot({ path: join(SHOTS, 'console-signin-hosted.png'), fullPage: true });
  expectCleanStage();
});

test('signing in goes to the hosted UI with PKCE and comes back to the open request, code gone from the address', async () => {
  await page.getByRole('button', { name: 'Sign in with your staff account' }).click();
  await page.waitForURL(`${hosted.url}/oauth2/authorize?**`);
  const authorize = new URL(page.url()).searchParams;
  expect(Object.fromEntries(authorize)).toMatchObject({
    response_type: 'code',
    client_id: CLIENT_ID,
    redirect_uri: `${app.url}/admin`,
    scope: 'openid email',
    code_challenge_method: 'S256',
  });
  expect(authorize.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  // Nothing else goes out: the verifier stays in the tab until the code comes back.
  expect([...authorize.keys()].sort()).toEqual(['client_id', 'code_challenge', 'code_challenge_method', 'redirect_uri', 'response_type', 'scope', 'state']);

  await signInAtHostedUi();
  // Back on the console, in English and on the request the sign-in began from.
  await page.getByRole('heading', { level: 2, name: 'Request: Restriction of processing' }).waitFor();
  expect(hosted.exchanges).toBe(1);
  expect(new URL(page.url()).pathname).toBe('/admin');
  expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({ lang: 'en', request: requestId });
  await page.getByText(`Signed in: ${STAFF}`).waitFor();
  expect(await storageKeys()).toEqual(['dsr.staffToken']);
  expect((await context.cookies(app.url)).length).toBe(0);
  await checkA11y('console request after hosted sign-in');
  expectCleanStage();
});

test('the hosted sign-in\'s token carries decisions, recorded in the signed-in person\'s name', async () => {
  await page.getByRole('button', { name: 'Approve request' }).click();
  await page.getByText('The request was approved.').waitFor();
  // Recorded under the hosted identity: its stable sub (from the very ID token the console holds) and its verified email.
  const idToken = (await page.evaluate('sessionStorage.getItem("dsr.staffToken")')) as string;
  const { sub } = decodeJwt(idToken);
  expect(sub).toBe(decodeJwt(await app.staffToken(STAFF)).sub);
  const r = await adminRequest(app, requestId);
  expect(r.decision).toMatchObject({ decision: 'approve', decidedBy: `staff:${String(sub)}`, decidedByEmail: STAFF });
  expect(r.audit.find((e) => e.type === 'approved')).toMatchObject({ actor: `staff:${String(sub)}`, data: { staffEmail: STAFF } });
  expectCleanStage();
});

test('signing out ends the hosted session too, and says so in the language it was pressed in', async () => {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByText('You have signed out.').waitFor();
  expect(hosted.logouts).toBe(1);
  expect(await page.getAttribute('html', 'lang')).toBe('en');
  expect(await storageKeys()).toEqual([]);
  await page.getByRole('button', { name: 'Sign in with your staff account' }).waitFor();
  await checkA11y('console signed out (hosted)');
  expectCleanStage();
});

test('a cancelled sign-in comes back with words, not an error page', async () => {
  await page.getByRole('button', { name: 'Sign in with your staff account' }).click();
  await page.waitForURL(`${hosted.url}/oauth2/authorize?**`);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.getByText('Sign-in was cancelled. You can try again.').waitFor();
  expect(page.url()).not.toContain('error=');
  expect(await storageKeys()).toEqual([]);
  expect(hosted.exchanges).toBe(1);
  expectCleanStage();
});

test('a code the tab did not ask for (a forged or replayed callback) is never traded for tokens', async () => {
  // A callback link someone else made: no sign-in of ours is pending, so its state cannot match.
  await page.goto(`${app.url}/admin?lang=en&code=forged-code&state=forged-state`);
  await page.getByText('Sign-in did not succeed. Please try again.').waitFor();
  expect(new URL(page.url()).search).toBe('?lang=en');
  expect(hosted.exchanges).toBe(1);
  expect(await storageKeys()).toEqual([]);

  // A real round trip whose state was changed on the way back is refused the same way.
  await page.getByRole('button', { name: 'Sign in with your staff account' }).click();
  await page.getByLabel('Email address').waitFor();
  hosted.tamperNextState = true;
  await page.getByLabel('Email address').fill(STAFF);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByText('Sign-in did not succeed. Please try again.').waitFor();
  expect(hosted.exchanges).toBe(1);
  expect(await storageKeys()).toEqual([]);

  // A code the hosted UI no longer honours (it expired on the way): said in the sign-in's language.
  await page.getByRole('button', { name: 'Sign in with your staff account' }).click();
  hosted.expireNextCode = true;
  await signInAtHostedUi();
  await page.getByText('Sign-in did not succeed. Please try again.').waitFor();
  expect(await page.getAttribute('html', 'lang')).toBe('en');
  expect(await storageKeys()).toEqual([]);

  // And a plain sign-in after all that works, here from the Finnish console (no reload on return).
  await page.goto(`${app.url}/admin`);
  await page.getByRole('button', { name: 'Kirjaudu käyttäjätunnuksella' }).click();
  await signInAtHostedUi();
  await page.getByText(`Kirjautunut: ${STAFF}`).waitFor();
  await page.getByRole('heading', { level: 2, name: 'Pyynnöt' }).waitFor();
  expect(new URL(page.url()).search).toBe('');
  await checkA11y('console list after hosted sign-in (fi)');

  // A stray callback while signed in is dropped: the console goes on, the code leaves the address.
  await page.goto(`${app.url}/admin?code=stray-code&state=stray-state`);
  await page.getByText(`Kirjautunut: ${STAFF}`).waitFor();
  await page.getByRole('heading', { level: 2, name: 'Pyynnöt' }).waitFor();
  expect(new URL(page.url()).search).toBe('');
  expect(hosted.exchanges).toBe(2);
  expect(hosted.exchanges).toBe(2);
  // Chromium's line for the refused exchange is the only error the stage may show.
  expectCleanStage([failedLoad(400)]);
});

test('an ID token the staff API refuses brings the sign-in back with words, and nothing is kept', async () => {
  await page.getByRole('button', { name: 'Kirjaudu ulos' }).click();
  await page.getByText('Olet kirjautunut ulos.').waitFor();
  await page.goto(`${app.url}/admin?lang=en`);
  foreignKeyPem = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  await page.getByRole('button', { name: 'Sign in with your staff account' }).click();
  await signInAtHostedUi();
  await page.getByText('Your sign-in was not accepted.', { exact: false }).waitFor();
  expect(await storageKeys()).toEqual([]);
  await checkA11y('console sign-in, hosted token refused');
  expectCleanStage([failedLoad(401)]);
});
