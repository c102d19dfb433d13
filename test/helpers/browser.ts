/**
 * The browser the e2e tests drive: Debian's `chromium` through playwright-core (no browser
 * download; `.ci/run` installs the package with apt), and an axe-core check that runs in it.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Where the e2e tests leave screenshots for people to look at (ignored by git). */
export const SCREENSHOTS = join(__dirname, '..', 'e2e', 'screenshots');

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Fails (never skips) when the browser is missing: the browser test is part of `npm test`. */
export const launchBrowser = async (): Promise<Browser> => {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `No Chromium at ${CHROMIUM_PATH}. The browser test drives Debian's chromium: install it with ` +
        '`apt-get update && apt-get install -y chromium` (.ci/run does), or point CHROMIUM_PATH at another Chromium.',
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
};

export interface BrowserTab { browser: Browser; context: BrowserContext; page: Page; errors: string[] }

/** The browser and one desktop-sized tab in Helsinki time, its errors collected (see watchErrors). */
export const openTab = async (locale: 'fi-FI' | 'en-GB'): Promise<BrowserTab> => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale, timezoneId: 'Europe/Helsinki' });
  const page = await context.newPage();
  return { browser, context, page, errors: watchErrors(page) };
};

/**
 * Collects script errors and console errors of a page. A CSP violation is a console error
 * ("Refused to …"), so a page that breaks its own policy fails the test too.
 */
export const watchErrors = (page: Page): string[] => {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(`page error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const where = msg.location().url.replace(/[?#].*$/, '');
    errors.push(`console error: ${msg.text()}${where ? ` (${where})` : ''}`);
  });
  return errors;
};

/** Chromium's own line for a response it was told to expect (an API 401, an expired link's 404). */
export const failedLoad = (...statuses: number[]): RegExp =>
  new RegExp(`^console error: Failed to load resource: the server responded with a status of (${statuses.join('|')})\\b`);

/** Empties the list and returns what was in it that no `allowed` pattern explains. */
export const takeErrors = (errors: string[], allowed: RegExp[] = []): string[] =>
  errors.splice(0, errors.length).filter((e) => !allowed.some((re) => re.test(e)));

export interface AxeFinding {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core on the page as it is now and returns its violations. axe goes in through the
 * DevTools protocol (page.evaluate), which the page's CSP does not govern, so the real policy
 * stays on while the check runs.
 */
export const axeViolations = async (page: Page): Promise<AxeFinding[]> => {
  if (!(await page.evaluate('typeof window.axe === "object"'))) await page.evaluate(`${axeSource}\n;undefined`);
  return (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] }).then(function (r) {
    return r.violations.map(function (v) {
      return { id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map(function (n) { return n.target.join(' '); }) };
    });
  })`)) as AxeFinding[];
};

/**
 * The serious and critical findings, each as one line (rule, impact, help, where). Only these
 * fail the test; milder ones are printed for people to look at. Nothing but rule ids, help texts
 * and CSS selectors (addresses masked) is printed, so no personal data reaches the logs.
 */
export const seriousFindings = async (page: Page, label: string): Promise<string[]> => {
  const found = await axeViolations(page);
  // Selectors may quote attributes (a mailto: href): mask anything shaped like an address.
  const line = (f: AxeFinding) =>
    `${label}: ${f.id} (${f.impact ?? 'n/a'}): ${f.help} at ${f.targets.slice(0, 5).join(', ')}`.replace(/[^\s"'@(),]+@[^\s"'(),\]]+/g, '…@…');
  const serious = found.filter((f) => f.impact === 'serious' || f.impact === 'critical');
  const minor = found.filter((f) => !serious.includes(f));
  if (minor.length) console.warn(`axe, minor findings:\n${minor.map(line).join('\n')}`);
  return serious.map(line);
};
