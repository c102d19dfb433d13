import { loadConfig, type Config } from '../../shared/config';
import { DomainError } from '../../shared/domain/errors';
import { LIMITS } from '../../shared/domain/limits';
import { httpHandler } from '../../shared/http/edge';
import { language } from '../../shared/http/event';
import { assetResponse } from '../../shared/http/pages/assets';
import { confirmPage } from '../../shared/http/pages/confirm';
import { consolePage } from '../../shared/http/pages/console';
import { formPage } from '../../shared/http/pages/form';
import { messagePage, notFoundPage } from '../../shared/http/pages/message';
import { html } from '../../shared/http/responses';
import { pageCsp } from '../../shared/http/security-headers';
import { makeLogger } from '../../shared/logger';
import { atColdStart } from '../../shared/lambda/cold-start';

const logger = makeLogger('pages');

export interface PagesDeps { config: Pick<Config, 'controller' | 'verifyLinkHours' | 'publicBaseUrl' | 'staffSignIn'> }

const MISSING_TOKEN = {
  fi: { title: 'Linkki on puutteellinen', paragraphs: ['Tästä linkistä puuttuu vahvistustunniste. Avaa linkki suoraan sähköpostiviestistä.'], text: 'Tee uusi pyyntö' },
  en: { title: 'The link is incomplete', paragraphs: ['This link lacks its confirmation code. Open the link straight from the email.'], text: 'Make a new request' },
} as const;

/**
 * The public pages: the request form, the confirm page the mailed link opens (it changes nothing:
 * mail scanners open links; the button's POST does the work), the console shell and the static assets
 * (content-hashed, immutable, Brotli or gzip: shared/http/pages/assets.ts).
 */
export const makeHandler = (deps: PagesDeps) => {
  const { staffSignIn, publicBaseUrl } = deps.config;
  const signIn = staffSignIn && { ...staffSignIn, redirectUri: `${publicBaseUrl}/admin` };
  // With hosted sign-in the console's script trades the returned code for tokens at the hosted UI.
  const consoleHeaders: Record<string, string> = staffSignIn ? { 'content-security-policy': pageCsp([staffSignIn.domain]) } : {};
  return httpHandler(
    async (event) => {
      const lang = language(event);
      const { controller } = deps.config;
      switch (event.routeKey) {
        case 'GET /':
          return html(200, formPage(controller, lang, deps.config.verifyLinkHours));
        case 'GET /requests/verify': {
          const token = event.queryStringParameters?.token;
          if (!token || token.length > LIMITS.verifyToken) {
            const t = MISSING_TOKEN[lang];
            return html(400, messagePage(controller, lang, { title: t.title, paragraphs: t.paragraphs, link: { href: `/?lang=${lang}`, text: t.text } }));
          }
          return html(200, confirmPage(controller, lang, token));
        }
        case 'GET /admin':
          // The shell only: the data comes from the staff API behind the authorizer.
          return html(200, consolePage(controller, lang, event.queryStringParameters?.request, signIn), consoleHeaders);
        case 'GET /assets/{asset}':
          // Hashed names only: an unknown name, an old hash or an unhashed name is a 404.
          return assetResponse(event.pathParameters?.asset ?? '', event.headers['accept-encoding']) ?? html(404, notFoundPage(controller, lang));
        default:
          throw new DomainError(404, 'not_found', 'No such page');
      }
    },
    { logger },
  );
};

export const handler = atColdStart((env) => makeHandler({ config: loadConfig(env) }));
