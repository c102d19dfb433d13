import * as z from 'zod/mini';

/**
 * Text checks shared by the edge schemas. Text refuses control characters and bidi overrides,
 * which have no place in a name and are used to disguise content in mail and consoles.
 */

// Control characters (but tab/newline in free text), and the Unicode bidi embedding/override/isolate marks.
/* eslint-disable no-control-regex -- matching control characters is the point */
const FORBIDDEN_IN_LINE = /[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;
const FORBIDDEN_IN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;
/* eslint-enable no-control-regex */

/** One line of text: trimmed, 1 to `max` characters, no control characters or bidi marks. */
export const line = (max: number) =>
  z.string().check(
    z.trim(),
    z.minLength(1),
    z.maxLength(max),
    z.refine((s) => !FORBIDDEN_IN_LINE.test(s), { message: 'Contains characters that are not allowed', abort: true }),
  );
/** Free text up to `max` characters: newlines and tabs allowed, other control characters and bidi marks not. */
export const text = (max: number) =>
  z.string().check(z.maxLength(max), z.refine((s) => !FORBIDDEN_IN_TEXT.test(s), { message: 'Contains characters that are not allowed' }));
