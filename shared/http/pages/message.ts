/**
 * Plain message pages: an expired download link, a page that does not exist, and any other short
 * notice a handler needs. Everything given is text and is escaped here.
 */
import type { Controller } from '../../config';
import type { Language } from '../../domain/types';
import { escapeHtml, page } from './layout';

export interface MessageInput {
  title: string;
  paragraphs: readonly string[];
  link?: { href: string; text: string };
  /** Other query parameters the language switch keeps. */
  query?: Record<string, string | undefined>;
}

export const messagePage = (controller: Controller, lang: Language, { title, paragraphs, link, query }: MessageInput): string => {
  const body = `<h1>${escapeHtml(title)}</h1>
${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}${
    link ? `\n<p class="next-step"><a href="${escapeHtml(link.href)}">${escapeHtml(link.text)}</a></p>` : ''
  }`;
  return page({ lang, title, body, controller, noindex: true, ...(query ? { query } : {}) });
};

const EXPIRED = {
  fi: {
    title: 'Linkki on vanhentunut',
    paragraphs: [
      'Tämä latauslinkki ei ole enää voimassa. Linkit ovat voimassa vain rajatun ajan, jotta tietosi eivät päädy vääriin käsiin.',
      'Jos tarvitset tiedot edelleen, voit tehdä uuden pyynnön.',
    ],
    link: 'Tee uusi pyyntö',
  },
  en: {
    title: 'This link has expired',
    paragraphs: [
      'This download link is no longer valid. Links are valid only for a limited time, so that your data does not end up in the wrong hands.',
      'If you still need the data, you can make a new request.',
    ],
    link: 'Make a new request',
  },
} as const;

const NOT_FOUND = {
  fi: {
    title: 'Sivua ei löytynyt',
    paragraphs: ['Etsimääsi sivua ei ole. Tarkista osoite.', 'Tietosuojapyynnön voit tehdä lomakkeella.'],
    link: 'Siirry lomakkeelle',
  },
  en: {
    title: 'Page not found',
    paragraphs: ['The page you are looking for does not exist. Please check the address.', 'You can make a data protection request with the form.'],
    link: 'Go to the form',
  },
} as const;

/** For GET /exports/{id}?token=T once the link has expired, been revoked or never existed. */
export const expiredLinkPage = (controller: Controller, lang: Language): string => {
  const t = EXPIRED[lang];
  return messagePage(controller, lang, { title: t.title, paragraphs: t.paragraphs, link: { href: `/?lang=${lang}`, text: t.link } });
};

export const notFoundPage = (controller: Controller, lang: Language): string => {
  const t = NOT_FOUND[lang];
  return messagePage(controller, lang, { title: t.title, paragraphs: t.paragraphs, link: { href: `/?lang=${lang}`, text: t.link } });
};
