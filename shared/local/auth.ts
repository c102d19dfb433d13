import { createHmac, createPrivateKey, createPublicKey } from 'node:crypto';
import { jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { normaliseEmail } from '../domain/email';
import { GROUPS_CLAIM, STAFF_GROUPS, type StaffRole } from '../domain/staff';

/**
 * The local staff token issuer: ES256 JWTs, checked by the local server as API Gateway's JWT
 * authorizer checks Cognito's, and handed to handlers the same way (requestContext.authorizer.jwt).
 * Its tokens carry what a Cognito ID token carries and the product reads: a stable `sub`, `email`
 * with `email_verified`, and the staff group in `cognito:groups`.
 */
export const LOCAL_ISSUER = 'https://local.dsr/staff';
export const LOCAL_AUDIENCE = 'dsr-staff';

/**
 * A stable `sub` for a local staff member: a UUID (version 8, "custom") from a keyed hash of the
 * address, so the same person keeps one id across tokens and restarts, as in Cognito, and the id
 * does not reveal the address without the local key.
 */
export const localStaffSub = (privateKeyPem: string, email: string): string => {
  const h = createHmac('sha256', `staff-sub:${privateKeyPem}`).update(normaliseEmail(email), 'utf8').digest();
  h[6] = (h[6]! & 0x0f) | 0x80;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

export interface StaffTokenOptions {
  /** The staff role (default `decider`), carried as its Cognito group. */
  role?: StaffRole;
  hours?: number;
  /** Claims to set or override, for tests of odd tokens (no group, an unverified email, API Gateway's string forms). */
  claims?: Record<string, unknown>;
}

export const issueStaffToken = async (privateKeyPem: string, email: string, opts: StaffTokenOptions = {}): Promise<string> => {
  // A claim set to undefined is left out (JSON has no undefined), so a test can drop the group or the sub.
  const claims: Record<string, unknown> = {
    sub: localStaffSub(privateKeyPem, email),
    email,
    email_verified: true,
    [GROUPS_CLAIM]: [STAFF_GROUPS[opts.role ?? 'decider']],
    token_use: 'id',
    ...opts.claims,
  };
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256' })
    .setIssuer(LOCAL_ISSUER)
    .setAudience(LOCAL_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${opts.hours ?? 8}h`)
    .sign(createPrivateKey(privateKeyPem));
};

export const staffVerifier = (privateKeyPem: string) => {
  const publicKey = createPublicKey(createPrivateKey(privateKeyPem));
  return async (authorization: string | undefined): Promise<JWTPayload | undefined> => {
    const m = /^Bearer ([A-Za-z0-9_.-]{1,4096})$/.exec(authorization ?? '');
    if (!m?.[1]) return undefined;
    try {
      const { payload } = await jwtVerify(m[1], publicKey, { issuer: LOCAL_ISSUER, audience: LOCAL_AUDIENCE, algorithms: ['ES256'] });
      return payload;
    } catch {
      return undefined;
    }
  };
};
