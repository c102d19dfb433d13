/** The request form's rules, imported straight from the browser code (no page, no build). */
import { LIMITS } from '../../../shared/domain/limits';
import { RequestInputSchema } from '../../../shared/domain/request-input.schema';
import type { Language } from '../../../shared/domain/types';
import { buildBody, hoursText, issueKey, kindFor, messageFor, validate, type FormValues } from '../../../shared/http/pages/browser/lib/form-rules';
import { FORM_SCRIPT_TEXT } from '../../../shared/http/pages/form';

const LANGS: Language[] = ['fi', 'en'];

const base: FormValues = {
  type: 'access', language: 'fi', firstName: 'Maija', lastName: 'Meikäläinen', email: 'maija@example.fi', details: '',
  changes: [{ field: '', value: '', reason: '' }], objections: [], fullName: 'Maija Meikäläinen', declaration: true,
};
const keys = (v: Partial<FormValues>) => validate({ ...base, ...v }).map((e) => `${e.key}:${e.kind}`);

describe('form rules', () => {
  it('builds the contract body: no empty details, changes only for rectification, objections only for objection', () => {
    expect(buildBody(base).body).toEqual({
      type: 'access', language: 'fi', email: 'maija@example.fi', firstName: 'Maija', lastName: 'Meikäläinen',
      signature: { fullName: 'Maija Meikäläinen', declaration: true },
    });
    const withDetails = buildBody({ ...base, type: 'erasure', details: 'kaikki', objections: ['publication'] }).body;
    expect(withDetails.details).toBe('kaikki');
    expect(withDetails).not.toHaveProperty('objections');
    expect(withDetails).not.toHaveProperty('changes');

    const rect = buildBody({
      ...base, type: 'rectification',
      changes: [{ field: '', value: '', reason: '' }, { field: 'lastName', value: 'Uusinimi', reason: 'Nimenmuutos' }, { field: 'phone', value: '+358401', reason: '' }],
    });
    expect(rect.body.changes).toEqual([{ field: 'lastName', value: 'Uusinimi', reason: 'Nimenmuutos' }, { field: 'phone', value: '+358401' }]);
    expect(rect.rowMap).toEqual([1, 2]);
    expect(rect.body).not.toHaveProperty('objections');

    const obj = buildBody({ ...base, type: 'objection', objections: ['directMarketing', 'publication'] }).body;
    expect(obj.objections).toEqual(['directMarketing', 'publication']);
    expect(obj).not.toHaveProperty('changes');
  });

  it('builds bodies the API schema accepts', () => {
    expect(RequestInputSchema.safeParse(buildBody(base).body).success).toBe(true);
    const rect = buildBody({ ...base, type: 'rectification', changes: [{ field: 'lastName', value: 'Uusinimi', reason: 'Nimenmuutos' }] }).body;
    expect(RequestInputSchema.safeParse(rect).success).toBe(true);
  });

  it('validates what the contract requires', () => {
    expect(validate(base)).toEqual([]);
    expect(keys({ type: '', firstName: '', email: 'no-at', fullName: '', declaration: false })).toEqual([
      'type:required', 'firstName:required', 'email:invalid', 'signature.fullName:required', 'signature.declaration:required',
    ]);
    expect(keys({ lastName: 'x'.repeat(201), details: 'x'.repeat(2001) })).toEqual(['lastName:tooLong', 'details:tooLong']);
    expect(keys({ type: 'rectification' })).toEqual(['changes:required']);
    expect(keys({ type: 'rectification', changes: [{ field: 'email', value: '', reason: '' }] })).toEqual([
      'changes.0.value:required', 'changes.0.reason:required',
    ]);
    expect(keys({ type: 'objection' })).toEqual(['objections:required']);
  });

  it('checks the shared limits exactly at their edges, as the API schema does', () => {
    const atLimit: Partial<FormValues> = {
      firstName: 'x'.repeat(LIMITS.name), lastName: 'x'.repeat(LIMITS.name), fullName: 'x'.repeat(LIMITS.name),
      email: `${'x'.repeat(LIMITS.email - '@example.fi'.length)}@example.fi`, details: 'x'.repeat(LIMITS.details),
    };
    expect(keys(atLimit)).toEqual([]);
    expect(RequestInputSchema.safeParse(buildBody({ ...base, ...atLimit }).body).success).toBe(true);
    const over: Partial<FormValues> = {
      firstName: 'x'.repeat(LIMITS.name + 1), lastName: 'x'.repeat(LIMITS.name + 1), fullName: 'x'.repeat(LIMITS.name + 1),
      email: `${'x'.repeat(LIMITS.email + 1 - '@example.fi'.length)}@example.fi`, details: 'x'.repeat(LIMITS.details + 1),
    };
    expect(keys(over)).toEqual(['firstName:tooLong', 'lastName:tooLong', 'email:tooLong', 'details:tooLong', 'signature.fullName:tooLong']);
    expect(RequestInputSchema.safeParse(buildBody({ ...base, ...over }).body).success).toBe(false);

    const change = (value: number, reason: number) => ({ type: 'rectification', changes: [{ field: 'city', value: 'v'.repeat(value), reason: 'r'.repeat(reason) }] });
    expect(keys(change(LIMITS.changeValue, LIMITS.changeReason))).toEqual([]);
    expect(keys(change(LIMITS.changeValue + 1, LIMITS.changeReason + 1))).toEqual(['changes.0.value:tooLong', 'changes.0.reason:tooLong']);
    const rows = Array.from({ length: LIMITS.formChanges + 1 }, () => ({ field: 'city', value: 'v', reason: 'r' }));
    expect(keys({ type: 'rectification', changes: rows })).toEqual(['changes:tooLong']);
    expect(keys({ type: 'rectification', changes: rows.slice(1) })).toEqual([]);
  });

  it('maps server issue paths to fields and codes to words', () => {
    expect(issueKey(['email'])).toBe('email');
    expect(issueKey(['signature', 'fullName'])).toBe('signature.fullName');
    expect(issueKey(['signature', 'declaration'])).toBe('signature.declaration');
    expect(issueKey(['signature'])).toBe('signature.fullName');
    expect(issueKey(['changes'])).toBe('changes');
    expect(issueKey(['changes', 1, 'value'], [0, 3])).toBe('changes.3.value');
    expect(issueKey(['changes', 0])).toBe('changes');
    expect(issueKey(['objections', 2])).toBe('objections');
    expect(issueKey([])).toBe('');
    expect(issueKey(['language'])).toBe('');
    expect(issueKey(undefined)).toBe('');
    expect(kindFor('too_big')).toBe('tooLong');
    expect(kindFor('too_small')).toBe('required');
    expect(kindFor('invalid_format')).toBe('invalid');
    for (const lang of LANGS) {
      const t = FORM_SCRIPT_TEXT[lang];
      expect(messageFor(t, 'email', 'invalid')).toBe(t.fields.email.invalid);
      expect(messageFor(t, 'changes.4.reason', 'required')).toBe(t.fields['changes.reason'].required);
      expect(messageFor(t, 'type', 'invalid')).toBe(t.fields.type.required);
      expect(messageFor(t, 'nonsense', 'invalid')).toBe(t.invalidGeneric);
      expect(messageFor(t, 'toString', 'invalid')).toBe(t.invalidGeneric);
    }
    expect(hoursText(FORM_SCRIPT_TEXT.fi, 72)).toBe('72 tuntia');
    expect(hoursText(FORM_SCRIPT_TEXT.fi, 1)).toBe('1 tunnin');
    expect(hoursText(FORM_SCRIPT_TEXT.en, 1)).toBe('1 hour');
  });
});
