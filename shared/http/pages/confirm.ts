/**
 * The page a mailed confirmation link opens (GET /requests/verify?token=T). It changes nothing:
 * mail scanners open links. Only the button, through /assets/confirm.js, posts `{ token }` to
 * POST /requests/verify. The token sits in a data attribute and in no link but the current page's.
 */
import type { Controller } from '../../config';
import type { Language } from '../../domain/types';
import { escapeHtml, page } from './layout';

const TEXT = {
  fi: {
    title: 'Vahvista tietosuojapyyntö',
    heading: 'Vahvista tietosuojapyyntö',
    intro: (c: Controller) => [
      `Sähköpostiosoitteellasi on tehty tietosuojapyyntö. Rekisterinpitäjä on ${escapeHtml(c.name)}.`,
      'Käsittelemme pyynnön vasta, kun vahvistat sen. Vahvistamalla osoitat, että sähköpostiosoite on sinun ja että haluat meidän käsittelevän pyynnön.',
      'Jos et itse tehnyt pyyntöä, voit sulkea tämän sivun. Pyyntöä ei silloin käsitellä.',
    ],
    noscript: (c: Controller) =>
      `Vahvistaminen edellyttää, että selaimessa on JavaScript käytössä. Jos et voi käyttää sitä, ota yhteyttä rekisteriasioiden yhteyshenkilöön: ${escapeHtml(c.contactPerson.name)}, <a href="${escapeHtml(`mailto:${c.contactPerson.email}`)}">${escapeHtml(c.contactPerson.email)}</a>.`,
    button: 'Vahvista pyyntö',
  },
  en: {
    title: 'Confirm your data protection request',
    heading: 'Confirm your data protection request',
    intro: (c: Controller) => [
      `A data protection request has been made with your email address. The controller is ${escapeHtml(c.name)}.`,
      'We handle the request only once you confirm it. By confirming, you show that the email address is yours and that you want us to handle the request.',
      'If you did not make this request, you can close this page. The request will then not be handled.',
    ],
    noscript: (c: Controller) =>
      `Confirming needs JavaScript in your browser. If you cannot use it, please contact our contact person for register matters: ${escapeHtml(c.contactPerson.name)}, <a href="${escapeHtml(`mailto:${c.contactPerson.email}`)}">${escapeHtml(c.contactPerson.email)}</a>.`,
    button: 'Confirm request',
  },
} as const;

/** Words /assets/confirm.js shows, per language. */
export const CONFIRM_SCRIPT_TEXT = {
  fi: {
    sending: 'Vahvistetaan…',
    done: {
      heading: 'Pyyntösi on vahvistettu',
      paragraphs: [
        'Kiitos. Vastaamme kuukauden kuluessa pyynnön vastaanottamisesta.',
        'Vastaus tulee sähköpostitse. Lähetämme sen vain osoitteeseen, jonka juuri vahvistit.',
        'Voit nyt sulkea tämän sivun.',
      ],
    },
    invalid: {
      heading: 'Linkki ei ole enää voimassa',
      paragraphs: [
        'Vahvistuslinkki on vanhentunut tai sitä on jo käytetty.',
        'Jos vahvistit pyynnön jo aiemmin, sinun ei tarvitse tehdä mitään. Muussa tapauksessa voit tehdä uuden pyynnön lomakkeella.',
      ],
      link: 'Tee uusi pyyntö',
    },
    tooMany: 'Yrityksiä on tullut liian monta. Yritä myöhemmin uudelleen.',
    failed: 'Vahvistaminen ei onnistunut palvelussa olevan häiriön vuoksi. Yritä hetken kuluttua uudelleen.',
    network: 'Yhteys palveluun ei toiminut. Tarkista verkkoyhteys ja yritä uudelleen.',
  },
  en: {
    sending: 'Confirming…',
    done: {
      heading: 'Your request is confirmed',
      paragraphs: [
        'Thank you. We will answer within one month of receiving your request.',
        'The answer comes by email. We send it only to the address you have just confirmed.',
        'You can now close this page.',
      ],
    },
    invalid: {
      heading: 'This link is no longer valid',
      paragraphs: [
        'The confirmation link has expired or has already been used.',
        'If you already confirmed your request, you need not do anything. Otherwise, you can make a new request with the form.',
      ],
      link: 'Make a new request',
    },
    tooMany: 'There have been too many attempts. Please try again later.',
    failed: 'Confirming failed because of a problem in our service. Please try again in a moment.',
    network: 'We could not reach the service. Check your internet connection and try again.',
  },
} as const;

const invalidBody = (lang: Language): string => {
  const t = CONFIRM_SCRIPT_TEXT[lang].invalid;
  return `<h1>${escapeHtml(t.heading)}</h1>
${t.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
<p><a href="${escapeHtml(`/?lang=${lang}`)}">${escapeHtml(t.link)}</a></p>`;
};

/**
 * The confirm page. An empty token (a link cut short) gets the "no longer valid" words at once;
 * any other token is checked only when the button posts it.
 */
export const confirmPage = (controller: Controller, lang: Language, token: string): string => {
  const t = TEXT[lang];
  if (token.length === 0) {
    return page({ lang, title: CONFIRM_SCRIPT_TEXT[lang].invalid.heading, body: invalidBody(lang), controller, noindex: true });
  }
  const body = `<h1 id="confirm-heading">${escapeHtml(t.heading)}</h1>
<div id="confirm-area" class="confirm-area">
${t.intro(controller).map((p) => `<p>${p}</p>`).join('\n')}
<noscript><p class="notice">${t.noscript(controller)}</p></noscript>
<div id="confirm-status" class="error-summary" role="alert" tabindex="-1" hidden></div>
<form id="confirm-form" class="confirm-form" method="post" action="/requests/verify" aria-labelledby="confirm-heading" data-token="${escapeHtml(token)}">
<div class="actions">
<button type="submit" id="confirm-button" class="button-primary">${escapeHtml(t.button)}</button>
</div>
</form>
</div>`;
  return page({ lang, title: t.title, body, controller, query: { token }, scripts: ['confirm.js'], noindex: true });
};
