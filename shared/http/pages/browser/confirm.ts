/**
 * The confirm page (GET /requests/verify?token=T): its one button posts the token from data-token
 * to POST /requests/verify and says what happened. Opening the page changes nothing.
 */
import { byId, el, errorCode, onReady, pageLang, postJson } from './lib/dom';
import type { ConfirmWords, Words } from './lib/words';

/** CONFIRM_SCRIPT_TEXT of confirm.ts, put in by the build (build-assets.ts). */
declare const PAGE_TEXT: Words<ConfirmWords>;
const TEXT = PAGE_TEXT;

/** Answers that mean the link is spent, expired or was never good. */
const INVALID_STATUSES = [400, 404, 409, 410];

const init = (): void => {
  const form = byId<HTMLFormElement>('confirm-form');
  if (!form) return;
  const lang = pageLang();
  const t = TEXT[lang];
  const area = byId('confirm-area');
  const status = byId('confirm-status');
  const button = byId<HTMLButtonElement>('confirm-button');
  const label = button?.textContent ?? '';
  let busy = false;

  const setBusy = (on: boolean): void => {
    busy = on;
    if (button) {
      button.disabled = on;
      button.textContent = on ? t.sending : label;
    }
    if (on) form.setAttribute('aria-busy', 'true');
    else form.removeAttribute('aria-busy');
  };

  const fail = (message: string): void => {
    setBusy(false);
    if (!status) return;
    status.textContent = '';
    status.appendChild(el('p', message));
    status.hidden = false;
    status.focus();
  };

  const replace = (heading: string, paragraphs: readonly string[], link: { href: string; text: string } | null, warning: boolean): void => {
    const section = el('section', null, warning ? 'result result-warning' : 'result');
    section.setAttribute('aria-labelledby', 'result-heading');
    const h = el('h2', heading);
    h.id = 'result-heading';
    h.tabIndex = -1;
    section.appendChild(h);
    for (const p of paragraphs) section.appendChild(el('p', p));
    if (link) {
      const p = el('p');
      const a = el('a', link.text);
      a.href = link.href;
      p.appendChild(a);
      section.appendChild(p);
    }
    const host = area ?? form;
    host.parentNode?.replaceChild(section, host);
    h.focus();
  };

  const invalid = (): void => replace(t.invalid.heading, t.invalid.paragraphs, { href: `/?lang=${lang}`, text: t.invalid.link }, true);

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (busy) return;
    const token = form.getAttribute('data-token') ?? '';
    if (!token) {
      invalid();
      return;
    }
    if (status) {
      status.hidden = true;
      status.textContent = '';
    }
    setBusy(true);
    postJson('/requests/verify', { token })
      .then((r) => {
        if (r.ok) {
          form.removeAttribute('data-token');
          replace(t.done.heading, t.done.paragraphs, null, false);
        } else if (r.status === 429) fail(t.tooMany);
        else if (errorCode(r.data) === 'invalid_or_expired_token' || INVALID_STATUSES.includes(r.status)) {
          form.removeAttribute('data-token');
          invalid();
        } else fail(t.failed);
      })
      .catch(() => fail(t.network));
  });
};

onReady(init);
