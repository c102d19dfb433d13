import * as z from 'zod/mini';
import { LIMITS } from './limits';

/** Any string up to 200 characters: an ill-formed token is simply unknown (`invalid_or_expired_token`). */
export const VerifyInputSchema = z.strictObject({ token: z.string().check(z.maxLength(LIMITS.verifyToken)) });
