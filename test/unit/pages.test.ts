import vm from 'node:vm';
import { wellflix, type Controller } from '../../shared/config';
import { OBJECTIONS, RECTIFIABLE_FIELDS, REQUEST_TYPES, type Language } from '../../shared/domain/types';
import { assetPath } from '../../shared/http/pages/assets';
import { BUILT_ASSETS } from '../../shared/http/pages/assets.generated';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { CONFIRM_SCRIPT_TEXT, confirmPage } from '../../shared/http/pages/confirm';
import { CONSOLE_SCRIPT_TEXT, consolePage } from '../../shared/http/pages/console';
import { FORM_SCRIPT_TEXT, formPage } from '../../shared/http/pages/form';
import { escapeHtml, langHref, page } from '../../shared/http/pages/layout';
import { expiredLinkPage, messagePage, notFoundPage } from '../../shared/http/pages/message';

const LANGS: Language[] = ['fi', 'en'];

/** Opening tags with their attributes (the pages are generated, so a tag scanner is enough). */
const tags = (html: string, name: string): Array<Record<string, string>> =>
  [...html.matchAll(new RegExp(`<${name}\\b([^>]*)>`, 'gi'))].map((m) => {
    const attrs: Record<string, string> = {};
    for (const a of (m[1] ?? '').matchAll(/([\w:-]+)(?:="([^"]*)")?/g)) attrs[a[1] as string] = a[2] ?? '';
    return attrs;
  });

const ids = (html: string): string[] => [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1] as string);

