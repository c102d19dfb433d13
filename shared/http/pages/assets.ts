/**
 * Static assets of the public pages, served at /assets/{name}. Kept as strings so the pages
 * function needs no file system and the bundle carries them. No outside fonts, images or scripts:
 * the CSP allows only 'self'.
 *
 * The scripts are plain ES2017 in an IIFE. Their words come from the page modules (one place per
 * language); the language is read from <html lang>.
 */
import { STATUSES } from '../../domain/types';
import { CONFIRM_SCRIPT_TEXT } from './confirm';
import { CONSOLE_SCRIPT_TEXT } from './console';
import { DEFAULT_VERIFY_HOURS, FORM_SCRIPT_TEXT, MAX_CHANGES } from './form';

export interface Asset {
  contentType: string;
  body: string;
}

const css = `/* Wellflix data protection request pages. Plain, readable, no outside resources. */
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; color-scheme: light; }
body {
  margin: 0;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 1.0625rem;
  line-height: 1.55;
  color: #1a1a1a;
  background: #ffffff;
  overflow-wrap: break-word;
}
.wrap { max-width: 42rem; margin: 0 auto; padding: 0 1rem; }
a { color: #0b4f9c; text-decoration: underline; text-underline-offset: 0.15em; }
a:visited { color: #5a2d82; }
a:hover { color: #062f5f; text-decoration-thickness: 0.15em; }
:focus { outline: 3px solid #1d4ed8; outline-offset: 2px; }
:focus:not(:focus-visible) { outline: none; }
:focus-visible { outline: 3px solid #1d4ed8; outline-offset: 2px; }
a:focus-visible { background: #ffe98a; color: #1a1a1a; outline-color: #1a1a1a; }

.skip-link { position: absolute; left: 0.5rem; top: -10rem; padding: 0.5rem 0.75rem; background: #ffffff; color: #0b4f9c; z-index: 10; }
.skip-link:focus { top: 0.5rem; }

.site-header { background: #16324f; color: #ffffff; }
.header-inner { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 0.5rem 1rem; padding-top: 0.75rem; padding-bottom: 0.75rem; }
.brand { margin: 0; font-weight: 700; font-size: 1.125rem; }
.site-header a, .site-header a:visited { color: #ffffff; }
.site-header a:focus-visible { color: #1a1a1a; background: #ffe98a; outline-color: #ffe98a; }
.lang-switch ul { display: flex; gap: 0.25rem 1rem; margin: 0; padding: 0; list-style: none; }
.lang-switch a { display: inline-block; padding: 0.25rem 0; }
.lang-switch a[aria-current] { font-weight: 700; text-decoration-thickness: 0.15em; }

main { padding-top: 1.5rem; padding-bottom: 2.5rem; }
main:focus { outline: none; }
h1 { font-size: 1.75rem; line-height: 1.25; margin: 0 0 1rem; }
h2 { font-size: 1.375rem; line-height: 1.3; margin: 1.5rem 0 0.75rem; }
h3 { font-size: 1.125rem; margin: 1.25rem 0 0.5rem; }
p { margin: 0 0 1rem; }
.intro { margin-bottom: 1.5rem; }
.notice { padding: 0.75rem 1rem; border-left: 5px solid #16324f; background: #eef3f8; }

.site-footer { border-top: 1px solid #c8d0d8; background: #f4f6f8; color: #333333; font-size: 0.9375rem; }
.site-footer .wrap { padding-top: 1rem; padding-bottom: 1rem; }
.site-footer p { margin: 0 0 0.5rem; }
.site-footer .label { font-weight: 600; }

/* Form */
.dsr-form { margin: 0; }
fieldset { margin: 0; padding: 0; border: 0; min-width: 0; }
legend { padding: 0; font-weight: 700; font-size: 1.125rem; margin-bottom: 0.25rem; }
.field { margin: 0 0 1.5rem; }
.group > .field:last-child { margin-bottom: 0; }
label { display: block; font-weight: 600; margin-bottom: 0.25rem; }
.req, .opt { font-weight: 400; color: #4a4a4a; }
.hint { color: #4a4a4a; margin: 0 0 0.5rem; font-size: 1rem; }
input[type="text"], input[type="email"], select, textarea {
  display: block;
  width: 100%;
  max-width: 100%;
  min-height: 2.75rem;
  padding: 0.5rem 0.625rem;
  font: inherit;
  color: #1a1a1a;
  background: #ffffff;
  border: 2px solid #5c6670;
  border-radius: 4px;
}
textarea { min-height: 5rem; resize: vertical; }
input[type="text"]:focus, input[type="email"]:focus, select:focus, textarea:focus { border-color: #1d4ed8; }

.choices { margin-top: 0.5rem; }
.choice { display: grid; grid-template-columns: 1.5rem 1fr; column-gap: 0.75rem; align-items: start; margin: 0 0 0.875rem; }
.choice > input { grid-column: 1; grid-row: 1; width: 1.375rem; height: 1.375rem; margin: 0.15rem 0 0; accent-color: #16324f; }
.choice > label { grid-column: 2; grid-row: 1; margin: 0; cursor: pointer; }
.choice > .hint { grid-column: 2; margin: 0.125rem 0 0; }
.choice > .field-error { grid-column: 1 / -1; }
.field.choice { margin-bottom: 1.5rem; }
.field.choice > input { grid-row: 2; }
.field.choice > label { grid-row: 2; }
.field.choice > .field-error { grid-row: 1; }

.conditional { padding: 0.25rem 0 0.25rem 1rem; border-left: 4px solid #16324f; }
.changes { list-style: none; margin: 0 0 1rem; padding: 0; }
.change { margin: 0 0 1rem; padding: 0.75rem; border: 1px solid #c8d0d8; border-radius: 4px; background: #ffffff; }
.change-fieldset > legend { font-size: 1rem; }
.change .field { margin-bottom: 1rem; }

button { font: inherit; cursor: pointer; border-radius: 4px; min-height: 2.75rem; padding: 0.5rem 1.25rem; }
.button-primary { color: #ffffff; background: #16324f; border: 2px solid #16324f; font-weight: 700; }
.button-primary:hover { background: #0c1f33; }
.button-primary:disabled { background: #5c6670; border-color: #5c6670; cursor: progress; }
.button-secondary { color: #16324f; background: #ffffff; border: 2px solid #16324f; }
.button-secondary:hover { background: #eef3f8; }
.actions { margin-top: 2rem; }

/* Errors */
.field-error { color: #b00020; font-weight: 700; margin: 0 0 0.5rem; }
.has-error { border-left: 5px solid #b00020; padding-left: 0.75rem; }
.has-error > input, .has-error > select, .has-error > textarea, [aria-invalid="true"] { border-color: #b00020; }
.error-summary { margin: 0 0 1.5rem; padding: 1rem; border: 4px solid #b00020; background: #ffffff; }
.error-summary:focus { outline: 3px solid #1d4ed8; outline-offset: 2px; }
.error-summary h2 { margin-top: 0; font-size: 1.25rem; }
.error-summary ul { margin: 0; padding-left: 1.25rem; }
.error-summary li { margin-bottom: 0.25rem; }
.error-summary a, .error-summary a:visited { color: #b00020; font-weight: 700; }
.error-summary p:last-child { margin-bottom: 0; }

/* Results */
.result { padding: 1rem; border: 4px solid #1e6b34; background: #f1f8f3; }
.result h2 { margin-top: 0; }
.result h2:focus { outline: 3px solid #1d4ed8; outline-offset: 2px; }
.result ol { padding-left: 1.5rem; }
.result li { margin-bottom: 0.5rem; }
.result.result-warning { border-color: #8a5a00; background: #fff8e6; }
.reference { font-size: 0.9375rem; color: #333333; }
.next-step { margin-top: 1.5rem; }

.visually-hidden {
  position: absolute !important; width: 1px !important; height: 1px !important; padding: 0 !important; margin: -1px !important;
  overflow: hidden !important; clip: rect(0, 0, 0, 0) !important; white-space: nowrap !important; border: 0 !important;
}

@media (min-width: 40em) {
  h1 { font-size: 2rem; }
  main { padding-top: 2rem; }
}
@media (forced-colors: active) {
  .has-error { border-left-color: CanvasText; }
  .button-primary:disabled { border-color: GrayText; color: GrayText; }
}
@media print {
  .site-header, .lang-switch, .skip-link, .actions, #add-change, .remove-change { display: none !important; }
}
`;

/** Shared helpers of both scripts (plain JS source). */
const helpers = String.raw`
  function fmt(template, vars) {
    return String(template).replace(/\{(\w+)\}/g, function (m, key) {
      return Object.prototype.hasOwnProperty.call(vars, key) ? String(vars[key]) : m;
    });
  }
  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (className) node.className = className;
    return node;
  }
  function pageLang() {
    return document.documentElement.getAttribute('lang') === 'en' ? 'en' : 'fi';
  }
  function readJson(res) {
    return res.text().then(function (text) {
      var data = null;
      try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
      return { status: res.status, ok: res.ok, data: data };
    });
  }
  function postJson(url, body) {
    return fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
      body: JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
      redirect: 'error'
    }).then(readJson);
  }
  function onReady(fn) {
    if (typeof document === 'undefined') return;
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', fn);
    else fn();
  }
`;

