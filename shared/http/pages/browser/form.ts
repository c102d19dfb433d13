/**
 * The request form (GET /): shows the fields the chosen type needs, checks them with the shared
 * limits, posts the contract's JSON body to /requests and says what happens next. The rules are in
 * lib/form-rules.ts; this file is the page around them.
 */
import { LIMITS } from '../../../domain/limits';
import { all, byId, el, onReady, pageLang, postJson, type JsonAnswer } from './lib/dom';
import { buildBody, CHANGE_PARTS, hoursText, issueKey, kindFor, messageFor, validate, type FieldError, type FormValues } from './lib/form-rules';
import { fmt } from './lib/text';
import type { FormWords, Words } from './lib/words';

/** FORM_SCRIPT_TEXT of form.ts, put in by the build (build-assets.ts). */
declare const PAGE_TEXT: Words<FormWords>;
const TEXT = PAGE_TEXT;
const DEFAULT_VERIFY_HOURS = 72;

interface Place { focus: string; target: string; error: string }

/** Where a key's message goes: the control to focus, the element described, the error slot. */
const PLACES: Readonly<Record<string, Place>> = {
  type: { focus: 'type-access', target: 'type-fieldset', error: 'type-error' },
  firstName: { focus: 'firstName', target: 'firstName', error: 'firstName-error' },
  lastName: { focus: 'lastName', target: 'lastName', error: 'lastName-error' },
  email: { focus: 'email', target: 'email', error: 'email-error' },
  details: { focus: 'details', target: 'details', error: 'details-error' },
  changes: { focus: 'changes-0-field', target: 'changes-fieldset', error: 'changes-error' },
  objections: { focus: 'objection-directMarketing', target: 'objections-fieldset', error: 'objections-error' },
  'signature.fullName': { focus: 'signature-fullName', target: 'signature-fullName', error: 'signature-fullName-error' },
  'signature.declaration': { focus: 'signature-declaration', target: 'signature-declaration', error: 'signature-declaration-error' },
};

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** aria-describedby lists: add or remove one id, keeping the others. */
const describedBy = (node: Element, id: string, on: boolean): void => {
  const ids = (node.getAttribute('aria-describedby') ?? '').split(/\s+/).filter((x) => x && x !== id);
  if (on) ids.unshift(id);
  if (ids.length) node.setAttribute('aria-describedby', ids.join(' '));
  else node.removeAttribute('aria-describedby');
};

const positive = (value: string | null, fallback: number): number => {
  const n = parseInt(value ?? '', 10);
  return n > 0 ? n : fallback;
};

