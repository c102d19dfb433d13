import * as z from 'zod/mini';
import { LANGUAGES, OBJECTIONS, RECTIFIABLE_FIELDS, REQUEST_TYPES, type RequestInput } from './types';

/**
 * What `POST /requests` accepts (CONTRACT.md). Unknown keys are rejected at every level, so no
 * caller can mass-assign `status`, ids or flags. Text refuses control characters and bidi
 * overrides, which have no place in a name and are used to disguise content in mail and consoles.
 */

// Control characters (but tab/newline in free text), and the Unicode bidi embedding/override/isolate marks.
/* eslint-disable no-control-regex -- matching control characters is the point */
const FORBIDDEN_IN_LINE = /[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;
const FORBIDDEN_IN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;
/* eslint-enable no-control-regex */

const line = (max: number) =>
  z.string().check(
    z.trim(),
    z.minLength(1),
    z.maxLength(max),
    z.refine((s) => !FORBIDDEN_IN_LINE.test(s), { message: 'Contains characters that are not allowed', abort: true }),
  );
const text = (max: number) =>
  z.string().check(z.maxLength(max), z.refine((s) => !FORBIDDEN_IN_TEXT.test(s), { message: 'Contains characters that are not allowed' }));

const Change = z.strictObject({
  field: z.enum(RECTIFIABLE_FIELDS),
  value: line(500),
  reason: z.optional(text(2000)),
});

export const RequestInputSchema = z
  .strictObject({
    type: z.enum(REQUEST_TYPES),
    language: z.enum(LANGUAGES),
    email: z.email().check(z.maxLength(254)),
    firstName: line(200),
    lastName: line(200),
    details: z.optional(text(2000)),
    changes: z.optional(z.array(Change).check(z.maxLength(50))),
    objections: z.optional(z.array(z.enum(OBJECTIONS)).check(z.maxLength(OBJECTIONS.length))),
    signature: z.strictObject({ fullName: line(200), declaration: z.literal(true) }),
  })
  .check(
    z.superRefine((r, ctx) => {
      const changes = r.changes ?? [];
      const objections = r.objections ?? [];
      if (r.type === 'rectification' && changes.length === 0) {
        ctx.issues.push({ code: 'custom', path: ['changes'], message: 'A rectification names at least one change', input: r.changes });
      }
      if (r.type !== 'rectification' && changes.length > 0) {
        ctx.issues.push({ code: 'custom', path: ['changes'], message: 'Changes belong to a rectification request', input: r.changes });
      }
      if (r.type === 'objection' && objections.length === 0) {
        ctx.issues.push({ code: 'custom', path: ['objections'], message: 'An objection names at least one processing', input: r.objections });
      }
      if (r.type !== 'objection' && objections.length > 0) {
        ctx.issues.push({ code: 'custom', path: ['objections'], message: 'Objections belong to an objection request', input: r.objections });
      }
      if (new Set(objections).size !== objections.length) {
        ctx.issues.push({ code: 'custom', path: ['objections'], message: 'Each objection once', input: r.objections });
      }
    }),
  );

/** The validated input with empty optional lists dropped. */
export const toRequestInput = (parsed: z.infer<typeof RequestInputSchema>): RequestInput => ({
  type: parsed.type,
  language: parsed.language,
  email: parsed.email.trim(),
  firstName: parsed.firstName,
  lastName: parsed.lastName,
  ...(parsed.details ? { details: parsed.details } : {}),
  ...(parsed.changes?.length ? { changes: parsed.changes } : {}),
  ...(parsed.objections?.length ? { objections: parsed.objections } : {}),
  signature: { fullName: parsed.signature.fullName, declaration: true },
});

/** Addresses compare case-insensitively; the keyed hash is of this form. */
export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

/** Any string up to 200 characters: an ill-formed token is simply unknown (`invalid_or_expired_token`). */
export const VerifyInputSchema = z.strictObject({ token: z.string().check(z.maxLength(200)) });

export const DecisionInputSchema = z
  .strictObject({
    decision: z.enum(['approve', 'refuse', 'extend']),
    reason: z.optional(text(4000)),
  })
  .check(
    z.superRefine((d, ctx) => {
      if ((d.decision === 'refuse' || d.decision === 'extend') && !d.reason?.trim()) {
        ctx.issues.push({ code: 'custom', path: ['reason'], message: `A ${d.decision} decision gives its reason`, input: d.reason });
      }
    }),
  );
export type DecisionInput = z.infer<typeof DecisionInputSchema>;
