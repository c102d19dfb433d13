/**
 * Static assets of the public pages, served at /assets/{name}. Kept as strings so the pages
 * function needs no file system and the bundle carries them. No outside fonts, images or scripts:
 * the CSP allows only 'self'.
 *
 * The scripts are plain ES2017 in an IIFE. Their words come from the page modules (one place per
 * language); the language is read from <html lang>.
 */
import { CONFIRM_SCRIPT_TEXT } from './confirm';
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

export const assets: Record<string, Asset> = {
  'site.css': { contentType: 'text/css; charset=utf-8', body: css },
  'form.js': { contentType: 'text/javascript; charset=utf-8', body: formJs },
  'confirm.js': { contentType: 'text/javascript; charset=utf-8', body: confirmJs },
};
