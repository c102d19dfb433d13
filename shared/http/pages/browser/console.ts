/**
 * The staff console (GET /admin): sign-in (a pasted token locally, or the Cognito hosted sign-in
 * with PKCE in AWS; the token kept in this tab's sessionStorage only), the request list, one
 * request, the register record and decisions. The token's role decides what is offered: a viewer
 * reads, a decider also decides; the staff API enforces the same on every call.
 */
import { STATUSES } from '../../../domain/types';
import { dateFormat, isOverdue, timeLeft as deadline } from './lib/dates';
import { LIMITS } from '../../../domain/limits';
import { byId, el, errorCode, onReady, pageLang, readJson, type JsonAnswer } from './lib/dom';
import {
  authorizeUrl,
  codeChallenge,
  CONSOLE_ADDRESS_RE,
  consoleAddress,
  langOf,
  logoutUrl,
  parsePending,
  randomString,
  tokenRequestBody,
  type HostedAuth,
  type PendingSignIn,
} from './lib/pkce';
import { fmt, has, nameOf } from './lib/text';
import { canDecide, cleanPastedToken, decodeClaims, staffRole, TOKEN_RE, tokenIdentity, type StaffRole } from './lib/token';
import type { ConsoleWords, Words } from './lib/words';

/** CONSOLE_SCRIPT_TEXT of console.ts, put in by the build (build-assets.ts). */
declare const PAGE_TEXT: Words<ConsoleWords>;
const TEXT = PAGE_TEXT;

const OPEN_STATUSES = ['verified', 'awaiting_decision', 'approved'];
/** Statuses the processor moves on by itself: the request view follows them. */
const WORKING_STATUSES = ['verified', 'approved'];
const TOKEN_KEY = 'dsr.staffToken';
/** Hosted sign-in: the PKCE verifier, state and return address kept over the round trip. */
const PENDING_KEY = 'dsr.signinPending';
/** A sign-in notice that must outlive a page load (the hosted UI's redirects): what to say, and where. */
const NOTICE_KEY = 'dsr.signinNotice';
/** Marks a token fresh from the hosted UI across the one reload into the sign-in's language. */
const FRESH_KEY = 'dsr.signedInJustNow';
const ID_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const AUTO_REFRESH_MS = 1500;
const AUTO_REFRESH_MAX = 40;
/** Thrown through promise chains once a 401 has sent the user back to sign-in. */
const SIGNED_OUT = { signedOut: true };
/** Thrown through promise chains when the API answers 403: the role does not allow it. */
const FORBIDDEN = { forbidden: true };

/** What the staff API answers for one request (GET /admin/requests/{id}); read defensively. */
interface StaffRequest {
  requestId: string;
  type: string;
  status: string;
  language?: string;
  receivedAt?: string;
  dueAt?: string;
  verification?: { verifiedAt?: string };
  customerId?: string | null;
  extension?: { extendedAt?: string; reason?: string; extendedBy?: string; extendedByEmail?: string; previousDueAt?: string };
  decision?: { decision: string; decidedAt?: string; decidedBy?: string; decidedByEmail?: string; reason?: string };
  subject?: { firstName?: string; lastName?: string; email?: string } | null;
  details?: string;
  changes?: Array<{ field: string; value: string; reason?: string }>;
  objections?: string[];
  signature?: { fullName?: string; signedAt?: string };
  rectification?: { before?: Record<string, unknown>; after?: Record<string, unknown> };
  holds?: Array<{ basis: string; until?: string; invoiceIds?: string[] }>;
  seal?: { present?: boolean; valid?: boolean; sealedAt?: string };
  auditChainIntact?: boolean;
  audit?: Array<{ at?: string; type: string; actor: string; data?: { to?: unknown; staffEmail?: unknown } }>;
}
interface ListItem { requestId: string; type: string; status: string; receivedAt?: string; dueAt?: string }
interface Customer {
  customerId: string;
  firstName?: string;
  lastName?: string;
  organization?: string;
  organizationContact?: boolean;
  email?: string;
  phone?: string;
  website?: string;
  postalAddress?: { street?: string; postalCode?: string; city?: string; country?: string };
  ipAddresses?: string[];
  relationshipEndedAt?: string | null;
  restricted?: boolean;
  suppressions?: string[];
  orders?: Array<{ invoice?: { status?: string } } | null>;
}
interface ViewOptions { focus?: boolean; refresh?: boolean; previousStatus?: string; autoCount?: number }