const formJs = String.raw`/* Request form: shows the fields the chosen type needs, checks them, posts the JSON body. */
(function () {
  'use strict';
  var TEXT = ${JSON.stringify(FORM_SCRIPT_TEXT)};
  var DEFAULT_VERIFY_HOURS = ${DEFAULT_VERIFY_HOURS};
  var DEFAULT_MAX_CHANGES = ${MAX_CHANGES};
  var MAX_NAME = 200;
  var MAX_EMAIL = 254;
  var MAX_DETAILS = 2000;
  var EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
  var PARTS = ['field', 'value', 'reason'];
${helpers}
  function isBlankChange(c) {
    return !c.field && !c.value && !c.reason;
  }

  /* Checks collected values; returns [{ key, kind }] in page order. kind: required | tooLong | invalid. */
  function validate(v, maxChanges) {
    var errors = [];
    function text(key, value, max) {
      if (!value) errors.push({ key: key, kind: 'required' });
      else if (value.length > max) errors.push({ key: key, kind: 'tooLong' });
    }
    if (!v.type) errors.push({ key: 'type', kind: 'required' });
    text('firstName', v.firstName, MAX_NAME);
    text('lastName', v.lastName, MAX_NAME);
    if (!v.email) errors.push({ key: 'email', kind: 'required' });
    else if (v.email.length > MAX_EMAIL) errors.push({ key: 'email', kind: 'tooLong' });
    else if (!EMAIL_RE.test(v.email)) errors.push({ key: 'email', kind: 'invalid' });
    if (v.type === 'rectification') {
      var filled = 0;
      v.changes.forEach(function (c, i) {
        if (isBlankChange(c)) return;
        filled += 1;
        if (!c.field) errors.push({ key: 'changes.' + i + '.field', kind: 'required' });
        if (!c.value) errors.push({ key: 'changes.' + i + '.value', kind: 'required' });
        if (!c.reason) errors.push({ key: 'changes.' + i + '.reason', kind: 'required' });
      });
      if (filled === 0) errors.push({ key: 'changes', kind: 'required' });
      else if (filled > (maxChanges || DEFAULT_MAX_CHANGES)) errors.push({ key: 'changes', kind: 'tooLong' });
    }
    if (v.type === 'objection' && v.objections.length === 0) errors.push({ key: 'objections', kind: 'required' });
    if (v.details.length > MAX_DETAILS) errors.push({ key: 'details', kind: 'tooLong' });
    text('signature.fullName', v.fullName, MAX_NAME);
    if (v.declaration !== true) errors.push({ key: 'signature.declaration', kind: 'required' });
    return errors;
  }

  /* The POST /requests body, exactly as the contract has it; rowMap[i] is the form row of changes[i]. */
  function buildBody(v) {
    var body = { type: v.type, language: v.language, email: v.email, firstName: v.firstName, lastName: v.lastName };
    var rowMap = [];
    if (v.details) body.details = v.details;
    if (v.type === 'rectification') {
      body.changes = [];
      v.changes.forEach(function (c, i) {
        if (isBlankChange(c)) return;
        var change = { field: c.field, value: c.value };
        if (c.reason) change.reason = c.reason;
        body.changes.push(change);
        rowMap.push(i);
      });
    }
    if (v.type === 'objection') body.objections = v.objections.slice();
    body.signature = { fullName: v.fullName, declaration: true };
    return { body: body, rowMap: rowMap };
  }

  /* Maps a server issue path to a form key ('' when no field fits). */
  function issueKey(path, rowMap) {
    if (!Array.isArray(path) || path.length === 0) return '';
    var head = String(path[0]);
    if (head === 'changes') {
      if (path.length >= 3 && typeof path[1] === 'number' && PARTS.indexOf(String(path[2])) >= 0) {
        var row = rowMap && rowMap[path[1]] !== undefined ? rowMap[path[1]] : path[1];
        return 'changes.' + row + '.' + String(path[2]);
      }
      return 'changes';
    }
    if (head === 'signature') return path[1] === 'declaration' ? 'signature.declaration' : 'signature.fullName';
    if (['type', 'firstName', 'lastName', 'email', 'details', 'objections'].indexOf(head) >= 0) return head;
    return '';
  }

  /* Maps a validation issue code (zod) to the kind of message shown. */
  function kindFor(code) {
    switch (code) {
      case 'too_big': return 'tooLong';
      case 'too_small':
      case 'invalid_type':
      case 'invalid_value':
      case 'invalid_enum_value':
      case 'invalid_literal': return 'required';
      default: return 'invalid';
    }
  }

  function messageFor(t, key, kind) {
    var base = String(key).replace(/^changes\.\d+\./, 'changes.');
    var m = t.fields[base];
    if (!m) return t.invalidGeneric;
    return m[kind] || m.invalid || m.required || t.invalidGeneric;
  }

  function hoursText(t, hours) {
    return hours === 1 ? t.done.hoursOne : fmt(t.done.hoursMany, { n: hours });
  }

  var api = { validate: validate, buildBody: buildBody, issueKey: issueKey, kindFor: kindFor, messageFor: messageFor, hoursText: hoursText, fmt: fmt, TEXT: TEXT };
  var hook = typeof globalThis !== 'undefined' ? globalThis.__DSR_FORM_TEST__ : undefined;
  if (hook && typeof hook === 'object') { hook.api = api; return; }

  function init() {
    var form = document.getElementById('dsr-form');
    if (!form) return;
    var lang = pageLang();
    var t = TEXT[lang];
    var summary = document.getElementById('error-summary');
    var list = document.getElementById('changes-list');
    var addButton = document.getElementById('add-change');
    var submitButton = document.getElementById('submit-button');
    var verifyHours = parseInt(form.getAttribute('data-verify-hours') || '', 10);
    if (!(verifyHours > 0)) verifyHours = DEFAULT_VERIFY_HOURS;
    var maxChanges = parseInt(form.getAttribute('data-max-changes') || '', 10);
    if (!(maxChanges > 0)) maxChanges = DEFAULT_MAX_CHANGES;
    var contactEmail = form.getAttribute('data-contact-email') || '';
    var sending = false;
    var lastRowMap = [];

    form.noValidate = true;

    function byId(id) { return document.getElementById(id); }
    function all(root, selector) { return Array.prototype.slice.call(root.querySelectorAll(selector)); }

    function selectedType() {
      var checked = form.querySelector('input[name="type"]:checked');
      return checked ? checked.value : '';
    }
    function updateConditional() {
      var type = selectedType();
      all(form, '[data-show-for]').forEach(function (section) {
        section.hidden = section.getAttribute('data-show-for') !== type;
      });
    }

    /* aria-describedby lists: add or remove one id, keeping the others. */
    function describedBy(node, id, on) {
      var ids = (node.getAttribute('aria-describedby') || '').split(/\s+/).filter(function (x) { return x && x !== id; });
      if (on) ids.unshift(id);
      if (ids.length) node.setAttribute('aria-describedby', ids.join(' '));
      else node.removeAttribute('aria-describedby');
    }

    function rows() { return list ? all(list, '[data-change-row]') : []; }
    function renumber() {
      var current = rows();
      var legendTemplate = list.getAttribute('data-legend-template') || '{n}';
      var removeTemplate = list.getAttribute('data-remove-template') || '{n}';
      current.forEach(function (row, i) {
        var prefix = 'changes-' + i + '-';
        var legend = row.querySelector('[data-change-legend]');
        if (legend) legend.textContent = fmt(legendTemplate, { n: i + 1 });
        PARTS.forEach(function (part) {
          var control = row.querySelector('[data-part="' + part + '"]');
          var label = row.querySelector('[data-part-label="' + part + '"]');
          var hint = row.querySelector('[data-part-hint="' + part + '"]');
          var error = row.querySelector('[data-part-error="' + part + '"]');
          if (!control) return;
          control.id = prefix + part;
          control.name = prefix + part;
          if (label) label.htmlFor = control.id;
          var ids = [];
          if (error) {
            error.id = control.id + '-error';
            if (!error.hidden) ids.push(error.id);
          }
          if (hint) {
            hint.id = control.id + '-hint';
            ids.push(hint.id);
          }
          if (ids.length) control.setAttribute('aria-describedby', ids.join(' '));
          else control.removeAttribute('aria-describedby');
        });
        var remove = row.querySelector('[data-remove-change]');
        if (remove) {
          remove.textContent = fmt(removeTemplate, { n: i + 1 });
          remove.hidden = current.length < 2;
        }
      });
      if (addButton) addButton.hidden = current.length >= maxChanges;
    }

    function addRow() {
      var current = rows();
      if (current.length === 0 || current.length >= maxChanges) return;
      var clone = current[0].cloneNode(true);
      all(clone, 'input, textarea').forEach(function (c) { c.value = ''; });
      all(clone, 'select').forEach(function (c) { c.selectedIndex = 0; });
      all(clone, '[data-part-error]').forEach(function (e) { e.textContent = ''; e.hidden = true; });
      all(clone, '[aria-invalid]').forEach(function (c) { c.removeAttribute('aria-invalid'); });
      all(clone, '.has-error').forEach(function (c) { c.classList.remove('has-error'); });
      list.appendChild(clone);
      renumber();
      var first = clone.querySelector('[data-part="field"]');
      if (first) first.focus();
    }

    function removeRow(row) {
      var current = rows();
      var index = current.indexOf(row);
      if (index < 0 || current.length < 2) return;
      list.removeChild(row);
      renumber();
      var after = rows();
      var next = after[Math.min(index, after.length - 1)];
      var focusTarget = next ? next.querySelector('[data-part="field"]') : addButton;
      if (focusTarget) focusTarget.focus();
    }

    /* Where a key's message goes: the control to focus, the element described, the error slot. */
    var PLACES = {
      type: { focus: 'type-access', target: 'type-fieldset', error: 'type-error' },
      firstName: { focus: 'firstName', target: 'firstName', error: 'firstName-error' },
      lastName: { focus: 'lastName', target: 'lastName', error: 'lastName-error' },
      email: { focus: 'email', target: 'email', error: 'email-error' },
      details: { focus: 'details', target: 'details', error: 'details-error' },
      changes: { focus: 'changes-0-field', target: 'changes-fieldset', error: 'changes-error' },
      objections: { focus: 'objection-directMarketing', target: 'objections-fieldset', error: 'objections-error' },
      'signature.fullName': { focus: 'signature-fullName', target: 'signature-fullName', error: 'signature-fullName-error' },
      'signature.declaration': { focus: 'signature-declaration', target: 'signature-declaration', error: 'signature-declaration-error' }
    };
    function place(key) {
      var m = /^changes\.(\d+)\.(field|value|reason)$/.exec(key);
      if (m) {
        var id = 'changes-' + m[1] + '-' + m[2];
        return byId(id) ? { focus: id, target: id, error: id + '-error' } : PLACES.changes;
      }
      return PLACES[key] || null;
    }
    function isShown(node) {
      for (var n = node; n && n !== form; n = n.parentElement) if (n.hidden) return false;
      return true;
    }

    function clearErrors() {
      if (summary) { summary.hidden = true; summary.textContent = ''; }
      all(form, '.field-error').forEach(function (e) {
        if (e.id) all(form, '[aria-describedby]').forEach(function (n) { describedBy(n, e.id, false); });
        e.hidden = true;
        e.textContent = '';
      });
      all(form, '[aria-invalid]').forEach(function (n) { n.removeAttribute('aria-invalid'); });
      all(form, '.has-error').forEach(function (n) { n.classList.remove('has-error'); });
      renumber();
    }

    function showErrors(errors, general) {
      clearErrors();
      var seen = {};
      var items = [];
      errors.forEach(function (e) {
        if (seen[e.key]) return;
        seen[e.key] = true;
        var where = place(e.key);
        var target = where && byId(where.target);
        var slot = where && byId(where.error);
        var message = messageFor(t, e.key, e.kind);
        if (!where || !target || !slot || !isShown(target)) { general = general || t.badRequest; return; }
        slot.textContent = '';
        slot.appendChild(el('span', t.errorPrefix + ' ', 'visually-hidden'));
        slot.appendChild(document.createTextNode(message));
        slot.hidden = false;
        describedBy(target, where.error, true);
        if (/^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName)) target.setAttribute('aria-invalid', 'true');
        var wrapper = target.closest('.field');
        if (wrapper) wrapper.classList.add('has-error');
        items.push({ focus: where.focus, message: message });
      });
      if (!summary) return;
      summary.textContent = '';
      if (items.length) {
        summary.appendChild(el('h2', t.summaryHeading));
        var ul = el('ul');
        items.forEach(function (item) {
          var li = el('li');
          var a = el('a', item.message);
          a.href = '#' + item.focus;
          a.addEventListener('click', function (ev) {
            var control = byId(item.focus);
            if (!control) return;
            ev.preventDefault();
            control.focus();
            var wrapper = control.closest('.field') || control;
            if (wrapper.scrollIntoView) wrapper.scrollIntoView({ block: 'start' });
          });
          li.appendChild(a);
          ul.appendChild(li);
        });
        summary.appendChild(ul);
      }
      if (general) summary.appendChild(el('p', general));
      summary.hidden = false;
      summary.focus();
    }

    function generalError(message) { showErrors([], message); }

    function setSending(on) {
      sending = on;
      if (submitButton) {
        if (!submitButton.getAttribute('data-label')) submitButton.setAttribute('data-label', submitButton.textContent);
        submitButton.disabled = on;
        submitButton.textContent = on ? t.sending : submitButton.getAttribute('data-label');
      }
      if (on) form.setAttribute('aria-busy', 'true');
      else form.removeAttribute('aria-busy');
    }

    function collect() {
      function value(id) {
        var node = byId(id);
        return node ? String(node.value).trim() : '';
      }
      var languageInput = form.querySelector('input[name="language"]');
      var declaration = byId('signature-declaration');
      return {
        type: selectedType(),
        language: languageInput && languageInput.value === 'en' ? 'en' : (languageInput && languageInput.value === 'fi' ? 'fi' : lang),
        firstName: value('firstName'),
        lastName: value('lastName'),
        email: value('email'),
        details: value('details'),
        changes: rows().map(function (row) {
          function part(name) {
            var control = row.querySelector('[data-part="' + name + '"]');
            return control ? String(control.value).trim() : '';
          }
          return { field: part('field'), value: part('value'), reason: part('reason') };
        }),
        objections: all(form, 'input[name="objections"]:checked').map(function (c) { return c.value; }),
        fullName: value('signature-fullName'),
        declaration: !!(declaration && declaration.checked)
      };
    }

    function showDone(email, data) {
      var section = el('section', null, 'result');
      section.id = 'result';
      section.setAttribute('aria-labelledby', 'result-heading');
      var heading = el('h2', t.done.heading);
      heading.id = 'result-heading';
      heading.tabIndex = -1;
      section.appendChild(heading);
      section.appendChild(el('h3', t.done.next));
      var ol = el('ol');
      t.done.steps.forEach(function (step) {
        ol.appendChild(el('li', fmt(step, { email: email, hours: hoursText(t, verifyHours) })));
      });
      section.appendChild(ol);
      if (data && typeof data.requestId === 'string' && data.requestId) {
        section.appendChild(el('p', fmt(t.done.reference, { id: data.requestId }), 'reference'));
      }
      if (summary) { summary.hidden = true; summary.textContent = ''; }
      form.parentNode.replaceChild(section, form);
      heading.focus();
    }

    function handleResponse(r, email) {
      if (r.ok) { showDone(email, r.data); return; }
      setSending(false);
      var error = r.data && typeof r.data === 'object' && r.data.error && typeof r.data.error === 'object' ? r.data.error : null;
      if (r.status === 400 && error && Array.isArray(error.issues) && error.issues.length) {
        var mapped = error.issues.map(function (issue) {
          return { key: issueKey(issue && issue.path, lastRowMap), kind: kindFor(issue && issue.code) };
        });
        var fieldErrors = mapped.filter(function (e) { return e.key; });
        showErrors(fieldErrors, fieldErrors.length < mapped.length || fieldErrors.length === 0 ? t.badRequest : '');
      } else if (r.status === 400) generalError(t.badRequest);
      else if (r.status === 413) generalError(t.tooLarge);
      else if (r.status === 429) generalError(t.tooMany);
      else generalError(t.failed + (contactEmail ? ' ' + fmt(t.contactAfter, { email: contactEmail }) : ''));
    }

    form.addEventListener('change', function (ev) {
      if (ev.target && ev.target.name === 'type') updateConditional();
    });
    if (addButton) addButton.addEventListener('click', addRow);
    if (list) {
      list.addEventListener('click', function (ev) {
        var button = ev.target && ev.target.closest ? ev.target.closest('[data-remove-change]') : null;
        if (button) removeRow(button.closest('[data-change-row]'));
      });
    }
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      if (sending) return;
      var values = collect();
      var errors = validate(values, maxChanges);
      if (errors.length) { showErrors(errors, ''); return; }
      var built = buildBody(values);
      lastRowMap = built.rowMap;
      setSending(true);
      postJson('/requests', built.body)
        .then(function (r) { handleResponse(r, values.email); })
        .catch(function () { setSending(false); generalError(t.network); });
    });

    updateConditional();
    renumber();
  }

  onReady(init);
})();
`;