/** The checks every public page must pass under the page CSP. */
const expectCspSafe = (html: string): void => {
  for (const s of tags(html, 'script')) {
    expect(s.src).toMatch(/^\/assets\/[a-z]+\.[0-9a-f]{8}\.js$/);
  }
  expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/i);
  expect(html).not.toMatch(/<style\b/i);
  expect(html).not.toMatch(/\sstyle\s*=/i);
  expect(html).not.toMatch(/\son[a-z]+\s*=/i);
  expect(html).not.toMatch(/https?:\/\//i);
  for (const attr of [...html.matchAll(/\s(?:href|src|action)="([^"]*)"/g)].map((m) => m[1] as string)) {
    // Same origin only; the one data: URL is the empty favicon that stops the browser asking for /favicon.ico.
    expect(attr).toMatch(/^(\/(?!\/)|\?|#|mailto:|data:,$)/);
  }
};

const expectIdsSound = (html: string): void => {
  const all = ids(html);
  expect(new Set(all).size).toBe(all.length);
  for (const ref of [...html.matchAll(/\saria-(?:describedby|labelledby)="([^"]+)"/g)].flatMap((m) => (m[1] as string).split(/\s+/))) {
    expect(all).toContain(ref);
  }
  for (const l of tags(html, 'label')) expect(all).toContain(l.for);
};

describe('layout', () => {
  it('escapes the five HTML specials', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('builds a full document with the stylesheet, landmarks and a language switch that keeps other params', () => {
    const html = page({ lang: 'en', title: 'T <x>', body: '<p>hi</p>', query: { token: 'a&b', lang: 'fi' } });
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain(`<link rel="stylesheet" href="${assetPath('site.css')}">`);
    expect(assetPath('site.css')).toMatch(/^\/assets\/site\.[0-9a-f]{8}\.css$/);
    expect(tags(html, 'link').filter((l) => l.rel === 'stylesheet')).toHaveLength(1);
    expect(html).toContain('<title>T &lt;x&gt; – Wellflix Oy</title>');
    expect(html).toMatch(/<header[^>]*>[\s\S]*Wellflix Oy[\s\S]*<\/header>/);
    expect(html).toMatch(/<main id="main"[^>]*>\s*<p>hi<\/p>\s*<\/main>/);
    expect(html).toMatch(/<footer[^>]*>[\s\S]*erno\.polus@wellflix\.fi[\s\S]*<\/footer>/);
    expect(html).toContain('href="?lang=fi&amp;token=a%26b"');
    expect(html).toContain('href="?lang=en&amp;token=a%26b" lang="en" hreflang="en" aria-current="page"');
    expectCspSafe(html);
  });

  it('makes language links from the current query', () => {
    expect(langHref('en')).toBe('?lang=en');
    expect(langHref('fi', { lang: 'en', token: 'x y', gone: undefined })).toBe('?lang=fi&token=x+y');
  });
});

describe('form page', () => {
  it.each(LANGS)('%s: has the right lang, a labelled control for every input and no inline code', (lang) => {
    const html = formPage(wellflix, lang);
    expect(html).toContain(`<html lang="${lang}">`);
    expect(html).toContain(`<input type="hidden" name="language" value="${lang}">`);
    expectCspSafe(html);
    expectIdsSound(html);
    const labels = tags(html, 'label').map((l) => l.for);
    const controls = [...tags(html, 'input').filter((i) => i.type !== 'hidden'), ...tags(html, 'select'), ...tags(html, 'textarea')];
    expect(controls).toHaveLength(REQUEST_TYPES.length + 3 + 3 + OBJECTIONS.length + 3);
    for (const c of controls) {
      expect(c.id).toBeTruthy();
      expect(labels.filter((f) => f === c.id)).toHaveLength(1);
    }
    expect(tags(html, 'script').map((s) => s.src)).toEqual([assetPath('form.js')]);
    // The public form carries no console styles.
    expect(tags(html, 'link').filter((l) => l.rel === 'stylesheet').map((l) => l.href)).toEqual([assetPath('site.css')]);
    expect(html).toMatch(/<div id="error-summary"[^>]*role="alert"/);
    expect(html).toContain('<noscript>');
  });

  it('is Finnish by default', () => {
    const html = formPage(wellflix);
    expect(html).toContain('<html lang="fi">');
    expect(html).toContain('Tee tietosuojapyyntö');
    expect(html).toContain('kuukauden kuluessa');
  });

  it('offers every type, objection and rectifiable field with the contract values', () => {
    const html = formPage(wellflix, 'en');
    const radios = tags(html, 'input').filter((i) => i.name === 'type');
    expect(radios.map((r) => r.value)).toEqual([...REQUEST_TYPES]);
    for (const r of radios) expect(r['aria-describedby']).toBe(`${r.id}-hint`);
    expect(tags(html, 'input').filter((i) => i.name === 'objections').map((c) => c.value)).toEqual([...OBJECTIONS]);
    expect(tags(html, 'option').map((o) => o.value)).toEqual(['', ...RECTIFIABLE_FIELDS]);
    expect(html).toMatch(/<fieldset id="changes-fieldset"[^>]*data-show-for="rectification"/);
    expect(html).toMatch(/<fieldset id="objections-fieldset"[^>]*data-show-for="objection"/);
    expect(tags(html, 'textarea').find((t) => t.id === 'details')?.maxlength).toBe('2000');
    expect(html).toMatch(/<input type="checkbox" id="signature-declaration"/);
  });

  it('marks required fields in words and ties hints to their inputs', () => {
    const fi = formPage(wellflix, 'fi');
    expect(fi).toMatch(/<label for="email">Sähköpostiosoite <span class="req">\(pakollinen\)<\/span><\/label>/);
    expect(fi).toMatch(/<label for="details">Lisätietoja <span class="opt">\(vapaaehtoinen\)<\/span><\/label>/);
    expect(tags(fi, 'input').find((i) => i.id === 'email')?.['aria-describedby']).toBe('email-hint');
  });

  it('carries the verification link lifetime for the script', () => {
    expect(formPage(wellflix, 'fi')).toContain('data-verify-hours="72"');
    expect(formPage(wellflix, 'fi', 24)).toContain('data-verify-hours="24"');
    expect(formPage(wellflix, 'fi', Number.NaN)).toContain('data-verify-hours="72"');
  });

  it('escapes controller facts', () => {
    const evil: Controller = { ...wellflix, name: 'Evil <b>"Oy"</b>' };
    const html = formPage(evil, 'fi');
    expect(html).not.toContain('<b>');
    expect(html).toContain('Evil &lt;b&gt;&quot;Oy&quot;&lt;/b&gt;');
  });
});

describe('confirm page', () => {
  const token = `abc"def'<ghi>&x`;

  it.each(LANGS)('%s: escapes the token into data-token only, posts nowhere else and changes nothing', (lang) => {
    const html = confirmPage(wellflix, lang, token);
    expect(html).toContain(`<html lang="${lang}">`);
    expect(html).toContain('data-token="abc&quot;def&#39;&lt;ghi&gt;&amp;x"');
    expect(html).not.toContain(token);
    expect(html).not.toContain('abc"def');
    expect(tags(html, 'form')[0]?.action).toBe('/requests/verify');
    // The token appears in no link but the current page's own language switch.
    for (const href of tags(html, 'a').map((a) => a.href ?? '')) {
      if (href.includes('token')) expect(href).toMatch(/^\?lang=(fi|en)&amp;token=/);
    }
    expect(tags(html, 'button').filter((b) => b.type === 'submit')).toHaveLength(1);
    expect(tags(html, 'script').map((s) => s.src)).toEqual([assetPath('confirm.js')]);
    expect(html).toContain('<meta name="robots" content="noindex, nofollow">');
    expectCspSafe(html);
    expectIdsSound(html);
  });

  it('shows the expired words at once when the link has no token', () => {
    const html = confirmPage(wellflix, 'fi', '');
    expect(html).not.toContain('data-token');
    expect(html).toContain('Linkki ei ole enää voimassa');
    expect(html).toContain('href="/?lang=fi"');
  });
});

describe('console page', () => {
  const hosted = { domain: 'https://dsr-staff-1.auth.eu-north-1.amazoncognito.com', clientId: 'client"<1>', redirectUri: 'https://privacy.example.fi/admin' };
  /** The hosted sign-in's addresses are the one outside origin the console page names, in data attributes only. */
  const withoutSignInData = (html: string) => html.replace(/\sdata-(?:auth-domain|redirect-uri)="[^"]*"/g, '');

  it.each(LANGS)('%s: without hosted sign-in, a field for a pasted token that never travels in a URL', (lang) => {
    const html = consolePage(wellflix, lang);
    expect(html).toContain(`<html lang="${lang}">`);
    expect(tags(html, 'textarea').map((t) => t.id)).toEqual(['staff-token']);
    // No name: a plain submit (script failed) puts nothing into the address.
    expect(tags(html, 'textarea')[0]?.name).toBeUndefined();
    expect(html).not.toContain('data-auth-domain');
    expect(html).not.toContain('signin-hosted');
    expect(tags(html, 'script').map((x) => x.src)).toEqual([assetPath('console.js')]);
    expect(tags(html, 'link').filter((l) => l.rel === 'stylesheet').map((l) => l.href)).toEqual([assetPath('site.css'), assetPath('console.css')]);
    expect(html).toContain('<meta name="robots" content="noindex, nofollow">');
    expectCspSafe(html);
    expectIdsSound(html);
  });

  it.each(LANGS)('%s: with hosted sign-in, one button and the sign-in facts, escaped, for the script', (lang) => {
    const html = consolePage(wellflix, lang, undefined, hosted);
    expect(tags(html, 'textarea')).toEqual([]);
    expect(tags(html, 'button').find((b) => b.id === 'signin-hosted')?.type).toBe('button');
    const root = tags(html, 'div').find((d) => d.id === 'console');
    expect(root).toMatchObject({ 'data-auth-domain': hosted.domain, 'data-client-id': 'client&quot;&lt;1&gt;', 'data-redirect-uri': hosted.redirectUri });
    expectCspSafe(withoutSignInData(html));
    expectIdsSound(html);
  });

  it('keeps a well-formed request id across the language switch and drops anything else', () => {
    expect(consolePage(wellflix, 'fi', 'abc-123')).toContain('href="?lang=en&amp;request=abc-123"');
    expect(consolePage(wellflix, 'fi', '../x"><script>')).not.toContain('request=');
  });

  it('has the same words in Finnish and English', () => {
    const shape = (v: unknown): unknown =>
      v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shape(x)])) : typeof v;
    expect(shape(CONSOLE_SCRIPT_TEXT.fi)).toEqual(shape(CONSOLE_SCRIPT_TEXT.en));
  });
});