const init = (): void => {
  const form = byId<HTMLFormElement>('dsr-form');
  if (!form) return;
  const lang = pageLang();
  const t = TEXT[lang];
  const summary = byId('error-summary');
  const list = byId('changes-list');
  const addButton = byId<HTMLButtonElement>('add-change');
  const submitButton = byId<HTMLButtonElement>('submit-button');
  const verifyHours = positive(form.getAttribute('data-verify-hours'), DEFAULT_VERIFY_HOURS);
  const maxChanges = positive(form.getAttribute('data-max-changes'), LIMITS.formChanges);
  const contactEmail = form.getAttribute('data-contact-email') ?? '';
  let sending = false;
  let lastRowMap: number[] = [];

  form.noValidate = true;

  const selectedType = (): string => form.querySelector<HTMLInputElement>('input[name="type"]:checked')?.value ?? '';
  const updateConditional = (): void => {
    const type = selectedType();
    for (const section of all(form, '[data-show-for]')) section.hidden = section.getAttribute('data-show-for') !== type;
  };

  const rows = (): HTMLElement[] => (list ? all(list, '[data-change-row]') : []);
  const renumber = (): void => {
    const current = rows();
    const legendTemplate = list?.getAttribute('data-legend-template') ?? '{n}';
    const removeTemplate = list?.getAttribute('data-remove-template') ?? '{n}';
    current.forEach((row, i) => {
      const prefix = `changes-${i}-`;
      const legend = row.querySelector('[data-change-legend]');
      if (legend) legend.textContent = fmt(legendTemplate, { n: i + 1 });
      for (const part of CHANGE_PARTS) {
        const control = row.querySelector<Control>(`[data-part="${part}"]`);
        const label = row.querySelector<HTMLLabelElement>(`[data-part-label="${part}"]`);
        const hint = row.querySelector<HTMLElement>(`[data-part-hint="${part}"]`);
        const error = row.querySelector<HTMLElement>(`[data-part-error="${part}"]`);
        if (!control) continue;
        control.id = prefix + part;
        control.name = prefix + part;
        if (label) label.htmlFor = control.id;
        const ids: string[] = [];
        if (error) {
          error.id = `${control.id}-error`;
          if (!error.hidden) ids.push(error.id);
        }
        if (hint) {
          hint.id = `${control.id}-hint`;
          ids.push(hint.id);
        }
        if (ids.length) control.setAttribute('aria-describedby', ids.join(' '));
        else control.removeAttribute('aria-describedby');
      }
      const remove = row.querySelector<HTMLButtonElement>('[data-remove-change]');
      if (remove) {
        remove.textContent = fmt(removeTemplate, { n: i + 1 });
        remove.hidden = current.length < 2;
      }
    });
    if (addButton) addButton.hidden = current.length >= maxChanges;
  };

  const addRow = (): void => {
    const current = rows();
    const first = current[0];
    if (!list || !first || current.length >= maxChanges) return;
    const clone = first.cloneNode(true) as HTMLElement;
    for (const c of all<HTMLInputElement | HTMLTextAreaElement>(clone, 'input, textarea')) c.value = '';
    for (const c of all<HTMLSelectElement>(clone, 'select')) c.selectedIndex = 0;
    for (const e of all(clone, '[data-part-error]')) {
      e.textContent = '';
      e.hidden = true;
    }
    for (const c of all(clone, '[aria-invalid]')) c.removeAttribute('aria-invalid');
    for (const c of all(clone, '.has-error')) c.classList.remove('has-error');
    list.appendChild(clone);
    renumber();
    clone.querySelector<HTMLElement>('[data-part="field"]')?.focus();
  };

  const removeRow = (row: HTMLElement | null): void => {
    const current = rows();
    const index = row ? current.indexOf(row) : -1;
    if (!list || !row || index < 0 || current.length < 2) return;
    list.removeChild(row);
    renumber();
    const after = rows();
    const next = after[Math.min(index, after.length - 1)];
    const focusTarget = next ? next.querySelector<HTMLElement>('[data-part="field"]') : addButton;
    focusTarget?.focus();
  };

  const place = (key: string): Place | null => {
    const m = /^changes\.(\d+)\.(field|value|reason)$/.exec(key);
    if (m) {
      const id = `changes-${m[1]}-${m[2]}`;
      return byId(id) ? { focus: id, target: id, error: `${id}-error` } : (PLACES.changes ?? null);
    }
    return PLACES[key] ?? null;
  };
  const isShown = (node: HTMLElement): boolean => {
    for (let n: HTMLElement | null = node; n && n !== form; n = n.parentElement) if (n.hidden) return false;
    return true;
  };

  const clearErrors = (): void => {
    if (summary) {
      summary.hidden = true;
      summary.textContent = '';
    }
    for (const e of all(form, '.field-error')) {
      if (e.id) for (const n of all(form, '[aria-describedby]')) describedBy(n, e.id, false);
      e.hidden = true;
      e.textContent = '';
    }
    for (const n of all(form, '[aria-invalid]')) n.removeAttribute('aria-invalid');
    for (const n of all(form, '.has-error')) n.classList.remove('has-error');
    renumber();
  };

  const showErrors = (errors: FieldError[], general: string): void => {
    clearErrors();
    const seen = new Set<string>();
    const items: Array<{ focus: string; message: string }> = [];
    for (const e of errors) {
      if (seen.has(e.key)) continue;
      seen.add(e.key);
      const where = place(e.key);
      const target = where && byId(where.target);
      const slot = where && byId(where.error);
      const message = messageFor(t, e.key, e.kind);
      if (!where || !target || !slot || !isShown(target)) {
        general = general || t.badRequest;
        continue;
      }
      slot.textContent = '';
      slot.appendChild(el('span', `${t.errorPrefix} `, 'visually-hidden'));
      slot.appendChild(document.createTextNode(message));
      slot.hidden = false;
      describedBy(target, where.error, true);
      if (/^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName)) target.setAttribute('aria-invalid', 'true');
      target.closest('.field')?.classList.add('has-error');
      items.push({ focus: where.focus, message });
    }
    if (!summary) return;
    summary.textContent = '';
    if (items.length) {
      summary.appendChild(el('h2', t.summaryHeading));
      const ul = el('ul');
      for (const item of items) {
        const li = el('li');
        const a = el('a', item.message);
        a.href = `#${item.focus}`;
        a.addEventListener('click', (ev) => {
          const control = byId(item.focus);
          if (!control) return;
          ev.preventDefault();
          control.focus();
          const wrapper = control.closest('.field') ?? control;
          wrapper.scrollIntoView?.({ block: 'start' });
        });
        li.appendChild(a);
        ul.appendChild(li);
      }
      summary.appendChild(ul);
    }
    if (general) summary.appendChild(el('p', general));
    summary.hidden = false;
    summary.focus();
  };

  const generalError = (message: string): void => showErrors([], message);

  const setSending = (on: boolean): void => {
    sending = on;
    if (submitButton) {
      if (!submitButton.getAttribute('data-label')) submitButton.setAttribute('data-label', submitButton.textContent ?? '');
      submitButton.disabled = on;
      submitButton.textContent = on ? t.sending : submitButton.getAttribute('data-label');
    }
    if (on) form.setAttribute('aria-busy', 'true');
    else form.removeAttribute('aria-busy');
  };

  const collect = (): FormValues => {
    const value = (id: string): string => String(byId<HTMLInputElement>(id)?.value ?? '').trim();
    const languageInput = form.querySelector<HTMLInputElement>('input[name="language"]');
    const language = languageInput?.value === 'en' || languageInput?.value === 'fi' ? languageInput.value : lang;
    return {
      type: selectedType(),
      language,
      firstName: value('firstName'),
      lastName: value('lastName'),
      email: value('email'),
      details: value('details'),
      changes: rows().map((row) => {
        const part = (name: string): string => String(row.querySelector<Control>(`[data-part="${name}"]`)?.value ?? '').trim();
        return { field: part('field'), value: part('value'), reason: part('reason') };
      }),
      objections: all<HTMLInputElement>(form, 'input[name="objections"]:checked').map((c) => c.value),
      fullName: value('signature-fullName'),
      declaration: !!byId<HTMLInputElement>('signature-declaration')?.checked,
    };
  };

  const showDone = (email: string, data: unknown): void => {
    const section = el('section', null, 'result');
    section.id = 'result';
    section.setAttribute('aria-labelledby', 'result-heading');
    const heading = el('h2', t.done.heading);
    heading.id = 'result-heading';
    heading.tabIndex = -1;
    section.appendChild(heading);
    section.appendChild(el('h3', t.done.next));
    const ol = el('ol');
    for (const step of t.done.steps) ol.appendChild(el('li', fmt(step, { email, hours: hoursText(t, verifyHours) })));
    section.appendChild(ol);
    const requestId = data && typeof data === 'object' ? (data as { requestId?: unknown }).requestId : undefined;
    if (typeof requestId === 'string' && requestId) section.appendChild(el('p', fmt(t.done.reference, { id: requestId }), 'reference'));
    if (summary) {
      summary.hidden = true;
      summary.textContent = '';
    }
    form.parentNode?.replaceChild(section, form);
    heading.focus();
  };

  const handleResponse = (r: JsonAnswer, email: string): void => {
    if (r.ok) {
      showDone(email, r.data);
      return;
    }
    setSending(false);
    const error = r.data && typeof r.data === 'object' ? (r.data as { error?: unknown }).error : undefined;
    const issues = error && typeof error === 'object' ? (error as { issues?: unknown }).issues : undefined;
    if (r.status === 400 && Array.isArray(issues) && issues.length) {
      const mapped: FieldError[] = issues.map((issue: unknown) => {
        const i = issue && typeof issue === 'object' ? (issue as { path?: unknown; code?: unknown }) : {};
        return { key: issueKey(i.path, lastRowMap), kind: kindFor(i.code) };
      });
      const fieldErrors = mapped.filter((e) => e.key);
      showErrors(fieldErrors, fieldErrors.length < mapped.length || fieldErrors.length === 0 ? t.badRequest : '');
    } else if (r.status === 400) generalError(t.badRequest);
    else if (r.status === 413) generalError(t.tooLarge);
    else if (r.status === 429) generalError(t.tooMany);
    else generalError(t.failed + (contactEmail ? ` ${fmt(t.contactAfter, { email: contactEmail })}` : ''));
  };

  form.addEventListener('change', (ev) => {
    if ((ev.target as HTMLInputElement | null)?.name === 'type') updateConditional();
  });
  addButton?.addEventListener('click', addRow);
  list?.addEventListener('click', (ev) => {
    const button = (ev.target as Element | null)?.closest?.('[data-remove-change]');
    if (button) removeRow(button.closest<HTMLElement>('[data-change-row]'));
  });
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (sending) return;
    const values = collect();
    const errors = validate(values, maxChanges);
    if (errors.length) {
      showErrors(errors, '');
      return;
    }
    const built = buildBody(values);
    lastRowMap = built.rowMap;
    setSending(true);
    postJson('/requests', built.body)
      .then((r) => handleResponse(r, values.email))
      .catch(() => {
        setSending(false);
        generalError(t.network);
      });
  });

  updateConditional();
  renumber();
};

onReady(init);