const confirmJs = String.raw`/* Confirm page: posts the token from data-token to /requests/verify and says what happened. */
(function () {
  'use strict';
  var TEXT = ${JSON.stringify(CONFIRM_SCRIPT_TEXT)};
${helpers}
  function init() {
    var form = document.getElementById('confirm-form');
    if (!form) return;
    var lang = pageLang();
    var t = TEXT[lang];
    var area = document.getElementById('confirm-area');
    var status = document.getElementById('confirm-status');
    var button = document.getElementById('confirm-button');
    var busy = false;
    var label = button ? button.textContent : '';

    function setBusy(on) {
      busy = on;
      if (button) {
        button.disabled = on;
        button.textContent = on ? t.sending : label;
      }
      if (on) form.setAttribute('aria-busy', 'true');
      else form.removeAttribute('aria-busy');
    }

    function fail(message) {
      setBusy(false);
      if (!status) return;
      status.textContent = '';
      status.appendChild(el('p', message));
      status.hidden = false;
      status.focus();
    }

    function replace(heading, paragraphs, link, warning) {
      var section = el('section', null, warning ? 'result result-warning' : 'result');
      section.setAttribute('aria-labelledby', 'result-heading');
      var h = el('h2', heading);
      h.id = 'result-heading';
      h.tabIndex = -1;
      section.appendChild(h);
      paragraphs.forEach(function (p) { section.appendChild(el('p', p)); });
      if (link) {
        var p = el('p');
        var a = el('a', link.text);
        a.href = link.href;
        p.appendChild(a);
        section.appendChild(p);
      }
      var host = area || form;
      host.parentNode.replaceChild(section, host);
      h.focus();
    }

    function invalid() {
      replace(t.invalid.heading, t.invalid.paragraphs, { href: '/?lang=' + lang, text: t.invalid.link }, true);
    }

    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      if (busy) return;
      var token = form.getAttribute('data-token') || '';
      if (!token) { invalid(); return; }
      if (status) { status.hidden = true; status.textContent = ''; }
      setBusy(true);
      postJson('/requests/verify', { token: token })
        .then(function (r) {
          var error = r.data && typeof r.data === 'object' && r.data.error && typeof r.data.error === 'object' ? r.data.error : null;
          if (r.ok) {
            form.removeAttribute('data-token');
            replace(t.done.heading, t.done.paragraphs, null, false);
          } else if (r.status === 429) fail(t.tooMany);
          else if ((error && error.code === 'invalid_or_expired_token') || r.status === 400 || r.status === 404 || r.status === 409 || r.status === 410) {
            form.removeAttribute('data-token');
            invalid();
          } else fail(t.failed);
        })
        .catch(function () { fail(t.network); });
    });
  }

  onReady(init);
})();
`;

/*
 * Spacing of <main> on every page: \`main { padding-top… }\` above loses to \`.wrap { padding: 0 1rem }\`
 * (a class beats a type selector), so headings touched the header and buttons the footer in the
 * browser test's screenshots. Restated with the class here rather than by editing the rule above.
 */