describe('pages handler, GET /admin', () => {
  // The module reads its configuration when loaded (as a Lambda's cold start does): give it one first.
  let makePagesHandler: typeof import('../../functions/pages/handler').makeHandler;
  beforeAll(async () => {
    Object.assign(process.env, {
      REQUESTS_TABLE: 'r', REGISTER_TABLE: 'g', EXPORTS_BUCKET: 'b', PUBLIC_BASE_URL: 'https://privacy.example.fi',
      HMAC_KEY: 'h'.repeat(32), SEAL_KMS_KEY_ID: 'alias/unused',
    });
    ({ makeHandler: makePagesHandler } = await import('../../functions/pages/handler'));
  });
  const event = (query: Record<string, string> = {}) =>
    ({ routeKey: 'GET /admin', rawPath: '/admin', headers: {}, queryStringParameters: query, requestContext: { http: { method: 'GET' } }, isBase64Encoded: false }) as unknown as APIGatewayProxyEventV2;
  const base = { controller: wellflix, verifyLinkHours: 72, publicBaseUrl: 'https://privacy.example.fi' };
  const get = async (config: import('../../functions/pages/handler').PagesDeps['config'], query?: Record<string, string>) =>
    makePagesHandler({ config })(event(query), {} as Context) as Promise<{ statusCode: number; headers: Record<string, string>; body: string }>;

  it('without hosted sign-in the page keeps the plain policy: scripts talk to this origin only', async () => {
    const res = await get(base);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-security-policy']).toContain("connect-src 'self';");
    expect(res.body).toContain('id="staff-token"');
  });

  it('with hosted sign-in the policy adds the hosted UI\'s origin to connect-src, and nothing else changes', async () => {
    const domain = 'https://dsr-staff-1.auth.eu-north-1.amazoncognito.com';
    const res = await get({ ...base, staffSignIn: { domain, clientId: 'abc123' } }, { lang: 'en' });
    const csp = res.headers['content-security-policy'] ?? '';
    expect(csp).toContain(`connect-src 'self' ${domain};`);
    expect(csp.replace(` ${domain}`, '')).toBe((await get(base)).headers['content-security-policy']);
    // The callback is the one the app client registers: the public base URL's /admin.
    expect(res.body).toContain('data-redirect-uri="https://privacy.example.fi/admin"');
    expect(res.body).toContain('data-client-id="abc123"');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['cache-control']).toBe('no-store');
  });
});