const init = (): void => {
  const root = byId('console');
  if (!root) return;
  const lang = pageLang();
  const t = TEXT[lang];
  const R = t.request;
  const A = t.actions;
  const C = t.customer;
  const dates = dateFormat(lang);
  const need = <T extends HTMLElement>(id: string): T => {
    const node = byId<T>(id);
    if (!node) throw new Error(`console page lacks #${id}`);
    return node;
  };
  const alertBox = need('console-alert');
  const notice = need('console-notice');
  const signin = need('signin');
  const signinHeading = need('signin-heading');
  const signinForm = byId<HTMLFormElement>('signin-form');
  const hostedButton = byId<HTMLButtonElement>('signin-hosted');
  /* Hosted sign-in (AWS): the Cognito domain, the console's public client and its callback. */
  const domain = root.getAttribute('data-auth-domain');
  const auth: HostedAuth | null = domain
    ? { domain, clientId: root.getAttribute('data-client-id') ?? '', redirectUri: root.getAttribute('data-redirect-uri') ?? '' }
    : null;
  const tokenInput = byId<HTMLTextAreaElement>('staff-token');
  const tokenError = byId('staff-token-error');
  const bar = need('console-bar');
  const signedInAs = need('signed-in-as');
  const signOutButton = need<HTMLButtonElement>('sign-out');
  const view = need('view');
  const baseTitle = document.title;
  let memoryToken = '';
  let justSignedIn = false;
  let viewGen = 0;
  let timer = 0;
  let deciding = false;
  let openCustomer = '';
  let listStatus = '';
  let role: StaffRole = 'none';

  const text = (s: string): Text => document.createTextNode(s);

  /* ---- the token: this tab's sessionStorage, nowhere else ---- */
  const readToken = (): string => {
    try {
      return window.sessionStorage.getItem(TOKEN_KEY) ?? '';
    } catch {
      return memoryToken;
    }
  };
  const writeToken = (value: string): void => {
    memoryToken = value;
    try {
      if (value) window.sessionStorage.setItem(TOKEN_KEY, value);
      else window.sessionStorage.removeItem(TOKEN_KEY);
    } catch {
      /* storage turned off: the token lives in this page only */
    }
  };

  /* ---- the staff API ---- */
  const api = async (method: 'GET' | 'POST', path: string, body?: unknown): Promise<JsonAnswer> => {
    const token = readToken();
    if (!token) {
      toSignIn(t.sessionEnded, false);
      throw SIGNED_OUT;
    }
    const headers: Record<string, string> = { Accept: 'application/json', Authorization: `Bearer ${token}` };
    const request: RequestInit = { method, headers, credentials: 'omit', cache: 'no-store', redirect: 'error' };
    if (body) {
      headers['Content-Type'] = 'application/json';
      request.body = JSON.stringify(body);
    }
    const r = await readJson(await fetch(path, request));
    if (r.status === 401) {
      const rejected = justSignedIn;
      writeToken('');
      if (auth) toSignIn(rejected ? t.hosted.rejected : t.sessionEnded, false);
      else toSignIn(rejected ? t.tokenRejected : t.sessionEnded, rejected);
      throw SIGNED_OUT;
    }
    justSignedIn = false;
    if (r.status === 403) throw FORBIDDEN;
    return r;
  };
  const requestPath = (id: string): string => `/admin/requests/${encodeURIComponent(id)}`;

  /* ---- messages ---- */
  const clearMessages = (): void => {
    alertBox.hidden = true;
    alertBox.textContent = '';
    notice.textContent = '';
  };
  const showAlert = (message: string): void => {
    alertBox.textContent = '';
    const p = el('p');
    p.appendChild(el('span', `${t.errorPrefix} `, 'visually-hidden'));
    p.appendChild(text(message));
    alertBox.appendChild(p);
    alertBox.hidden = false;
    alertBox.focus();
  };
  const showNotice = (message: string, focus: boolean, append = false): void => {
    if (!append) notice.textContent = '';
    notice.appendChild(el('p', message));
    if (focus) notice.focus();
  };
  /** The words for a failed call: the role, the network, or the service. */
  const failure = (err: unknown): string => (err === FORBIDDEN ? t.forbidden : err instanceof TypeError ? t.network : t.failed);
  const loadFailed = (gen: number) => (err: unknown): void => {
    if (err === SIGNED_OUT || gen !== viewGen) return;
    const busy = view.querySelector('[aria-busy]');
    if (busy) {
      busy.removeAttribute('aria-busy');
      busy.textContent = '';
    }
    showAlert(failure(err));
  };

  /* ---- dates and deadlines, on the Finnish calendar ---- */
  /* Days left in words, with a text badge when late or close: never colour alone. */
  const timeLeft = (status: string, dueAt: unknown): HTMLElement => {
    const span = el('span', null, 'days');
    const left = deadline(status, dueAt, new Date());
    switch (left.kind) {
      case 'closed':
        span.className = 'days days-closed';
        span.textContent = t.days.closed;
        return span;
      case 'unknown':
        span.textContent = '–';
        return span;
      case 'overdue':
        span.className = 'days days-overdue';
        span.appendChild(el('strong', t.days.overdue, 'badge badge-overdue'));
        if (left.daysLate >= 1) span.appendChild(text(` ${left.daysLate === 1 ? t.days.overdueOne : fmt(t.days.overdueMany, { n: left.daysLate })}`));
        return span;
      case 'today':
        span.className = 'days days-soon';
        span.appendChild(el('strong', t.days.today, 'badge badge-soon'));
        return span;
      case 'soon':
      case 'left': {
        const words = left.days === 1 ? t.days.leftOne : fmt(t.days.leftMany, { n: left.days });
        if (left.kind === 'left') {
          span.textContent = words;
          return span;
        }
        span.className = 'days days-soon';
        span.appendChild(el('strong', t.days.soon, 'badge badge-soon'));
        span.appendChild(text(` ${words}`));
        return span;
      }
    }
  };

  /* ---- small builders ---- */
  const heading = (level: 2 | 3 | 4, words: string, id?: string): HTMLHeadingElement => {
    const h = el(`h${level}`, words);
    if (id) h.id = id;
    return h;
  };
  const section = (key: string, title: string): HTMLElement => {
    const s = el('section', null, `panel panel-${key}`);
    const h = heading(3, title, `section-${key}`);
    s.setAttribute('aria-labelledby', h.id);
    s.appendChild(h);
    return s;
  };
  type Content = Node | string | number | null | undefined;
  const row = (dl: HTMLElement, label: string, value: Content, id?: string): HTMLElement => {
    const group = el('div');
    group.appendChild(el('dt', label));
    const dd = el('dd');
    if (id) dd.id = id;
    if (value instanceof Node) dd.appendChild(value);
    else dd.textContent = value === undefined || value === null || value === '' ? '–' : String(value);
    group.appendChild(dd);
    dl.appendChild(group);
    return dd;
  };
  const list = (items: Content[]): HTMLElement => {
    const ul = el('ul', null, 'plain-list');
    for (const item of items) {
      const li = el('li');
      if (item instanceof Node) li.appendChild(item);
      else li.textContent = String(item);
      ul.appendChild(li);
    }
    return ul;
  };
  const badge = (words: string, kind: string): HTMLElement => el('strong', words, `badge badge-${kind}`);
  const withBadge = (words: string, kind: string, rest: string): HTMLElement => {
    const span = el('span');
    span.appendChild(badge(words, kind));
    if (rest) span.appendChild(text(` ${rest}`));
    return span;
  };
  const table = (captionText: string, captionId: string, columns: string[], className: string) => {
    const wrap = el('div', null, 'table-wrap');
    wrap.setAttribute('role', 'region');
    wrap.setAttribute('aria-labelledby', captionId);
    wrap.tabIndex = 0;
    const tbl = el('table', null, `data-table ${className}`);
    const caption = el('caption', captionText);
    caption.id = captionId;
    tbl.appendChild(caption);
    const thead = el('thead');
    const tr = el('tr');
    for (const c of columns) {
      const th = el('th', c);
      th.scope = 'col';
      tr.appendChild(th);
    }
    thead.appendChild(tr);
    tbl.appendChild(thead);
    const tbody = el('tbody');
    tbl.appendChild(tbody);
    wrap.appendChild(tbl);
    return { wrap, tbody };
  };
  const cell = (tr: HTMLElement, content: Content, className?: string): HTMLElement => {
    const td = el('td', null, className);
    if (content instanceof Node) td.appendChild(content);
    else td.textContent = content === undefined || content === null ? '' : String(content);
    tr.appendChild(td);
    return td;
  };

  /* ---- navigation: ?request=<id> opens a request (the contact person's mail links there) ---- */
  const query = (): URLSearchParams => new URLSearchParams(window.location.search);
  const hrefFor = (params: Record<string, string>): string => {
    const q = new URLSearchParams();
    if (lang === 'en' || query().has('lang')) q.set('lang', lang);
    for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
    const s = q.toString();
    return window.location.pathname + (s ? `?${s}` : '');
  };
  const go = (params: Record<string, string>): void => {
    clearMessages();
    window.history.pushState(null, '', hrefFor(params));
    route(true);
  };
  const link = (words: string, params: Record<string, string>): HTMLAnchorElement => {
    const a = el('a', words);
    a.href = hrefFor(params);
    a.addEventListener('click', (ev) => {
      if (ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
      ev.preventDefault();
      go(params);
    });
    return a;
  };
  /* The language switch keeps the view (the server renders it for the first URL only). */
  const syncLanguageLinks = (): void => {
    for (const a of Array.from(document.querySelectorAll<HTMLAnchorElement>('.lang-switch a[hreflang]'))) {
      const q = query();
      q.set('lang', a.getAttribute('hreflang') ?? '');
      a.href = `?${q.toString()}`;
    }
  };
  const setTitle = (part: string): void => {
    document.title = `${part} – ${baseTitle}`;
  };
  const newView = (): number => {
    viewGen += 1;
    if (timer) {
      clearTimeout(timer);
      timer = 0;
    }
    return viewGen;
  };
  const showSignedIn = (who: string): void => {
    signedInAs.textContent = '';
    if (who) signedInAs.appendChild(el('span', fmt(t.signedInAs, { who })));
    if (role !== 'none') {
      if (who) signedInAs.appendChild(text(' · '));
      signedInAs.appendChild(el('span', fmt(t.roleLabel, { role: t.roles[role] }), 'staff-role'));
    }
  };
  function route(focus: boolean): void {
    syncLanguageLinks();
    const token = readToken();
    if (!token) {
      toSignIn('', false);
      return;
    }
    signin.hidden = true;
    bar.hidden = false;
    view.hidden = false;
    const claims = decodeClaims(token);
    role = staffRole(claims);
    showSignedIn(tokenIdentity(claims));
    if (role === 'none') {
      showNoAccess(focus);
      return;
    }
    const id = query().get('request');
    if (id && ID_RE.test(id)) showRequest(id, { focus });
    else showList(focus);
  }
  /* Signed in, but in neither staff group: nothing to show, and the API would answer 403 anyway. */
  const showNoAccess = (focus: boolean): void => {
    newView();
    view.textContent = '';
    setTitle(t.noAccess.heading);
    const h = heading(2, t.noAccess.heading, 'view-heading');
    h.tabIndex = -1;
    view.appendChild(h);
    view.appendChild(el('p', t.noAccess.text, 'notice'));
    if (focus) h.focus();
  };

  /* ---- sign-in and sign-out ---- */
  const setTokenError = (message: string): void => {
    if (!tokenInput || !tokenError) return;
    const field = byId('staff-token-field');
    if (!message) {
      tokenError.hidden = true;
      tokenError.textContent = '';
      tokenInput.removeAttribute('aria-invalid');
      tokenInput.setAttribute('aria-describedby', 'staff-token-hint');
      field?.classList.remove('has-error');
      return;
    }
    tokenError.textContent = '';
    tokenError.appendChild(el('span', `${t.errorPrefix} `, 'visually-hidden'));
    tokenError.appendChild(text(message));
    tokenError.hidden = false;
    tokenInput.setAttribute('aria-invalid', 'true');
    tokenInput.setAttribute('aria-describedby', 'staff-token-error staff-token-hint');
    field?.classList.add('has-error');
  };
  function toSignIn(message: string, asFieldError: boolean): void {
    newView();
    view.textContent = '';
    openCustomer = '';
    bar.hidden = true;
    view.hidden = true;
    signin.hidden = false;
    signedInAs.textContent = '';
    setTitle(signinHeading.textContent ?? '');
    clearMessages();
    setTokenError('');
    if (message && asFieldError) {
      setTokenError(message);
      tokenInput?.focus();
    } else if (message) {
      showNotice(message, false);
      signinHeading.focus();
    }
  }
  signinForm?.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (!tokenInput) return;
    const token = cleanPastedToken(tokenInput.value);
    if (!token) {
      setTokenError(t.tokenRequired);
      tokenInput.focus();
      return;
    }
    if (!TOKEN_RE.test(token)) {
      setTokenError(t.tokenMalformed);
      tokenInput.focus();
      return;
    }
    setTokenError('');
    tokenInput.value = '';
    writeToken(token);
    justSignedIn = true;
    clearMessages();
    route(true);
  });
  signOutButton.addEventListener('click', () => {
    writeToken('');
    if (auth) {
      /* End the hosted UI's own session too, so the next person at this computer must sign in. */
      storage(NOTICE_KEY, JSON.stringify({ key: 'signedOut', address: consoleAddress(query()) }));
      window.location.assign(logoutUrl(auth));
      return;
    }
    toSignIn(t.signedOut, false);
  });

  /* ---- hosted sign-in: authorization code with PKCE (RFC 7636) ---- */
  /* Reads (and with take, removes) or writes a sessionStorage entry; null when storage is off. */
  function storage(key: string, value?: string, take = false): string | null {
    try {
      if (value !== undefined) {
        window.sessionStorage.setItem(key, value);
        return value;
      }
      const v = window.sessionStorage.getItem(key);
      if (take) window.sessionStorage.removeItem(key);
      return v;
    } catch {
      return null;
    }
  }
  const startHostedSignIn = (): void => {
    if (!auth || !hostedButton) return;
    clearMessages();
    const canHash = !!(window.crypto && window.crypto.subtle && window.TextEncoder);
    const verifier = canHash ? randomString(window.crypto) : '';
    const state = canHash ? randomString(window.crypto) : '';
    const pending: PendingSignIn = { state, verifier, returnTo: consoleAddress(query()) };
    if (!canHash || storage(PENDING_KEY, JSON.stringify(pending)) === null) {
      showAlert(t.hosted.unsupported);
      return;
    }
    hostedButton.disabled = true;
    showNotice(t.hosted.redirecting, false);
    codeChallenge(verifier, window.crypto.subtle)
      .then((challenge) => window.location.assign(authorizeUrl(auth, state, challenge)))
      .catch(() => {
        hostedButton.disabled = false;
        showAlert(t.hosted.unsupported);
      });
  };
  hostedButton?.addEventListener('click', startHostedSignIn);
  /* Back from the hosted UI with the browser's Back button: the page comes from the cache as it was left. */
  window.addEventListener('pageshow', (ev) => {
    if (!ev.persisted || !hostedButton || !hostedButton.disabled) return;
    hostedButton.disabled = false;
    clearMessages();
  });

  /*
   * Back from the hosted UI with ?code=&state= (or ?error=): the code leaves the address bar at
   * once, the state must be the one this tab sent, and the code is traded for tokens with the
   * verifier only this tab holds. Returns true when it took over the page.
   */
  const completeHostedSignIn = (hosted: HostedAuth): boolean => {
    const q = query();
    const code = q.get('code');
    const error = q.get('error');
    if (!code && !error) return false;
    const pending = parsePending(storage(PENDING_KEY, undefined, true));
    const back = pending && CONSOLE_ADDRESS_RE.test(pending.returnTo) ? pending.returnTo : consoleAddress(q);
    window.history.replaceState(null, '', back);
    /* A code this tab did not ask for, while already signed in: dropped, and the console goes on. */
    if (!pending && readToken()) return false;
    if (error || !code || !pending || !pending.verifier || q.get('state') !== pending.state) {
      roundTripFailed(error === 'access_denied' ? 'cancelled' : 'failed', back);
      return true;
    }
    signin.hidden = true;
    showNotice(t.hosted.completing, false);
    fetch(`${hosted.domain}/oauth2/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: tokenRequestBody(hosted, code, pending.verifier),
      credentials: 'omit',
      cache: 'no-store',
      redirect: 'error',
    })
      .then(readJson)
      .then((r) => {
        /* The ID token: it names the person (email) and their groups, and the staff API's authorizer accepts it. */
        const token = r.ok && r.data && typeof r.data === 'object' ? (r.data as { id_token?: unknown }).id_token : '';
        if (typeof token !== 'string' || !TOKEN_RE.test(token)) {
          roundTripFailed('failed', back);
          return;
        }
        writeToken(token);
        justSignedIn = true;
        /* The callback page is always the default language: reload in the one the sign-in began in. */
        if (langOf(back) !== lang) {
          storage(FRESH_KEY, '1');
          window.location.replace(back);
          return;
        }
        clearMessages();
        route(true);
      })
      .catch(() => toSignIn(t.network, false));
    return true;
  };
  type NoticeKey = 'signedOut' | 'cancelled' | 'failed';
  const roundTripFailed = (key: 'cancelled' | 'failed', back: string): void => {
    if (storage(NOTICE_KEY, JSON.stringify({ key, address: back })) === null || !showStoredNotice()) toSignIn(t.hosted[key], false);
  };
  /*
   * Says what the hosted round trip ended in (signed out, cancelled, failed) on the console page
   * it began from, in that page's language: the hosted UI always sends us back to the bare
   * /admin, which is Finnish, so a page in English is loaded once more first.
   */
  const showStoredNotice = (): boolean => {
    type Stored = { key?: unknown; address?: unknown; moved?: unknown } | null;
    let n: Stored;
    try {
      n = JSON.parse(storage(NOTICE_KEY, undefined, true) ?? 'null') as Stored;
    } catch {
      n = null;
    }
    const words: Record<NoticeKey, string> = { signedOut: t.signedOut, cancelled: t.hosted.cancelled, failed: t.hosted.failed };
    if (!n || typeof n.address !== 'string' || !CONSOLE_ADDRESS_RE.test(n.address) || typeof n.key !== 'string' || !has(words, n.key)) return false;
    if (langOf(n.address) !== lang && !n.moved) {
      storage(NOTICE_KEY, JSON.stringify({ key: n.key, address: n.address, moved: true }));
      window.location.replace(n.address);
      return true;
    }
    window.history.replaceState(null, '', n.address);
    toSignIn(words[n.key as NoticeKey], false);
    return true;
  };

  /* ---- the list of requests ---- */
  const listFilter = (): string => {
    const s = query().get('status');
    return s === 'all' || (s !== null && (STATUSES as readonly string[]).includes(s)) ? s : 'open';
  };
  const byDue = (a: ListItem, b: ListItem): number =>
    String(a.dueAt).localeCompare(String(b.dueAt)) || String(a.requestId).localeCompare(String(b.requestId));
  function showList(focus: boolean): void {
    const gen = newView();
    const filter = listFilter();
    listStatus = filter === 'open' ? '' : filter;
    openCustomer = '';
    setTitle(t.list.title);
    view.textContent = '';
    const h = heading(2, t.list.heading, 'view-heading');
    h.tabIndex = -1;
    view.appendChild(h);

    const form = el('form', null, 'filter-form');
    form.noValidate = true;
    const field = el('div', null, 'field');
    const label = el('label', t.list.filterLabel);
    label.htmlFor = 'status-filter';
    const select = el('select');
    select.id = 'status-filter';
    const options: Array<[string, string]> = [['open', t.list.open], ['all', t.list.all], ...STATUSES.map((s): [string, string] => [s, nameOf(t.statuses, s)])];
    for (const [value, words] of options) {
      const option = el('option', words);
      option.value = value;
      option.selected = value === filter;
      select.appendChild(option);
    }
    field.appendChild(label);
    field.appendChild(select);
    form.appendChild(field);
    const show = el('button', t.list.show, 'button-secondary');
    show.type = 'submit';
    form.appendChild(show);
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      go({ status: select.value === 'open' ? '' : select.value });
    });
    view.appendChild(form);

    const holder = el('div');
    holder.setAttribute('aria-busy', 'true');
    holder.appendChild(el('p', t.loading));
    view.appendChild(holder);
    if (focus) h.focus();

    const paths =
      filter === 'open'
        ? OPEN_STATUSES.map((s) => `/admin/requests?status=${s}`)
        : [filter === 'all' ? '/admin/requests' : `/admin/requests?status=${encodeURIComponent(filter)}`];
    Promise.all(paths.map((p) => api('GET', p)))
      .then((results) => {
        if (gen !== viewGen) return;
        const items: ListItem[] = [];
        const seen = new Set<string>();
        for (const r of results) {
          const data = r.data as { items?: unknown } | null;
          if (!r.ok || !data || !Array.isArray(data.items)) throw new Error('list');
          for (const item of data.items as Array<ListItem | null>) {
            if (!item || seen.has(item.requestId)) continue;
            seen.add(item.requestId);
            items.push(item);
          }
        }
        items.sort(byDue);
        holder.removeAttribute('aria-busy');
        holder.textContent = '';
        holder.appendChild(el('p', items.length === 1 ? t.list.countOne : fmt(t.list.countMany, { n: items.length }), 'list-count'));
        if (!items.length) {
          holder.appendChild(el('p', t.list.empty));
          return;
        }
        const caption =
          filter === 'open' ? t.list.captionOpen : filter === 'all' ? t.list.captionAll : fmt(t.list.captionStatus, { status: nameOf(t.statuses, filter) });
        const c = t.list.columns;
        const tbl = table(caption, 'requests-caption', [c.type, c.status, c.received, c.due, c.left, c.id], 'requests-table');
        const now = new Date();
        for (const item of items) {
          const tr = el('tr');
          tr.setAttribute('data-request-id', item.requestId);
          if (isOverdue(item.status, item.dueAt, now)) tr.className = 'is-overdue';
          cell(tr, link(nameOf(t.types, item.type), { request: item.requestId }));
          cell(tr, nameOf(t.statuses, item.status));
          cell(tr, dates.date(item.receivedAt), 'nowrap');
          cell(tr, dates.date(item.dueAt), 'nowrap');
          cell(tr, timeLeft(item.status, item.dueAt), 'nowrap');
          cell(tr, el('span', item.requestId, 'ref'));
          tbl.tbody.appendChild(tr);
        }
        holder.appendChild(tbl.wrap);
      })
      .catch(loadFailed(gen));
  }

  /* ---- one request ---- */
  function showRequest(id: string, opts: ViewOptions): void {
    const gen = newView();
    if (!opts.refresh) {
      openCustomer = '';
      view.textContent = '';
      const back = el('p', null, 'back-link');
      back.appendChild(link(R.back, { status: listStatus }));
      view.appendChild(back);
      const holder = el('div');
      holder.setAttribute('aria-busy', 'true');
      holder.appendChild(el('p', t.loading));
      view.appendChild(holder);
    }
    api('GET', requestPath(id))
      .then((r) => {
        if (gen !== viewGen) return;
        if (r.status === 404) {
          renderNotFound(opts);
          return;
        }
        if (!r.ok || !r.data || typeof r.data !== 'object') throw new Error('request');
        renderRequest(r.data as StaffRequest, opts, gen);
      })
      .catch(loadFailed(gen));
  }
  const renderNotFound = (opts: ViewOptions): void => {
    view.textContent = '';
    setTitle(R.notFound);
    const h = heading(2, R.notFound, 'view-heading');
    h.tabIndex = -1;
    view.appendChild(h);
    const p = el('p');
    p.appendChild(link(R.back, { status: listStatus }));
    view.appendChild(p);
    if (opts.focus) h.focus();
  };

  const renderRequest = (req: StaffRequest, opts: ViewOptions, gen: number): void => {
    /* A refresh keeps where the user was: focus and any reasons being written. */
    const active = document.activeElement;
    const focusedId = active && active.id && view.contains(active) ? active.id : '';
    const kept: Record<string, string> = {};
    for (const k of ['refuse-reason', 'extend-reason']) {
      const n = byId<HTMLTextAreaElement>(k);
      if (n?.value) kept[k] = n.value;
    }

    view.textContent = '';
    const typeName = nameOf(t.types, req.type);
    setTitle(fmt(R.title, { type: typeName }));
    const back = el('p', null, 'back-link');
    back.appendChild(link(R.back, { status: listStatus }));
    view.appendChild(back);
    const h = heading(2, fmt(R.title, { type: typeName }), 'view-heading');
    h.tabIndex = -1;
    view.appendChild(h);

    const toolbar = el('div', null, 'console-toolbar');
    toolbar.appendChild(el('p', fmt(R.reference, { id: req.requestId }), 'ref'));
    const refresh = el('button', R.refresh, 'button-secondary');
    refresh.type = 'button';
    refresh.id = 'refresh-button';
    refresh.addEventListener('click', () => {
      clearMessages();
      showRequest(req.requestId, { refresh: true, previousStatus: req.status });
    });
    toolbar.appendChild(refresh);
    view.appendChild(toolbar);

    view.appendChild(detailsSection(req));
    view.appendChild(subjectSection(req));
    view.appendChild(holdsSection(req));
    if (typeof req.customerId === 'string' && req.customerId) view.appendChild(customerSection(req.customerId, gen));
    view.appendChild(sealSection(req));
    if (req.status === 'awaiting_decision') view.appendChild(canDecide(role) ? actionsSection(req) : viewerSection());
    view.appendChild(auditSection(req));

    for (const [k, v] of Object.entries(kept)) {
      const n = byId<HTMLTextAreaElement>(k);
      if (n) n.value = v;
    }
    const refocus = focusedId ? byId(focusedId) : null;
    if (refocus) refocus.focus();
    else if (opts.focus) h.focus();
    if (opts.previousStatus && opts.previousStatus !== req.status) {
      showNotice(fmt(R.refreshed, { status: nameOf(t.statuses, req.status) }), false, true);
    }
    const count = opts.autoCount ?? 0;
    if (WORKING_STATUSES.includes(req.status) && count < AUTO_REFRESH_MAX) {
      timer = window.setTimeout(() => {
        if (gen !== viewGen) return;
        showRequest(req.requestId, { refresh: true, previousStatus: req.status, autoCount: count + 1 });
      }, AUTO_REFRESH_MS);
    }
  };

  const detailsSection = (req: StaffRequest): HTMLElement => {
    const L = R.labels;
    const s = section('details', R.sections.details);
    const dl = el('dl', null, 'details-list');
    row(dl, L.type, nameOf(t.types, req.type));
    row(dl, L.language, nameOf(t.languages, req.language));
    row(dl, L.status, nameOf(t.statuses, req.status), 'request-status');
    row(dl, L.received, dates.dateTime(req.receivedAt));
    row(dl, L.due, dates.date(req.dueAt));
    row(dl, L.left, timeLeft(req.status, req.dueAt));
    if (req.verification?.verifiedAt) row(dl, L.verified, dates.dateTime(req.verification.verifiedAt));
    row(
      dl,
      L.register,
      typeof req.customerId === 'string' ? fmt(R.register.found, { id: req.customerId }) : req.customerId === null ? R.register.none : R.register.pending,
    );
    if (req.extension) {
      row(
        dl,
        L.extension,
        fmt(R.extension, {
          date: dates.date(req.extension.extendedAt),
          reason: req.extension.reason || '–',
          who: req.extension.extendedByEmail || req.extension.extendedBy || '–',
          previous: dates.date(req.extension.previousDueAt),
        }),
      );
    }
    if (req.decision) {
      const d = el('div');
      d.appendChild(
        el('p', fmt(R.decisionLine, { decision: nameOf(R.decisions, req.decision.decision), date: dates.dateTime(req.decision.decidedAt), who: req.decision.decidedByEmail || req.decision.decidedBy || '–' })),
      );
      if (req.decision.reason) d.appendChild(el('p', fmt(R.decisionReason, { reason: req.decision.reason })));
      row(dl, L.decision, d);
    }
    s.appendChild(dl);
    if (WORKING_STATUSES.includes(req.status)) s.appendChild(el('p', nameOf(R.working, req.status), 'notice'));
    return s;
  };

  const subjectSection = (req: StaffRequest): HTMLElement => {
    const L = R.labels;
    const s = section('subject', R.sections.subject);
    const objections = Array.isArray(req.objections) ? req.objections : [];
    if (!req.subject) {
      s.appendChild(el('p', R.minimised));
      if (objections.length) {
        const kept = el('dl', null, 'details-list');
        row(kept, L.objections, list(objections.map((o) => nameOf(t.objections, o))));
        s.appendChild(kept);
      }
      return s;
    }
    const dl = el('dl', null, 'details-list');
    row(dl, L.name, [req.subject.firstName, req.subject.lastName].join(' '));
    row(dl, L.email, req.subject.email);
    row(dl, L.details, req.details ? req.details : R.noDetails);
    if (Array.isArray(req.changes) && req.changes.length) {
      row(
        dl,
        L.changes,
        list(
          req.changes.map((ch) => {
            const div = el('div');
            div.appendChild(el('p', fmt(R.change, { field: nameOf(t.fields, ch.field), value: ch.value })));
            if (ch.reason) div.appendChild(el('p', fmt(R.changeReason, { reason: ch.reason })));
            return div;
          }),
        ),
      );
    }
    if (objections.length) row(dl, L.objections, list(objections.map((o) => nameOf(t.objections, o))));
    if (req.signature) {
      row(dl, L.signature, req.signature.fullName);
      row(dl, L.signedAt, dates.dateTime(req.signature.signedAt));
    }
    const after = req.rectification?.after;
    if (after) {
      const before = req.rectification?.before ?? {};
      row(
        dl,
        L.rectification,
        list(
          Object.keys(after).map((f) => {
            const b = before[f];
            return fmt(R.beforeAfter, { field: nameOf(t.fields, f), before: b === null || b === undefined ? '–' : String(b), after: String(after[f]) });
          }),
        ),
      );
    }
    s.appendChild(dl);
    return s;
  };

  const holdsSection = (req: StaffRequest): HTMLElement => {
    const s = section('holds', R.sections.holds);
    const holds = Array.isArray(req.holds) ? req.holds : [];
    if (!holds.length) {
      s.appendChild(el('p', R.holdsNone));
      return s;
    }
    s.appendChild(
      list(
        holds.map((hold) => {
          const li = el('span');
          li.appendChild(el('strong', nameOf(t.holds, hold.basis)));
          let rest = ` – ${hold.until ? fmt(R.holdUntil, { date: dates.date(hold.until) }) : R.holdOpenEnded}`;
          if (Array.isArray(hold.invoiceIds) && hold.invoiceIds.length) rest += `. ${fmt(R.holdInvoices, { ids: hold.invoiceIds.join(', ') })}`;
          li.appendChild(text(rest));
          return li;
        }),
      ),
    );
    return s;
  };

  const sealSection = (req: StaffRequest): HTMLElement => {
    const s = section('seal', R.sections.seal);
    const dl = el('dl', null, 'details-list');
    const seal = req.seal && typeof req.seal === 'object' ? req.seal : { present: false };
    const sealValue = !seal.present
      ? withBadge(R.notSealed, 'neutral', R.sealNone)
      : seal.valid
        ? withBadge(R.ok, 'ok', fmt(R.sealOk, { time: dates.dateTime(seal.sealedAt) }))
        : withBadge(R.broken, 'bad', R.sealBad);
    row(dl, R.sealLabel, sealValue, 'seal-result');
    row(dl, R.chainLabel, req.auditChainIntact === true ? withBadge(R.ok, 'ok', R.chainOk) : withBadge(R.broken, 'bad', R.chainBad), 'chain-result');
    s.appendChild(dl);
    return s;
  };

  const auditSection = (req: StaffRequest): HTMLElement => {
    const s = section('audit', R.sections.audit);
    const events = Array.isArray(req.audit) ? req.audit : [];
    const c = R.auditColumns;
    const tbl = table(R.auditCaption, 'audit-caption', [c.time, c.event, c.actor], 'audit-table');
    for (const e of events) {
      const tr = el('tr');
      cell(tr, dates.dateTime(e.at), 'nowrap');
      let what = nameOf(R.events, e.type);
      const to = typeof e.data?.to === 'string' ? (e.data.to.split(':')[0] ?? '') : '';
      if (e.type === 'mail_sent' && to) what += ` ${nameOf(R.mailTo, to)}`;
      cell(tr, what);
      // A staff action names its actor by id (staff:<sub>); the verified email, when recorded, reads better.
      const staffEmail = typeof e.data?.staffEmail === 'string' ? e.data.staffEmail : '';
      cell(tr, Object.prototype.hasOwnProperty.call(R.actors, e.actor) ? nameOf(R.actors, e.actor) : staffEmail || e.actor);
      tbl.tbody.appendChild(tr);
    }
    s.appendChild(tbl.wrap);
    return s;
  };

  /* ---- the register record ---- */
  const customerSection = (customerId: string, gen: number): HTMLElement => {
    const s = section('customer', R.sections.customer);
    const button = el('button', C.show, 'button-secondary');
    button.type = 'button';
    button.id = 'customer-button';
    button.setAttribute('aria-controls', 'customer-record');
    const out = el('div', null, 'customer-record');
    out.id = 'customer-record';
    button.addEventListener('click', () => loadCustomer(customerId, out, button, gen, true));
    s.appendChild(button);
    s.appendChild(out);
    if (openCustomer === customerId) loadCustomer(customerId, out, button, gen, false);
    return s;
  };
  const loadCustomer = (id: string, out: HTMLElement, button: HTMLButtonElement, gen: number, focus: boolean): void => {
    openCustomer = id;
    out.textContent = '';
    out.setAttribute('aria-busy', 'true');
    out.appendChild(el('p', t.loading));
    api('GET', `/admin/customers/${encodeURIComponent(id)}`)
      .then((r) => {
        if (gen !== viewGen) return;
        out.removeAttribute('aria-busy');
        out.textContent = '';
        button.textContent = C.reload;
        const h = heading(4, `${R.sections.customer} ${id}`, 'customer-heading');
        h.tabIndex = -1;
        out.appendChild(h);
        if (r.status === 404) out.appendChild(el('p', C.notFound, 'notice'));
        else if (!r.ok || !r.data || typeof r.data !== 'object') out.appendChild(el('p', t.failed, 'field-error'));
        else out.appendChild(customerList(r.data as Customer));
        if (focus) h.focus();
      })
      .catch((err: unknown) => {
        if (err === SIGNED_OUT || gen !== viewGen) return;
        out.removeAttribute('aria-busy');
        out.textContent = '';
        out.appendChild(el('p', failure(err), 'field-error'));
      });
  };
  const customerList = (c: Customer): HTMLElement => {
    const L = C.labels;
    const dl = el('dl', null, 'details-list');
    row(dl, L.customerId, c.customerId);
    row(dl, L.name, [c.firstName, c.lastName].filter(Boolean).join(' '));
    if (c.organization) row(dl, L.organization, c.organizationContact ? fmt(C.organizationContact, { org: c.organization }) : c.organization);
    row(dl, L.email, c.email);
    if (c.phone) row(dl, L.phone, c.phone);
    if (c.website) row(dl, L.website, c.website);
    const a = c.postalAddress;
    if (a) row(dl, L.address, [a.street, [a.postalCode, a.city].filter(Boolean).join(' '), a.country].filter(Boolean).join(', '));
    if (Array.isArray(c.ipAddresses) && c.ipAddresses.length) row(dl, L.ipAddresses, c.ipAddresses.join(', '));
    row(dl, L.relationship, c.relationshipEndedAt ? fmt(C.relationshipEnded, { date: dates.date(c.relationshipEndedAt) }) : C.relationshipActive);
    row(dl, L.restricted, c.restricted === true ? withBadge(C.yes, 'soon', '') : C.no, 'customer-restricted');
    const suppressions = Array.isArray(c.suppressions) ? c.suppressions : [];
    row(dl, L.suppressions, suppressions.length ? list(suppressions.map((o) => nameOf(t.objections, o))) : C.none, 'customer-suppressions');
    const orders = Array.isArray(c.orders) ? c.orders : [];
    row(dl, L.orders, String(orders.length), 'customer-orders');
    row(dl, L.openInvoices, String(orders.filter((o) => o?.invoice && o.invoice.status !== 'paid').length));
    return dl;
  };

  /* ---- decisions (deciders only; the API refuses a viewer's all the same) ---- */
  const viewerSection = (): HTMLElement => {
    const s = section('actions', R.sections.actions);
    s.appendChild(el('p', A.viewerNote, 'notice'));
    return s;
  };
  const actionsSection = (req: StaffRequest): HTMLElement => {
    const s = section('actions', R.sections.actions);
    s.appendChild(el('p', A.intro));
    const grid = el('div', null, 'actions-grid');

    const approve = el('div', null, 'action action-approve');
    approve.appendChild(heading(4, A.approveHeading, 'approve-heading'));
    approve.appendChild(el('p', A.approveHint, 'hint'));
    const approveButton = el('button', A.approve, 'button-primary');
    approveButton.type = 'button';
    approveButton.id = 'approve-button';
    approveButton.addEventListener('click', () => decide(req, 'approve', '', approveButton));
    approve.appendChild(approveButton);
    grid.appendChild(approve);

    grid.appendChild(reasonForm(req, 'refuse', A.refuseHeading, A.refuseReason, A.refuseHint, A.refuse, 'button-danger'));
    if (!req.extension) grid.appendChild(reasonForm(req, 'extend', A.extendHeading, A.extendReason, A.extendHint, A.extend, 'button-secondary'));
    s.appendChild(grid);
    return s;
  };
  const reasonForm = (req: StaffRequest, kind: 'refuse' | 'extend', title: string, label: string, hint: string, buttonText: string, buttonClass: string): HTMLElement => {
    const form = el('form', null, `action action-${kind}`);
    form.noValidate = true;
    const h = heading(4, title, `${kind}-heading`);
    form.setAttribute('aria-labelledby', h.id);
    form.appendChild(h);
    const field = el('div', null, 'field');
    const lab = el('label');
    lab.htmlFor = `${kind}-reason`;
    lab.appendChild(text(`${label} `));
    lab.appendChild(el('span', `(${A.required})`, 'req'));
    const hintP = el('p', hint, 'hint');
    hintP.id = `${kind}-reason-hint`;
    const error = el('p', null, 'field-error');
    error.id = `${kind}-reason-error`;
    error.hidden = true;
    const area = el('textarea');
    area.id = `${kind}-reason`;
    area.rows = 4;
    area.maxLength = LIMITS.decisionReason;
    area.required = true;
    area.setAttribute('aria-describedby', hintP.id);
    field.appendChild(lab);
    field.appendChild(hintP);
    field.appendChild(error);
    field.appendChild(area);
    form.appendChild(field);
    const button = el('button', buttonText, `${buttonClass} action-submit`);
    button.type = 'submit';
    button.id = `${kind}-button`;
    form.appendChild(button);
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const reason = area.value.trim();
      if (!reason) {
        error.textContent = '';
        error.appendChild(el('span', `${t.errorPrefix} `, 'visually-hidden'));
        error.appendChild(text(A.reasonRequired));
        error.hidden = false;
        area.setAttribute('aria-invalid', 'true');
        area.setAttribute('aria-describedby', `${error.id} ${hintP.id}`);
        field.classList.add('has-error');
        area.focus();
        return;
      }
      error.hidden = true;
      area.removeAttribute('aria-invalid');
      area.setAttribute('aria-describedby', hintP.id);
      field.classList.remove('has-error');
      decide(req, kind, reason, button);
    });
    return form;
  };
  const decide = (req: StaffRequest, kind: 'approve' | 'refuse' | 'extend', reason: string, button: HTMLButtonElement): void => {
    if (deciding) return;
    deciding = true;
    clearMessages();
    const label = button.textContent ?? '';
    button.disabled = true;
    button.textContent = A.sending;
    const body: { decision: string; reason?: string } = { decision: kind };
    if (reason) body.reason = reason;
    const restore = (): void => {
      deciding = false;
      button.disabled = false;
      button.textContent = label;
    };
    api('POST', `${requestPath(req.requestId)}/decision`, body)
      .then((r) => {
        if (r.ok) {
          deciding = false;
          const dueAt = r.data && typeof r.data === 'object' ? (r.data as { dueAt?: unknown }).dueAt : undefined;
          showNotice(kind === 'extend' ? fmt(A.done.extend, { date: dates.date(dueAt) }) : A.done[kind], true);
          showRequest(req.requestId, { refresh: true });
          return;
        }
        restore();
        const code = errorCode(r.data);
        const message =
          r.status === 409
            ? has(A.errors, code)
              ? nameOf(A.errors, code)
              : nameOf(A.errors, 'already_decided')
            : r.status === 404
              ? nameOf(A.errors, 'not_found')
              : r.status === 400
                ? nameOf(A.errors, 'invalid')
                : nameOf(A.errors, 'failed');
        showAlert(message);
        if (r.status === 409) showRequest(req.requestId, { refresh: true });
      })
      .catch((err: unknown) => {
        if (err === SIGNED_OUT) {
          deciding = false;
          return;
        }
        restore();
        showAlert(err === FORBIDDEN ? t.forbidden : t.network);
      });
  };

  window.addEventListener('popstate', () => {
    clearMessages();
    route(true);
  });
  if (auth && (completeHostedSignIn(auth) || showStoredNotice())) return;
  /* A 401 on the first call after the hosted sign-in means the token was refused, not that it lapsed. */
  if (auth && storage(FRESH_KEY, undefined, true) === '1') justSignedIn = true;
  route(false);
};

onReady(init);
