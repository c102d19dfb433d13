import { createHash, createHmac, randomBytes } from 'node:crypto';

/**
 * Tokens are 32 random bytes sent to the subject once; only their SHA-256 is stored, so a
 * leaked table gives no working link. Each is bound to one request and one purpose.
 */
export type TokenPurpose = 'verify' | 'export';

export const newToken = (): string => randomBytes(32).toString('base64url');

export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** Keyed hash of a normalised email: finds the register record and keys logs and rate limits. */
export const emailHmac = (key: string, normalisedEmail: string): string =>
  createHmac('sha256', key).update(normalisedEmail, 'utf8').digest('hex');

export const sha256Hex = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');
