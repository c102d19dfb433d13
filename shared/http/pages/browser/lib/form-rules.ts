/**
 * The request form's rules, apart from the page: what the form checks before sending (the same
 * limits the API enforces), the contract's JSON body, and how the API's issues map back to fields.
 * Pure: unit tests import it directly.
 */
import { LIMITS } from '../../../../domain/limits';
import { fmt } from './text';
import type { FieldWords, FormWords } from './words';

export interface ChangeRow { field: string; value: string; reason: string }

/** What the form holds, trimmed, as collected from the page. */
export interface FormValues {
  type: string;
  language: string;
  firstName: string;
  lastName: string;
  email: string;
  details: string;
  changes: ChangeRow[];
  objections: string[];
  fullName: string;
  declaration: boolean;
}

export type ErrorKind = 'required' | 'tooLong' | 'invalid';
export interface FieldError { key: string; kind: ErrorKind }

/** A light check only: the server's is the real one; this catches the typing slips people make. */
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const CHANGE_PARTS = ['field', 'value', 'reason'] as const;

const isBlankChange = (c: ChangeRow): boolean => !c.field && !c.value && !c.reason;

/** Checks collected values; returns the errors in page order. */
export const validate = (v: FormValues, maxChanges: number = LIMITS.formChanges): FieldError[] => {
  const errors: FieldError[] = [];
  const text = (key: string, value: string, max: number) => {
    if (!value) errors.push({ key, kind: 'required' });
    else if (value.length > max) errors.push({ key, kind: 'tooLong' });
  };
  if (!v.type) errors.push({ key: 'type', kind: 'required' });
  text('firstName', v.firstName, LIMITS.name);
  text('lastName', v.lastName, LIMITS.name);
  if (!v.email) errors.push({ key: 'email', kind: 'required' });
  else if (v.email.length > LIMITS.email) errors.push({ key: 'email', kind: 'tooLong' });
  else if (!EMAIL_RE.test(v.email)) errors.push({ key: 'email', kind: 'invalid' });
  if (v.type === 'rectification') {
    let filled = 0;
    v.changes.forEach((c, i) => {
      if (isBlankChange(c)) return;
      filled += 1;
      if (!c.field) errors.push({ key: `changes.${i}.field`, kind: 'required' });
      if (!c.value) errors.push({ key: `changes.${i}.value`, kind: 'required' });
      else if (c.value.length > LIMITS.changeValue) errors.push({ key: `changes.${i}.value`, kind: 'tooLong' });
      if (!c.reason) errors.push({ key: `changes.${i}.reason`, kind: 'required' });
      else if (c.reason.length > LIMITS.changeReason) errors.push({ key: `changes.${i}.reason`, kind: 'tooLong' });
    });
    if (filled === 0) errors.push({ key: 'changes', kind: 'required' });
    else if (filled > (maxChanges || LIMITS.formChanges)) errors.push({ key: 'changes', kind: 'tooLong' });
  }
  if (v.type === 'objection' && v.objections.length === 0) errors.push({ key: 'objections', kind: 'required' });
  if (v.details.length > LIMITS.details) errors.push({ key: 'details', kind: 'tooLong' });
  text('signature.fullName', v.fullName, LIMITS.name);
  if (v.declaration !== true) errors.push({ key: 'signature.declaration', kind: 'required' });
  return errors;
};

/** The POST /requests body (CONTRACT.md). */
export interface RequestBody {
  type: string;
  language: string;
  email: string;
  firstName: string;
  lastName: string;
  details?: string;
  changes?: Array<{ field: string; value: string; reason?: string }>;
  objections?: string[];
  signature: { fullName: string; declaration: true };
}

/** The POST /requests body, exactly as the contract has it; rowMap[i] is the form row of changes[i]. */
export const buildBody = (v: FormValues): { body: RequestBody; rowMap: number[] } => {
  const rowMap: number[] = [];
  const changes: NonNullable<RequestBody['changes']> = [];
  if (v.type === 'rectification') {
    v.changes.forEach((c, i) => {
      if (isBlankChange(c)) return;
      changes.push(c.reason ? { field: c.field, value: c.value, reason: c.reason } : { field: c.field, value: c.value });
      rowMap.push(i);
    });
  }
  const body: RequestBody = {
    type: v.type,
    language: v.language,
    email: v.email,
    firstName: v.firstName,
    lastName: v.lastName,
    ...(v.details ? { details: v.details } : {}),
    ...(v.type === 'rectification' ? { changes } : {}),
    ...(v.type === 'objection' ? { objections: v.objections.slice() } : {}),
    signature: { fullName: v.fullName, declaration: true },
  };
  return { body, rowMap };
};

const TOP_LEVEL_KEYS = ['type', 'firstName', 'lastName', 'email', 'details', 'objections'];

/** Maps a server issue path to a form key ('' when no field fits). */
export const issueKey = (path: unknown, rowMap?: readonly number[]): string => {
  if (!Array.isArray(path) || path.length === 0) return '';
  const [head, second, third] = path as unknown[];
  const name = String(head);
  if (name === 'changes') {
    if (path.length >= 3 && typeof second === 'number' && (CHANGE_PARTS as readonly string[]).includes(String(third))) {
      const row = rowMap?.[second] ?? second;
      return `changes.${row}.${String(third)}`;
    }
    return 'changes';
  }
  if (name === 'signature') return second === 'declaration' ? 'signature.declaration' : 'signature.fullName';
  return TOP_LEVEL_KEYS.includes(name) ? name : '';
};

/** Maps a validation issue code (zod) to the kind of message shown. */
export const kindFor = (code: unknown): ErrorKind => {
  switch (code) {
    case 'too_big':
      return 'tooLong';
    case 'too_small':
    case 'invalid_type':
    case 'invalid_value':
    case 'invalid_enum_value':
    case 'invalid_literal':
      return 'required';
    default:
      return 'invalid';
  }
};

/** The words for one error: the field's own for its kind, else its nearest, else the generic. */
export const messageFor = (t: FormWords, key: string, kind: ErrorKind): string => {
  const base = key.replace(/^changes\.\d+\./, 'changes.');
  const m: FieldWords | undefined = Object.prototype.hasOwnProperty.call(t.fields, base) ? t.fields[base] : undefined;
  if (!m) return t.invalidGeneric;
  return m[kind] || m.invalid || m.required || t.invalidGeneric;
};

/** "72 hours" as the done message says it. */
export const hoursText = (t: FormWords, hours: number): string => (hours === 1 ? t.done.hoursOne : fmt(t.done.hoursMany, { n: hours }));