const mainSpacingCss = `
main.wrap { padding-top: 1.5rem; padding-bottom: 2.5rem; }
@media (min-width: 40em) {
  main.wrap { padding-top: 2rem; }
}
`;

/* Staff console (console.ts). Wider than the public pages: its tables have six columns. */
const consoleCss = `
/* Staff console */
body:has(.console) .wrap { max-width: 72rem; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.9375em; background: #eef3f8; padding: 0 0.25em; border-radius: 3px; }
.signin { max-width: 38rem; }
.signin textarea { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.875rem; word-break: break-all; }
.console-bar { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 0.5rem 1rem; padding: 0 0 0.75rem; margin: 0 0 1.25rem; border-bottom: 1px solid #c8d0d8; }
.signed-in-as { margin: 0; color: #333333; overflow-wrap: anywhere; }
.console-notice { margin: 0 0 1.5rem; padding: 0.75rem 1rem; border-left: 5px solid #1e6b34; background: #f1f8f3; }
.console-notice:empty { margin: 0; padding: 0; border: 0; }
.console-notice p:last-child { margin-bottom: 0; }
.console-notice:focus { outline: 3px solid #1d4ed8; outline-offset: 2px; }
/* Headings take focus only so a screen reader starts reading there; they are not controls. */
.console h2[tabindex="-1"]:focus, .console h4[tabindex="-1"]:focus { outline: none; }
.console-view h2 { margin-top: 0; }
.back-link { margin: 0 0 0.5rem; }
.console-toolbar { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1rem; margin: 0 0 1.5rem; }
.console-toolbar p { margin: 0; }
.filter-form { display: flex; flex-wrap: wrap; align-items: flex-end; gap: 0.5rem 1rem; margin: 0 0 1.5rem; }
.filter-form .field { margin: 0; max-width: 100%; }
.filter-form select { width: auto; max-width: 100%; }

.table-wrap { overflow-x: auto; margin: 0 0 1.5rem; }
.table-wrap:focus-visible { outline: 3px solid #1d4ed8; outline-offset: 2px; }
.data-table { width: 100%; border-collapse: collapse; font-size: 1rem; }
.data-table caption { text-align: left; font-weight: 700; padding: 0 0 0.5rem; }
.data-table th, .data-table td { text-align: left; vertical-align: top; padding: 0.5rem 0.75rem 0.5rem 0.5rem; border-bottom: 1px solid #c8d0d8; }
.data-table thead th { border-bottom: 2px solid #16324f; white-space: nowrap; }
.data-table tbody tr:hover { background: #f4f6f8; }
.data-table tr.is-overdue { background: #fdf0f1; }
.data-table tr.is-overdue > :first-child { box-shadow: inset 5px 0 0 #b00020; padding-left: 0.75rem; }
.data-table td.nowrap { white-space: nowrap; }
.ref { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.875rem; overflow-wrap: anywhere; }

.badge { display: inline-block; padding: 0 0.5rem; border: 2px solid currentColor; border-radius: 999px; font-weight: 700; font-size: 0.875rem; line-height: 1.5; white-space: nowrap; }
.badge-overdue, .badge-bad { color: #ffffff; background: #b00020; border-color: #b00020; }
.badge-soon { color: #4d3200; background: #fff3cd; border-color: #8a5a00; }
.badge-ok { color: #145226; background: #f1f8f3; border-color: #1e6b34; }
.badge-neutral { color: #333333; background: #f4f6f8; border-color: #5c6670; }
.days-closed { color: #4a4a4a; }

.panel { margin: 0 0 1.5rem; padding: 1rem; border: 1px solid #c8d0d8; border-radius: 4px; }
.panel > h3 { margin-top: 0; }
.details-list { display: grid; grid-template-columns: minmax(8rem, 15rem) minmax(0, 1fr); gap: 0.375rem 1rem; margin: 0; }
.details-list > div { display: contents; }
.details-list dt { font-weight: 600; }
.details-list dd { margin: 0; }
.details-list dd p { margin: 0 0 0.25rem; }
.details-list + p, .details-list + .notice { margin-top: 1rem; }
.plain-list { margin: 0; padding-left: 1.25rem; }
.plain-list li { margin-bottom: 0.25rem; }
.customer-record { margin-top: 1rem; }
.customer-record h4 { margin: 0 0 0.5rem; font-size: 1.0625rem; }

.actions-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 17rem), 1fr)); gap: 1rem; }
.action { display: flex; flex-direction: column; padding: 1rem; border: 1px solid #c8d0d8; border-radius: 4px; background: #f8fafc; }
.action h4 { margin: 0 0 0.5rem; font-size: 1.0625rem; }
.action .field { margin-bottom: 1rem; }
.action > button, .action .action-submit { margin-top: auto; align-self: flex-start; }
.button-danger { color: #ffffff; background: #8e0018; border: 2px solid #8e0018; font-weight: 700; }
.button-danger:hover { background: #5f0010; }
.button-danger:disabled, .button-secondary:disabled { cursor: progress; }

@media (max-width: 40em) {
  .details-list { grid-template-columns: minmax(0, 1fr); gap: 0; }
  .details-list dd { margin-bottom: 0.625rem; }
}
@media (forced-colors: active) {
  .badge { border-color: CanvasText; }
  .data-table tr.is-overdue > :first-child { border-left: 5px solid CanvasText; }
}
@media print {
  .console-bar, .console-toolbar, .panel-actions, #customer-button { display: none !important; }
}
`;

