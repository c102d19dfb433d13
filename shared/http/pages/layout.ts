/**
 * The frame of every public page: a complete HTML5 document with no inline script or style, so it
 * runs under the page CSP (`script-src 'self'; style-src 'self'`). Pages are pure functions that
 * return strings; everything that comes from outside (config, query, tokens) goes through
 * `escapeHtml`.
 */
import { wellflix, type Controller } from '../../config';
import type { Language } from '../../domain/types';
import { assetPath, type AssetName } from './asset-path';

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and for quoted attribute values alike. */
export const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);

/** A relative link to the current path with `lang` set and the other given params kept. */
export const langHref = (lang: Language, query: Record<string, string | undefined> = {}): string => {
  const params = new URLSearchParams();
  params.set('lang', lang);
  for (const [key, value] of Object.entries(query)) {
    if (key === 'lang' || value === undefined) continue;
    params.append(key, value);
  }
  return `?${params.toString()}`;
};

/** Country codes the pages spell out; anything else is shown as given. */
const COUNTRY_NAMES: Record<string, Record<Language, string>> = {
  FI: { fi: 'Suomi', en: 'Finland' },
  SE: { fi: 'Ruotsi', en: 'Sweden' },
  EE: { fi: 'Viro', en: 'Estonia' },
};
export const countryName = (code: string, lang: Language): string => COUNTRY_NAMES[code.toUpperCase()]?.[lang] ?? code;

/** The controller's postal address on one line, e.g. "Tekniikantie 14, 02150 Espoo". */
export const addressLine = (controller: Controller, lang: Language): string => {
  const a = controller.address;
  const parts = [a.street, `${a.postalCode} ${a.city}`.trim()];
  // A Finnish reader needs no "Suomi" after a Finnish address; everyone else gets the country.
  if (!(lang === 'fi' && a.country.toUpperCase() === 'FI')) parts.push(countryName(a.country, lang));
  return parts.filter((p) => p.length > 0).join(', ');
};

const TEXT = {
  fi: {
    skip: 'Siirry sisältöön',
    languageNav: 'Kieli – Language',
    contactPerson: 'Rekisteriasioiden yhteyshenkilö',
    controller: 'Rekisterinpitäjä',
  },
  en: {
    skip: 'Skip to content',
    languageNav: 'Language – Kieli',
    contactPerson: 'Contact person for register matters',
    controller: 'Controller',
  },
} as const;

const LANGUAGE_LINKS: ReadonlyArray<{ lang: Language; text: string }> = [
  { lang: 'fi', text: 'Suomeksi' },
  { lang: 'en', text: 'In English' },
];

export interface PageInput {
  lang: Language;
  /** Plain text; escaped here. */
  title: string;
  /** Trusted HTML for the main landmark, built by the page functions. */
  body: string;
  /** Names the header and the footer; Wellflix Oy's facts when not given. */
  controller?: Controller;
  /** Other query parameters of the current URL that the language switch keeps (e.g. `token`). */
  query?: Record<string, string | undefined>;
  /** Stylesheets beyond site.css, by asset name (linked under their hashed names). */
  styles?: readonly AssetName[];
  /** Scripts to load with `defer`, by asset name, e.g. `['form.js']` (linked under their hashed names). */
  scripts?: readonly AssetName[];
  /** Asks search engines not to index the page (link targets, messages). */
  noindex?: boolean;
}

/** A complete HTML5 document: head, header with the language switch, main, footer. */
export const page = ({ lang, title, body, controller = wellflix, query = {}, styles = [], scripts = [], noindex = false }: PageInput): string => {
  const t = TEXT[lang];
  const languages = controller.languages.length > 1 ? LANGUAGE_LINKS.filter((l) => controller.languages.includes(l.lang)) : [];
  const switcher = languages.length
    ? `<nav class="lang-switch" aria-label="${escapeHtml(t.languageNav)}"><ul>${languages
        .map(
          (l) =>
            `<li><a href="${escapeHtml(langHref(l.lang, query))}" lang="${l.lang}" hreflang="${l.lang}"${
              l.lang === lang ? ' aria-current="page"' : ''
            }>${escapeHtml(l.text)}</a></li>`,
        )
        .join('')}</ul></nav>`
    : '';
  const styleTags = (['site.css', ...styles] as const).map((name) => `<link rel="stylesheet" href="${escapeHtml(assetPath(name))}">`).join('\n');
  const scriptTags = scripts.map((name) => `<script src="${escapeHtml(assetPath(name))}" defer></script>`).join('\n');
  const cp = controller.contactPerson;
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<meta name="referrer" content="no-referrer">
${noindex ? '<meta name="robots" content="noindex, nofollow">\n' : ''}<title>${escapeHtml(title)} – ${escapeHtml(controller.name)}</title>
${styleTags}
${scriptTags}
</head>
<body>
<a class="skip-link" href="#main">${escapeHtml(t.skip)}</a>
<header class="site-header">
<div class="wrap header-inner">
<p class="brand"><a href="${escapeHtml(`/?lang=${lang}`)}">${escapeHtml(controller.name)}</a></p>
${switcher}
</div>
</header>
<main id="main" class="wrap" tabindex="-1">
${body}
</main>
<footer class="site-footer">
<div class="wrap">
<p><span class="label">${escapeHtml(t.controller)}:</span> ${escapeHtml(controller.name)}, ${escapeHtml(addressLine(controller, lang))}, <a href="${escapeHtml(`mailto:${controller.email}`)}">${escapeHtml(controller.email)}</a></p>
<p><span class="label">${escapeHtml(t.contactPerson)}:</span> ${escapeHtml(cp.name)}, <a href="${escapeHtml(`mailto:${cp.email}`)}">${escapeHtml(cp.email)}</a></p>
</div>
</footer>
</body>
</html>
`;
};
