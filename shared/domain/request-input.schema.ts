import * as z from 'zod/mini';
import { line, text } from './input-text';
import { LIMITS } from './limits';
import { LANGUAGES, OBJECTIONS, RECTIFIABLE_FIELDS, REQUEST_TYPES, type RequestInput } from './types';

/**
 * What `POST /requests` accepts (CONTRACT.md). Unknown keys are rejected at every level, so no
 * caller can mass-assign `status`, ids or flags. The other edge schemas have files of their own
 * (decision-input, verify-input), so a function bundles only the schema it parses.
 */

const Change = z.strictObject({
  field: z.enum(RECTIFIABLE_FIELDS),
  value: line(LIMITS.changeValue),
  reason: z.optional(text(LIMITS.changeReason)),
});

export const RequestInputSchema = z
  .strictObject({
    type: z.enum(REQUEST_TYPES),
    language: z.enum(LANGUAGES),
    email: z.email().check(z.maxLength(LIMITS.email)),
    firstName: line(LIMITS.name),
    lastName: line(LIMITS.name),
    details: z.optional(text(LIMITS.details)),
    changes: z.optional(z.array(Change).check(z.maxLength(LIMITS.changes))),
    objections: z.optional(z.array(z.enum(OBJECTIONS)).check(z.maxLength(OBJECTIONS.length))),
    signature: z.strictObject({ fullName: line(LIMITS.name), declaration: z.literal(true) }),
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