const consoleJs = String.raw`/* Staff console: sign-in (pasted token or Cognito hosted sign-in with PKCE; the token kept in
   sessionStorage only), request list, one request, decisions. */
(function () {
  'use strict';
  var TEXT = ${JSON.stringify(CONSOLE_SCRIPT_TEXT)};
  var STATUSES = ${JSON.stringify(STATUSES)};
  var OPEN_STATUSES = ['verified', 'awaiting_decision', 'approved'];
  var CLOSED_STATUSES = ['completed', 'refused', 'expired'];
  /* Statuses the processor moves on by itself: the request view follows them. */
  var WORKING_STATUSES = ['verified', 'approved'];
  var TOKEN_KEY = 'dsr.staffToken';
  /* Hosted sign-in: the PKCE verifier, state and return address kept over the round trip. */
  var PENDING_KEY = 'dsr.signinPending';
  /* A sign-in notice that must outlive a page load (the hosted UI's redirects): what to say, and where. */
  var NOTICE_KEY = 'dsr.signinNotice';
  var CONSOLE_ADDRESS_RE = /^\/admin(\?[^#]*)?$/;
  /* Marks a token fresh from the hosted UI across the one reload into the sign-in's language. */
  var FRESH_KEY = 'dsr.signedInJustNow';
  var ID_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
  var TOKEN_RE = /^[A-Za-z0-9_.-]{1,4096}$/;
  var ZONE = 'Europe/Helsinki';
  var AUTO_REFRESH_MS = 1500;
  var AUTO_REFRESH_MAX = 40;
  /* Thrown through promise chains once a 401 has sent the user back to sign-in. */
  var SIGNED_OUT = { signedOut: true };
${helpers}
  function init() {
    var root = document.getElementById('console');
    if (!root) return;
    var lang = pageLang();
    var t = TEXT[lang];
    var R = t.request;
    var A = t.actions;
    var C = t.customer;
    var alertBox = byId('console-alert');
    var notice = byId('console-notice');
    var signin = byId('signin');
    var signinHeading = byId('signin-heading');
    var signinForm = byId('signin-form');
    var hostedButton = byId('signin-hosted');
    /* Hosted sign-in (AWS): the Cognito domain, the console's public client and its callback. */
    var auth = root.getAttribute('data-auth-domain')
      ? { domain: root.getAttribute('data-auth-domain'), clientId: root.getAttribute('data-client-id') || '', redirectUri: root.getAttribute('data-redirect-uri') || '' }
      : null;
    var tokenInput = byId('staff-token');
    var tokenError = byId('staff-token-error');
    var bar = byId('console-bar');
    var signedInAs = byId('signed-in-as');
    var signOutButton = byId('sign-out');
    var view = byId('view');
    var baseTitle = document.title;
    var memoryToken = '';
    var justSignedIn = false;
    var viewGen = 0;
    var timer = 0;
    var deciding = false;
    var openCustomer = '';
    var listStatus = '';

    function byId(id) { return document.getElementById(id); }
    function text(s) { return document.createTextNode(s); }
    function name(map, key) { return Object.prototype.hasOwnProperty.call(map, key) ? map[key] : String(key); }

    /* ---- the token: this tab's sessionStorage, nowhere else ---- */
    function readToken() {
      try { return window.sessionStorage.getItem(TOKEN_KEY) || ''; } catch (e) { return memoryToken; }
    }
    function writeToken(value) {
      memoryToken = value;
      try {
        if (value) window.sessionStorage.setItem(TOKEN_KEY, value);
        else window.sessionStorage.removeItem(TOKEN_KEY);
      } catch (e) { /* storage turned off: the token lives in this page only */ }
    }
    /* Who the token names, for the "signed in" line only; the API checks the token itself. */
    function tokenIdentity(token) {
      try {
        var part = (token.split('.')[1] || '').replace(/-/g, '+').replace(/_/g, '/');
        while (part.length % 4) part += '=';
        var binary = atob(part);
        var bytes = new Uint8Array(binary.length);
        for (var i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
        var claims = JSON.parse(new TextDecoder().decode(bytes));
        var who = claims.email || claims['cognito:username'] || claims.sub;
        return typeof who === 'string' ? who : '';
      } catch (e) { return ''; }
    }

    /* ---- the staff API ---- */
    function api(method, path, body) {
      var token = readToken();
      if (!token) { toSignIn(t.sessionEnded, false); return Promise.reject(SIGNED_OUT); }
      var headers = { 'Accept': 'application/json', 'Authorization': 'Bearer ' + token };
      var init = { method: method, headers: headers, credentials: 'omit', cache: 'no-store', redirect: 'error' };
      if (body) {
        headers['Content-Type'] = 'application/json';
        init.body = JSON.stringify(body);
      }
      return fetch(path, init).then(readJson).then(function (r) {
        if (r.status === 401) {
          var rejected = justSignedIn;
          writeToken('');
          if (auth) toSignIn(rejected ? t.hosted.rejected : t.sessionEnded, false);
          else toSignIn(rejected ? t.tokenRejected : t.sessionEnded, rejected);
          throw SIGNED_OUT;
        }
        justSignedIn = false;
        return r;
      });
    }
    function requestPath(id) { return '/admin/requests/' + encodeURIComponent(id); }

    /* ---- messages ---- */
    function clearMessages() {
      alertBox.hidden = true;
      alertBox.textContent = '';
      notice.textContent = '';
    }
    function showAlert(message) {
      alertBox.textContent = '';
      var p = el('p');
      p.appendChild(el('span', t.errorPrefix + ' ', 'visually-hidden'));
      p.appendChild(text(message));
      alertBox.appendChild(p);
      alertBox.hidden = false;
      alertBox.focus();
    }
    function showNotice(message, focus, append) {
      if (!append) notice.textContent = '';
      notice.appendChild(el('p', message));
      if (focus) notice.focus();
    }
    function loadFailed(gen) {
      return function (err) {
        if (err === SIGNED_OUT || gen !== viewGen) return;
        var busy = view.querySelector('[aria-busy]');
        if (busy) { busy.removeAttribute('aria-busy'); busy.textContent = ''; }
        showAlert(err instanceof TypeError ? t.network : t.failed);
      };
    }

    /* ---- dates and deadlines, on the Finnish calendar ---- */
    var locale = lang === 'fi' ? 'fi-FI' : 'en-GB';
    var dateFmt = new Intl.DateTimeFormat(locale, { timeZone: ZONE, day: 'numeric', month: lang === 'fi' ? 'numeric' : 'short', year: 'numeric' });
    var plainDateFmt = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', day: 'numeric', month: lang === 'fi' ? 'numeric' : 'short', year: 'numeric' });
    var timeFmt = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    var dayFmt = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
    function parseDate(iso) {
      var d = new Date(iso);
      return typeof iso === 'string' && !isNaN(d.getTime()) ? d : null;
    }
    function formatDate(iso) {
      var d = parseDate(iso);
      if (!d) return iso ? String(iso) : '–';
      return (/^\d{4}-\d{2}-\d{2}$/.test(iso) ? plainDateFmt : dateFmt).format(d);
    }
    function formatDateTime(iso) {
      var d = parseDate(iso);
      if (!d || /^\d{4}-\d{2}-\d{2}$/.test(iso)) return formatDate(iso);
      var hm = timeFmt.format(d).split(':');
      return lang === 'fi' ? dateFmt.format(d) + ' klo ' + hm[0] + '.' + hm[1] : dateFmt.format(d) + ', ' + hm[0] + ':' + hm[1];
    }
    function dayNumber(d) {
      var v = {};
      dayFmt.formatToParts(d).forEach(function (p) { v[p.type] = p.value; });
      return Math.round(Date.UTC(Number(v.year), Number(v.month) - 1, Number(v.day)) / 86400000);
    }
    function isOverdue(status, dueAt) {
      var due = parseDate(dueAt);
      return CLOSED_STATUSES.indexOf(status) < 0 && !!due && due.getTime() < Date.now();
    }
    /* Days left in words, with a text badge when late or close: never colour alone. */
    function timeLeft(status, dueAt) {
      var span = el('span', null, 'days');
      var due = parseDate(dueAt);
      if (CLOSED_STATUSES.indexOf(status) >= 0) { span.className = 'days days-closed'; span.textContent = t.days.closed; return span; }
      if (!due) { span.textContent = '–'; return span; }
      var now = new Date();
      var diff = dayNumber(due) - dayNumber(now);
      if (due.getTime() < now.getTime()) {
        span.className = 'days days-overdue';
        span.appendChild(el('strong', t.days.overdue, 'badge badge-overdue'));
        if (diff <= -1) span.appendChild(text(' ' + (diff === -1 ? t.days.overdueOne : fmt(t.days.overdueMany, { n: -diff }))));
        return span;
      }
      if (diff <= 0) {
        span.className = 'days days-soon';
        span.appendChild(el('strong', t.days.today, 'badge badge-soon'));
        return span;
      }
      var left = diff === 1 ? t.days.leftOne : fmt(t.days.leftMany, { n: diff });
      if (diff <= 7) {
        span.className = 'days days-soon';
        span.appendChild(el('strong', t.days.soon, 'badge badge-soon'));
        span.appendChild(text(' ' + left));
        return span;
      }
      span.textContent = left;
      return span;
    }

    /* ---- small builders ---- */
    function heading(level, words, id) {
      var h = el('h' + level, words);
      if (id) h.id = id;
      return h;
    }
    function section(key, title) {
      var s = el('section', null, 'panel panel-' + key);
      var h = heading(3, title, 'section-' + key);
      s.setAttribute('aria-labelledby', h.id);
      s.appendChild(h);
      return s;
    }
    function row(dl, label, value, id) {
      var group = el('div');
      group.appendChild(el('dt', label));
      var dd = el('dd');
      if (id) dd.id = id;
      if (value && typeof value === 'object') dd.appendChild(value);
      else dd.textContent = value === undefined || value === null || value === '' ? '–' : String(value);
      group.appendChild(dd);
      dl.appendChild(group);
      return dd;
    }
    function list(items) {
      var ul = el('ul', null, 'plain-list');
      items.forEach(function (item) {
        var li = el('li');
        if (item && typeof item === 'object') li.appendChild(item); else li.textContent = String(item);
        ul.appendChild(li);
      });
      return ul;
    }
    function badge(words, kind) { return el('strong', words, 'badge badge-' + kind); }
    function withBadge(words, kind, rest) {
      var span = el('span');
      span.appendChild(badge(words, kind));
      if (rest) span.appendChild(text(' ' + rest));
      return span;
    }
    function table(captionText, captionId, columns, className) {
      var wrap = el('div', null, 'table-wrap');
      wrap.setAttribute('role', 'region');
      wrap.setAttribute('aria-labelledby', captionId);
      wrap.tabIndex = 0;
      var tbl = el('table', null, 'data-table ' + className);
      var caption = el('caption', captionText);
      caption.id = captionId;
      tbl.appendChild(caption);
      var thead = el('thead');
      var tr = el('tr');
      columns.forEach(function (c) {
        var th = el('th', c);
        th.scope = 'col';
        tr.appendChild(th);
      });
      thead.appendChild(tr);
      tbl.appendChild(thead);
      var tbody = el('tbody');
      tbl.appendChild(tbody);
      wrap.appendChild(tbl);
      return { wrap: wrap, tbody: tbody };
    }
    function cell(tr, content, className) {
      var td = el('td', null, className);
      if (content && typeof content === 'object') td.appendChild(content); else td.textContent = content === undefined || content === null ? '' : String(content);
      tr.appendChild(td);
      return td;
    }

    /* ---- navigation: ?request=<id> opens a request (the contact person's mail links there) ---- */
    function query() { return new URLSearchParams(window.location.search); }
    function hrefFor(params) {
      var q = new URLSearchParams();
      if (lang === 'en' || query().has('lang')) q.set('lang', lang);
      Object.keys(params).forEach(function (k) { if (params[k]) q.set(k, params[k]); });
      var s = q.toString();
      return window.location.pathname + (s ? '?' + s : '');
    }
    function go(params) {
      clearMessages();
      window.history.pushState(null, '', hrefFor(params));
      route(true);
    }
    function link(words, params) {
      var a = el('a', words);
      a.href = hrefFor(params);
      a.addEventListener('click', function (ev) {
        if (ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
        ev.preventDefault();
        go(params);
      });
      return a;
    }
    /* The language switch keeps the view (the server renders it for the first URL only). */
    function syncLanguageLinks() {
      Array.prototype.slice.call(document.querySelectorAll('.lang-switch a[hreflang]')).forEach(function (a) {
        var q = query();
        q.set('lang', a.getAttribute('hreflang'));
        a.href = '?' + q.toString();
      });
    }
    function setTitle(part) { document.title = part + ' – ' + baseTitle; }
    function newView() {
      viewGen += 1;
      if (timer) { clearTimeout(timer); timer = 0; }
      return viewGen;
    }
    function route(focus) {
      syncLanguageLinks();
      var token = readToken();
      if (!token) { toSignIn('', false); return; }
      signin.hidden = true;
      bar.hidden = false;
      view.hidden = false;
      var who = tokenIdentity(token);
      signedInAs.textContent = who ? fmt(t.signedInAs, { who: who }) : '';
      var id = query().get('request');
      if (id && ID_RE.test(id)) showRequest(id, { focus: focus });
      else showList(focus);
    }

    /* ---- sign-in and sign-out ---- */
    function setTokenError(message) {
      if (!tokenInput) return;
      var field = byId('staff-token-field');
      if (!message) {
        tokenError.hidden = true;
        tokenError.textContent = '';
        tokenInput.removeAttribute('aria-invalid');
        tokenInput.setAttribute('aria-describedby', 'staff-token-hint');
        if (field) field.classList.remove('has-error');
        return;
      }
      tokenError.textContent = '';
      tokenError.appendChild(el('span', t.errorPrefix + ' ', 'visually-hidden'));
      tokenError.appendChild(text(message));
      tokenError.hidden = false;
      tokenInput.setAttribute('aria-invalid', 'true');
      tokenInput.setAttribute('aria-describedby', 'staff-token-error staff-token-hint');
      if (field) field.classList.add('has-error');
    }
    function toSignIn(message, asFieldError) {
      newView();
      view.textContent = '';
      openCustomer = '';
      bar.hidden = true;
      view.hidden = true;
      signin.hidden = false;
      signedInAs.textContent = '';
      setTitle(signinHeading.textContent);
      clearMessages();
      setTokenError('');
      if (message && asFieldError) {
        setTokenError(message);
        tokenInput.focus();
      } else if (message) {
        showNotice(message, false);
        signinHeading.focus();
      }
    }
    if (signinForm) signinForm.addEventListener('submit', function (ev) {
      ev.preventDefault();
      var token = String(tokenInput.value).trim().replace(/^Bearer\s+/i, '');
      if (!token) { setTokenError(t.tokenRequired); tokenInput.focus(); return; }
      if (!TOKEN_RE.test(token)) { setTokenError(t.tokenMalformed); tokenInput.focus(); return; }
      setTokenError('');
      tokenInput.value = '';
      writeToken(token);
      justSignedIn = true;
      clearMessages();
      route(true);
    });
    signOutButton.addEventListener('click', function () {
      writeToken('');
      if (auth) {
        /* End the hosted UI's own session too, so the next person at this computer must sign in. */
        storage(NOTICE_KEY, JSON.stringify({ key: 'signedOut', address: consoleAddress(query()) }));
        window.location.assign(auth.domain + '/logout?' + new URLSearchParams({ client_id: auth.clientId, logout_uri: auth.redirectUri }).toString());
        return;
      }
      toSignIn(t.signedOut, false);
    });

    /* ---- hosted sign-in: authorization code with PKCE (RFC 7636) ---- */
    /* Reads (and with take, removes) or writes a sessionStorage entry; null when storage is off. */
    function storage(key, value, take) {
      try {
        if (value !== undefined) { window.sessionStorage.setItem(key, value); return value; }
        var v = window.sessionStorage.getItem(key);
        if (take) window.sessionStorage.removeItem(key);
        return v;
      } catch (e) { return null; }
    }
    function base64url(bytes) {
      var s = '';
      for (var i = 0; i < bytes.length; i += 1) s += String.fromCharCode(bytes[i]);
      return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    }
    function randomString() {
      var bytes = new Uint8Array(32);
      window.crypto.getRandomValues(bytes);
      return base64url(bytes);
    }
    /* Where to land after the round trip: this console page, its language and open request only. */
    function consoleAddress(params) {
      var q = new URLSearchParams();
      ['lang', 'request'].forEach(function (k) { if (params.get(k)) q.set(k, params.get(k)); });
      var s = q.toString();
      return '/admin' + (s ? '?' + s : '');
    }
    function langOf(address) {
      return new URLSearchParams(address.split('?')[1] || '').get('lang') === 'en' ? 'en' : 'fi';
    }
    function startHostedSignIn() {
      clearMessages();
      var canHash = window.crypto && window.crypto.subtle && window.TextEncoder;
      var verifier = canHash ? randomString() : '';
      var state = canHash ? randomString() : '';
      var pending = JSON.stringify({ state: state, verifier: verifier, returnTo: consoleAddress(query()) });
      if (!canHash || storage(PENDING_KEY, pending) === null) { showAlert(t.hosted.unsupported); return; }
      hostedButton.disabled = true;
      showNotice(t.hosted.redirecting, false);
      window.crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)).then(function (digest) {
        window.location.assign(auth.domain + '/oauth2/authorize?' + new URLSearchParams({
          response_type: 'code',
          client_id: auth.clientId,
          redirect_uri: auth.redirectUri,
          scope: 'openid email',
          state: state,
          code_challenge: base64url(new Uint8Array(digest)),
          code_challenge_method: 'S256'
        }).toString());
      }).catch(function () {
        hostedButton.disabled = false;
        showAlert(t.hosted.unsupported);
      });
    }
    if (hostedButton) hostedButton.addEventListener('click', startHostedSignIn);
    /* Back from the hosted UI with the browser's Back button: the page comes from the cache as it was left. */
    window.addEventListener('pageshow', function (ev) {
      if (!ev.persisted || !hostedButton || !hostedButton.disabled) return;
      hostedButton.disabled = false;
      clearMessages();
    });

    /*
     * Back from the hosted UI with ?code=&state= (or ?error=): the code leaves the address bar at
     * once, the state must be the one this tab sent, and the code is traded for tokens with the
     * verifier only this tab holds. Returns true when it took over the page.
     */
    function completeHostedSignIn() {
      var q = query();
      var code = q.get('code');
      var error = q.get('error');
      if (!code && !error) return false;
      var pending = null;
      try { pending = JSON.parse(storage(PENDING_KEY, undefined, true) || 'null'); } catch (e) { pending = null; }
      var back = pending && typeof pending.returnTo === 'string' && CONSOLE_ADDRESS_RE.test(pending.returnTo) ? pending.returnTo : consoleAddress(q);
      window.history.replaceState(null, '', back);
      /* A code this tab did not ask for, while already signed in: dropped, and the console goes on. */
      if (!pending && readToken()) return false;
      if (error || !pending || !pending.verifier || q.get('state') !== pending.state) {
        roundTripFailed(error === 'access_denied' ? 'cancelled' : 'failed', back);
        return true;
      }
      signin.hidden = true;
      showNotice(t.hosted.completing, false);
      fetch(auth.domain + '/oauth2/token', {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Accept': 'application/json' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          client_id: auth.clientId,
          code: code,
          redirect_uri: auth.redirectUri,
          code_verifier: pending.verifier
        }).toString(),
        credentials: 'omit',
        cache: 'no-store',
        redirect: 'error'
      }).then(readJson).then(function (r) {
        /* The ID token: it names the person (email), and the staff API's authorizer accepts it. */
        var token = r.ok && r.data ? r.data.id_token : '';
        if (typeof token !== 'string' || !TOKEN_RE.test(token)) { roundTripFailed('failed', back); return; }
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
      }).catch(function () { toSignIn(t.network, false); });
      return true;
    }
    function roundTripFailed(key, back) {
      if (storage(NOTICE_KEY, JSON.stringify({ key: key, address: back })) === null || !showStoredNotice()) toSignIn(t.hosted[key], false);
    }
    /*
     * Says what the hosted round trip ended in (signed out, cancelled, failed) on the console page
     * it began from, in that page's language: the hosted UI always sends us back to the bare
     * /admin, which is Finnish, so a page in English is loaded once more first.
     */
    function showStoredNotice() {
      var n = null;
      try { n = JSON.parse(storage(NOTICE_KEY, undefined, true) || 'null'); } catch (e) { n = null; }
      var words = { signedOut: t.signedOut, cancelled: t.hosted.cancelled, failed: t.hosted.failed };
      if (!n || typeof n.address !== 'string' || !CONSOLE_ADDRESS_RE.test(n.address) || !Object.prototype.hasOwnProperty.call(words, n.key)) return false;
      if (langOf(n.address) !== lang && !n.moved) {
        storage(NOTICE_KEY, JSON.stringify({ key: n.key, address: n.address, moved: true }));
        window.location.replace(n.address);
        return true;
      }
      window.history.replaceState(null, '', n.address);
      toSignIn(words[n.key], false);
      return true;
    }

    /* ---- the list of requests ---- */
    function listFilter() {
      var s = query().get('status');
      return s === 'all' || STATUSES.indexOf(s) >= 0 ? s : 'open';
    }
    function byDue(a, b) {
      return String(a.dueAt).localeCompare(String(b.dueAt)) || String(a.requestId).localeCompare(String(b.requestId));
    }
    function showList(focus) {
      var gen = newView();
      var filter = listFilter();
      listStatus = filter === 'open' ? '' : filter;
      openCustomer = '';
      setTitle(t.list.title);
      view.textContent = '';
      var h = heading(2, t.list.heading, 'view-heading');
      h.tabIndex = -1;
      view.appendChild(h);

      var form = el('form', null, 'filter-form');
      form.noValidate = true;
      var field = el('div', null, 'field');
      var label = el('label', t.list.filterLabel);
      label.htmlFor = 'status-filter';
      var select = el('select');
      select.id = 'status-filter';
      [['open', t.list.open], ['all', t.list.all]].concat(STATUSES.map(function (s) { return [s, name(t.statuses, s)]; })).forEach(function (o) {
        var option = el('option', o[1]);
        option.value = o[0];
        option.selected = o[0] === filter;
        select.appendChild(option);
      });
      field.appendChild(label);
      field.appendChild(select);
      form.appendChild(field);
      var show = el('button', t.list.show, 'button-secondary');
      show.type = 'submit';
      form.appendChild(show);
      form.addEventListener('submit', function (ev) {
        ev.preventDefault();
        go({ status: select.value === 'open' ? '' : select.value });
      });
      view.appendChild(form);

      var holder = el('div');
      holder.setAttribute('aria-busy', 'true');
      holder.appendChild(el('p', t.loading));
      view.appendChild(holder);
      if (focus) h.focus();

      var paths = filter === 'open'
        ? OPEN_STATUSES.map(function (s) { return '/admin/requests?status=' + s; })
        : [filter === 'all' ? '/admin/requests' : '/admin/requests?status=' + encodeURIComponent(filter)];
      Promise.all(paths.map(function (p) { return api('GET', p); })).then(function (results) {
        if (gen !== viewGen) return;
        var items = [];
        var seen = {};
        for (var i = 0; i < results.length; i += 1) {
          var r = results[i];
          if (!r.ok || !r.data || !Array.isArray(r.data.items)) throw new Error('list');
          r.data.items.forEach(function (item) {
            if (!item || seen[item.requestId]) return;
            seen[item.requestId] = true;
            items.push(item);
          });
        }
        items.sort(byDue);
        holder.removeAttribute('aria-busy');
        holder.textContent = '';
        holder.appendChild(el('p', items.length === 1 ? t.list.countOne : fmt(t.list.countMany, { n: items.length }), 'list-count'));
        if (!items.length) { holder.appendChild(el('p', t.list.empty)); return; }
        var caption = filter === 'open' ? t.list.captionOpen : filter === 'all' ? t.list.captionAll : fmt(t.list.captionStatus, { status: name(t.statuses, filter) });
        var c = t.list.columns;
        var tbl = table(caption, 'requests-caption', [c.type, c.status, c.received, c.due, c.left, c.id], 'requests-table');
        items.forEach(function (item) {
          var tr = el('tr');
          tr.setAttribute('data-request-id', item.requestId);
          if (isOverdue(item.status, item.dueAt)) tr.className = 'is-overdue';
          cell(tr, link(name(t.types, item.type), { request: item.requestId }));
          cell(tr, name(t.statuses, item.status));
          cell(tr, formatDate(item.receivedAt), 'nowrap');
          cell(tr, formatDate(item.dueAt), 'nowrap');
          cell(tr, timeLeft(item.status, item.dueAt), 'nowrap');
          cell(tr, el('span', item.requestId, 'ref'));
          tbl.tbody.appendChild(tr);
        });
        holder.appendChild(tbl.wrap);
      }).catch(loadFailed(gen));
    }

    /* ---- one request ---- */
    function showRequest(id, opts) {
      var gen = newView();
      if (!opts.refresh) {
        openCustomer = '';
        view.textContent = '';
        var back = el('p', null, 'back-link');
        back.appendChild(link(R.back, { status: listStatus }));
        view.appendChild(back);
        var holder = el('div');
        holder.setAttribute('aria-busy', 'true');
        holder.appendChild(el('p', t.loading));
        view.appendChild(holder);
      }
      api('GET', requestPath(id)).then(function (r) {
        if (gen !== viewGen) return;
        if (r.status === 404) { renderNotFound(opts); return; }
        if (!r.ok || !r.data || typeof r.data !== 'object') throw new Error('request');
        renderRequest(r.data, opts, gen);
      }).catch(loadFailed(gen));
    }
    function renderNotFound(opts) {
      view.textContent = '';
      setTitle(R.notFound);
      var h = heading(2, R.notFound, 'view-heading');
      h.tabIndex = -1;
      view.appendChild(h);
      var p = el('p');
      p.appendChild(link(R.back, { status: listStatus }));
      view.appendChild(p);
      if (opts.focus) h.focus();
    }

    function renderRequest(req, opts, gen) {
      /* A refresh keeps where the user was: focus and any reasons being written. */
      var active = document.activeElement;
      var focusedId = active && active.id && view.contains(active) ? active.id : '';
      var kept = {};
      ['refuse-reason', 'extend-reason'].forEach(function (k) { var n = byId(k); if (n && n.value) kept[k] = n.value; });

      view.textContent = '';
      var typeName = name(t.types, req.type);
      setTitle(fmt(R.title, { type: typeName }));
      var back = el('p', null, 'back-link');
      back.appendChild(link(R.back, { status: listStatus }));
      view.appendChild(back);
      var h = heading(2, fmt(R.title, { type: typeName }), 'view-heading');
      h.tabIndex = -1;
      view.appendChild(h);

      var toolbar = el('div', null, 'console-toolbar');
      toolbar.appendChild(el('p', fmt(R.reference, { id: req.requestId }), 'ref'));
      var refresh = el('button', R.refresh, 'button-secondary');
      refresh.type = 'button';
      refresh.id = 'refresh-button';
      refresh.addEventListener('click', function () {
        clearMessages();
        showRequest(req.requestId, { refresh: true, requestId: req.requestId, previousStatus: req.status });
      });
      toolbar.appendChild(refresh);
      view.appendChild(toolbar);

      view.appendChild(detailsSection(req));
      view.appendChild(subjectSection(req));
      view.appendChild(holdsSection(req));
      if (typeof req.customerId === 'string' && req.customerId) view.appendChild(customerSection(req, gen));
      view.appendChild(sealSection(req));
      if (req.status === 'awaiting_decision') view.appendChild(actionsSection(req));
      view.appendChild(auditSection(req));

      Object.keys(kept).forEach(function (k) { var n = byId(k); if (n) n.value = kept[k]; });
      if (focusedId && byId(focusedId)) byId(focusedId).focus();
      else if (opts.focus) h.focus();
      if (opts.previousStatus && opts.previousStatus !== req.status) {
        showNotice(fmt(R.refreshed, { status: name(t.statuses, req.status) }), false, true);
      }
      var count = opts.autoCount || 0;
      if (WORKING_STATUSES.indexOf(req.status) >= 0 && count < AUTO_REFRESH_MAX) {
        timer = setTimeout(function () {
          if (gen !== viewGen) return;
          showRequest(req.requestId, { refresh: true, requestId: req.requestId, previousStatus: req.status, autoCount: count + 1 });
        }, AUTO_REFRESH_MS);
      }
    }

    function detailsSection(req) {
      var L = R.labels;
      var s = section('details', R.sections.details);
      var dl = el('dl', null, 'details-list');
      row(dl, L.type, name(t.types, req.type));
      row(dl, L.language, name(t.languages, req.language));
      row(dl, L.status, name(t.statuses, req.status), 'request-status');
      row(dl, L.received, formatDateTime(req.receivedAt));
      row(dl, L.due, formatDate(req.dueAt));
      row(dl, L.left, timeLeft(req.status, req.dueAt));
      if (req.verification && req.verification.verifiedAt) row(dl, L.verified, formatDateTime(req.verification.verifiedAt));
      row(dl, L.register, typeof req.customerId === 'string' ? fmt(R.register.found, { id: req.customerId }) : req.customerId === null ? R.register.none : R.register.pending);
      if (req.extension) {
        row(dl, L.extension, fmt(R.extension, {
          date: formatDate(req.extension.extendedAt), reason: req.extension.reason || '–',
          who: req.extension.extendedByEmail || req.extension.extendedBy || '–', previous: formatDate(req.extension.previousDueAt)
        }));
      }
      if (req.decision) {
        var d = el('div');
        d.appendChild(el('p', fmt(R.decisionLine, { decision: name(R.decisions, req.decision.decision), date: formatDateTime(req.decision.decidedAt), who: req.decision.decidedByEmail || req.decision.decidedBy || '–' })));
        if (req.decision.reason) d.appendChild(el('p', fmt(R.decisionReason, { reason: req.decision.reason })));
        row(dl, L.decision, d);
      }
      s.appendChild(dl);
      if (WORKING_STATUSES.indexOf(req.status) >= 0) s.appendChild(el('p', R.working[req.status], 'notice'));
      return s;
    }

    function subjectSection(req) {
      var L = R.labels;
      var s = section('subject', R.sections.subject);
      if (!req.subject) {
        s.appendChild(el('p', R.minimised));
        if (Array.isArray(req.objections) && req.objections.length) {
          var kept = el('dl', null, 'details-list');
          row(kept, L.objections, list(req.objections.map(function (o) { return name(t.objections, o); })));
          s.appendChild(kept);
        }
        return s;
      }
      var dl = el('dl', null, 'details-list');
      row(dl, L.name, [req.subject.firstName, req.subject.lastName].join(' '));
      row(dl, L.email, req.subject.email);
      row(dl, L.details, req.details ? req.details : R.noDetails);
      if (Array.isArray(req.changes) && req.changes.length) {
        row(dl, L.changes, list(req.changes.map(function (ch) {
          var div = el('div');
          div.appendChild(el('p', fmt(R.change, { field: name(t.fields, ch.field), value: ch.value })));
          if (ch.reason) div.appendChild(el('p', fmt(R.changeReason, { reason: ch.reason })));
          return div;
        })));
      }
      if (Array.isArray(req.objections) && req.objections.length) {
        row(dl, L.objections, list(req.objections.map(function (o) { return name(t.objections, o); })));
      }
      if (req.signature) {
        row(dl, L.signature, req.signature.fullName);
        row(dl, L.signedAt, formatDateTime(req.signature.signedAt));
      }
      if (req.rectification && req.rectification.after) {
        var before = req.rectification.before || {};
        row(dl, L.rectification, list(Object.keys(req.rectification.after).map(function (f) {
          var b = before[f];
          return fmt(R.beforeAfter, { field: name(t.fields, f), before: b === null || b === undefined ? '–' : String(b), after: String(req.rectification.after[f]) });
        })));
      }
      s.appendChild(dl);
      return s;
    }

    function holdsSection(req) {
      var s = section('holds', R.sections.holds);
      var holds = Array.isArray(req.holds) ? req.holds : [];
      if (!holds.length) { s.appendChild(el('p', R.holdsNone)); return s; }
      s.appendChild(list(holds.map(function (hold) {
        var li = el('span');
        li.appendChild(el('strong', name(t.holds, hold.basis)));
        var rest = ' – ' + (hold.until ? fmt(R.holdUntil, { date: formatDate(hold.until) }) : R.holdOpenEnded);
        if (Array.isArray(hold.invoiceIds) && hold.invoiceIds.length) rest += '. ' + fmt(R.holdInvoices, { ids: hold.invoiceIds.join(', ') });
        li.appendChild(text(rest));
        return li;
      })));
      return s;
    }

    function sealSection(req) {
      var s = section('seal', R.sections.seal);
      var dl = el('dl', null, 'details-list');
      var seal = req.seal && typeof req.seal === 'object' ? req.seal : { present: false };
      var sealValue = !seal.present ? withBadge(R.notSealed, 'neutral', R.sealNone)
        : seal.valid ? withBadge(R.ok, 'ok', fmt(R.sealOk, { time: formatDateTime(seal.sealedAt) }))
        : withBadge(R.broken, 'bad', R.sealBad);
      row(dl, R.sealLabel, sealValue, 'seal-result');
      row(dl, R.chainLabel, req.auditChainIntact === true ? withBadge(R.ok, 'ok', R.chainOk) : withBadge(R.broken, 'bad', R.chainBad), 'chain-result');
      s.appendChild(dl);
      return s;
    }

    function auditSection(req) {
      var s = section('audit', R.sections.audit);
      var events = Array.isArray(req.audit) ? req.audit : [];
      var c = R.auditColumns;
      var tbl = table(R.auditCaption, 'audit-caption', [c.time, c.event, c.actor], 'audit-table');
      events.forEach(function (e) {
        var tr = el('tr');
        cell(tr, formatDateTime(e.at), 'nowrap');
        var what = name(R.events, e.type);
        var to = e.data && typeof e.data.to === 'string' ? e.data.to.split(':')[0] : '';
        if (e.type === 'mail_sent' && to) what += ' ' + name(R.mailTo, to);
        cell(tr, what);
        /* A staff action names its actor by id (staff:<sub>); the verified email, when recorded, reads better. */
        var staffEmail = e.data && typeof e.data.staffEmail === 'string' ? e.data.staffEmail : '';
        cell(tr, Object.prototype.hasOwnProperty.call(R.actors, e.actor) ? R.actors[e.actor] : staffEmail || e.actor);
        tbl.tbody.appendChild(tr);
      });
      s.appendChild(tbl.wrap);
      return s;
    }

    /* ---- the register record ---- */
    function customerSection(req, gen) {
      var s = section('customer', R.sections.customer);
      var button = el('button', C.show, 'button-secondary');
      button.type = 'button';
      button.id = 'customer-button';
      button.setAttribute('aria-controls', 'customer-record');
      var out = el('div', null, 'customer-record');
      out.id = 'customer-record';
      button.addEventListener('click', function () { loadCustomer(req.customerId, out, button, gen, true); });
      s.appendChild(button);
      s.appendChild(out);
      if (openCustomer === req.customerId) loadCustomer(req.customerId, out, button, gen, false);
      return s;
    }
    function loadCustomer(id, out, button, gen, focus) {
      openCustomer = id;
      out.textContent = '';
      out.setAttribute('aria-busy', 'true');
      out.appendChild(el('p', t.loading));
      api('GET', '/admin/customers/' + encodeURIComponent(id)).then(function (r) {
        if (gen !== viewGen) return;
        out.removeAttribute('aria-busy');
        out.textContent = '';
        button.textContent = C.reload;
        var h = heading(4, R.sections.customer + ' ' + id, 'customer-heading');
        h.tabIndex = -1;
        out.appendChild(h);
        if (r.status === 404) out.appendChild(el('p', C.notFound, 'notice'));
        else if (!r.ok || !r.data || typeof r.data !== 'object') out.appendChild(el('p', t.failed, 'field-error'));
        else out.appendChild(customerList(r.data));
        if (focus) h.focus();
      }).catch(function (err) {
        if (err === SIGNED_OUT || gen !== viewGen) return;
        out.removeAttribute('aria-busy');
        out.textContent = '';
        out.appendChild(el('p', err instanceof TypeError ? t.network : t.failed, 'field-error'));
      });
    }
    function customerList(c) {
      var L = C.labels;
      var dl = el('dl', null, 'details-list');
      row(dl, L.customerId, c.customerId);
      row(dl, L.name, [c.firstName, c.lastName].filter(Boolean).join(' '));
      if (c.organization) row(dl, L.organization, c.organizationContact ? fmt(C.organizationContact, { org: c.organization }) : c.organization);
      row(dl, L.email, c.email);
      if (c.phone) row(dl, L.phone, c.phone);
      if (c.website) row(dl, L.website, c.website);
      var a = c.postalAddress;
      if (a) row(dl, L.address, [a.street, [a.postalCode, a.city].filter(Boolean).join(' '), a.country].filter(Boolean).join(', '));
      if (Array.isArray(c.ipAddresses) && c.ipAddresses.length) row(dl, L.ipAddresses, c.ipAddresses.join(', '));
      row(dl, L.relationship, c.relationshipEndedAt ? fmt(C.relationshipEnded, { date: formatDate(c.relationshipEndedAt) }) : C.relationshipActive);
      row(dl, L.restricted, c.restricted === true ? withBadge(C.yes, 'soon', '') : C.no, 'customer-restricted');
      var suppressions = Array.isArray(c.suppressions) ? c.suppressions : [];
      row(dl, L.suppressions, suppressions.length ? list(suppressions.map(function (o) { return name(t.objections, o); })) : C.none, 'customer-suppressions');
      var orders = Array.isArray(c.orders) ? c.orders : [];
      row(dl, L.orders, String(orders.length), 'customer-orders');
      row(dl, L.openInvoices, String(orders.filter(function (o) { return o && o.invoice && o.invoice.status !== 'paid'; }).length));
      return dl;
    }

    /* ---- decisions ---- */
    function actionsSection(req) {
      var s = section('actions', R.sections.actions);
      s.appendChild(el('p', A.intro));
      var grid = el('div', null, 'actions-grid');

      var approve = el('div', null, 'action action-approve');
      approve.appendChild(heading(4, A.approveHeading, 'approve-heading'));
      approve.appendChild(el('p', A.approveHint, 'hint'));
      var approveButton = el('button', A.approve, 'button-primary');
      approveButton.type = 'button';
      approveButton.id = 'approve-button';
      approveButton.addEventListener('click', function () { decide(req, 'approve', '', approveButton); });
      approve.appendChild(approveButton);
      grid.appendChild(approve);

      grid.appendChild(reasonForm(req, 'refuse', A.refuseHeading, A.refuseReason, A.refuseHint, A.refuse, 'button-danger'));
      if (!req.extension) grid.appendChild(reasonForm(req, 'extend', A.extendHeading, A.extendReason, A.extendHint, A.extend, 'button-secondary'));
      s.appendChild(grid);
      return s;
    }
    function reasonForm(req, kind, title, label, hint, buttonText, buttonClass) {
      var form = el('form', null, 'action action-' + kind);
      form.noValidate = true;
      var h = heading(4, title, kind + '-heading');
      form.setAttribute('aria-labelledby', h.id);
      form.appendChild(h);
      var field = el('div', null, 'field');
      var lab = el('label');
      lab.htmlFor = kind + '-reason';
      lab.appendChild(text(label + ' '));
      lab.appendChild(el('span', '(' + A.required + ')', 'req'));
      var hintP = el('p', hint, 'hint');
      hintP.id = kind + '-reason-hint';
      var error = el('p', null, 'field-error');
      error.id = kind + '-reason-error';
      error.hidden = true;
      var area = el('textarea');
      area.id = kind + '-reason';
      area.rows = 4;
      area.maxLength = 4000;
      area.required = true;
      area.setAttribute('aria-describedby', hintP.id);
      field.appendChild(lab);
      field.appendChild(hintP);
      field.appendChild(error);
      field.appendChild(area);
      form.appendChild(field);
      var button = el('button', buttonText, buttonClass + ' action-submit');
      button.type = 'submit';
      button.id = kind + '-button';
      form.appendChild(button);
      form.addEventListener('submit', function (ev) {
        ev.preventDefault();
        var reason = String(area.value).trim();
        if (!reason) {
          error.textContent = '';
          error.appendChild(el('span', t.errorPrefix + ' ', 'visually-hidden'));
          error.appendChild(text(A.reasonRequired));
          error.hidden = false;
          area.setAttribute('aria-invalid', 'true');
          area.setAttribute('aria-describedby', error.id + ' ' + hintP.id);
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
    }
    function decide(req, kind, reason, button) {
      if (deciding) return;
      deciding = true;
      clearMessages();
      var label = button.textContent;
      button.disabled = true;
      button.textContent = A.sending;
      var body = { decision: kind };
      if (reason) body.reason = reason;
      function restore() {
        deciding = false;
        button.disabled = false;
        button.textContent = label;
      }
      api('POST', requestPath(req.requestId) + '/decision', body).then(function (r) {
        if (r.ok) {
          deciding = false;
          showNotice(kind === 'extend' ? fmt(A.done.extend, { date: formatDate(r.data && r.data.dueAt) }) : A.done[kind], true);
          showRequest(req.requestId, { refresh: true, requestId: req.requestId });
          return;
        }
        restore();
        var code = r.data && r.data.error && typeof r.data.error.code === 'string' ? r.data.error.code : '';
        var message = r.status === 409 ? (Object.prototype.hasOwnProperty.call(A.errors, code) ? A.errors[code] : A.errors.already_decided)
          : r.status === 404 ? A.errors.not_found
          : r.status === 400 ? A.errors.invalid
          : A.errors.failed;
        showAlert(message);
        if (r.status === 409) showRequest(req.requestId, { refresh: true, requestId: req.requestId });
      }).catch(function (err) {
        if (err === SIGNED_OUT) { deciding = false; return; }
        restore();
        showAlert(t.network);
      });
    }

    window.addEventListener('popstate', function () { clearMessages(); route(true); });
    if (auth && (completeHostedSignIn() || showStoredNotice())) return;
    /* A 401 on the first call after the hosted sign-in means the token was refused, not that it lapsed. */
    if (auth && storage(FRESH_KEY, undefined, true) === '1') justSignedIn = true;
    route(false);
  }

  onReady(init);
})();
`;

export const assets: Record<string, Asset> = {
  'site.css': { contentType: 'text/css; charset=utf-8', body: css + mainSpacingCss + consoleCss },
  'form.js': { contentType: 'text/javascript; charset=utf-8', body: formJs },
  'confirm.js': { contentType: 'text/javascript; charset=utf-8', body: confirmJs },
  'console.js': { contentType: 'text/javascript; charset=utf-8', body: consoleJs },
};