describe('message pages', () => {
  it('escapes what it is given', () => {
    const html = messagePage(wellflix, 'en', {
      title: 'A <title>',
      paragraphs: ['one & two', '<script>x</script>'],
      link: { href: '/?lang=en&x="1"', text: 'Go <now>' },
    });
    expect(html).toContain('<h1>A &lt;title&gt;</h1>');
    expect(html).toContain('<p>one &amp; two</p>');
    expect(html).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(html).toContain('href="/?lang=en&amp;x=&quot;1&quot;"');
    expectCspSafe(html);
  });

  it.each(LANGS)('%s: expired link and not found point back to the form', (lang) => {
    for (const html of [expiredLinkPage(wellflix, lang), notFoundPage(wellflix, lang)]) {
      expect(html).toContain(`<html lang="${lang}">`);
      expect(html).toContain(`href="/?lang=${lang}"`);
      expectCspSafe(html);
      expectIdsSound(html);
    }
    expect(expiredLinkPage(wellflix, 'fi')).toContain('Linkki on vanhentunut');
    expect(notFoundPage(wellflix, 'en')).toContain('Page not found');
  });
});

describe('assets', () => {
  it('builds the stylesheets and the three scripts with their types', () => {
    expect(Object.keys(BUILT_ASSETS).sort()).toEqual(['confirm.js', 'console.css', 'console.js', 'form.js', 'site.css']);
    const css = BUILT_ASSETS['site.css'];
    expect(css.contentType).toMatch(/^text\/css/);
    expect(css.body).toContain(':focus-visible');
    for (const name of ['site.css', 'console.css'] as const) expect(BUILT_ASSETS[name].body).not.toMatch(/url\(|@import|https?:/);
    expect(BUILT_ASSETS['form.js'].contentType).toMatch(/^text\/javascript/);
    expect(BUILT_ASSETS['confirm.js'].contentType).toMatch(/^text\/javascript/);
    expect(BUILT_ASSETS['console.js'].contentType).toMatch(/^text\/javascript/);
  });

  it.each(['form.js', 'confirm.js', 'console.js'] as const)('%s is valid JavaScript, runs without a page and has no test hook', (name) => {
    const body = BUILT_ASSETS[name].body;
    expect(() => new vm.Script(body, { filename: name })).not.toThrow();
    expect(() => vm.runInNewContext(body, {})).not.toThrow();
    expect(body).not.toMatch(/https?:\/\//);
    expect(body).not.toMatch(/__DSR_|_TEST__/);
  });

  it('has the same words in Finnish and English', () => {
    const shape = (v: unknown): unknown =>
      v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shape(x)])) : typeof v;
    expect(shape(FORM_SCRIPT_TEXT.fi)).toEqual(shape(FORM_SCRIPT_TEXT.en));
    expect(shape(CONFIRM_SCRIPT_TEXT.fi)).toEqual(shape(CONFIRM_SCRIPT_TEXT.en));
  });
});
