/**
 * The staff token as the console reads it: who it names and which role it carries, for what the
 * page shows only. Nothing here verifies the token: the staff API's authorizer does, and the API
 * enforces the role on every call (a viewer's write answers 403). Pure: unit tests import it.
 */

/** What a bearer token may look like (a JWT's three base64url parts and dots); longer ones are refused. */
export const TOKEN_RE = /^[A-Za-z0-9_.-]{1,4096}$/;

/** The Cognito groups of the two staff roles (`cognito:groups` in the ID token, locally too). */
export const DECIDER_GROUP = 'dsr-decider';
export const VIEWER_GROUP = 'dsr-viewer';

export type StaffRole = 'decider' | 'viewer' | 'none';

/** A pasted token as people paste it: surrounding space and a leading "Bearer " dropped. */
export const cleanPastedToken = (pasted: string): string => pasted.trim().replace(/^Bearer\s+/i, '');

const base64urlDecode = (part: string): Uint8Array => {
  let b64 = part.replace(/-/g, '+').replace(/_/g, '/');
  while (b64.length % 4) b64 += '=';
  const binary = atob(b64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
};

/** The token's payload (its second part) as an object, or null when it is not a readable JWT. */
export const decodeClaims = (token: string): Record<string, unknown> | null => {
  try {
    const part = token.split('.')[1];
    if (!part) return null;
    const claims: unknown = JSON.parse(new TextDecoder().decode(base64urlDecode(part)));
    return claims && typeof claims === 'object' && !Array.isArray(claims) ? (claims as Record<string, unknown>) : null;
  } catch {
    return null;
  }
};

/** Who the token names, for the "signed in" line: email, else the user name, else the subject. */
export const tokenIdentity = (claims: Record<string, unknown> | null): string => {
  if (!claims) return '';
  const who = claims.email ?? claims['cognito:username'] ?? claims.sub;
  return typeof who === 'string' ? who : '';
};

/**
 * The groups claim: an array in the ID token; a space- or comma-separated string is read too, as
 * some gateways flatten it.
 */
export const groupsOf = (claims: Record<string, unknown> | null): string[] => {
  const g = claims?.['cognito:groups'];
  if (Array.isArray(g)) return g.filter((x): x is string => typeof x === 'string');
  if (typeof g === 'string') return g.replace(/^\[|\]$/g, '').split(/[\s,]+/).filter(Boolean);
  return [];
};

/** The role the console shows and acts on: decider wins over viewer; neither group is no access. */
export const staffRole = (claims: Record<string, unknown> | null): StaffRole => {
  const groups = groupsOf(claims);
  if (groups.includes(DECIDER_GROUP)) return 'decider';
  if (groups.includes(VIEWER_GROUP)) return 'viewer';
  return 'none';
};

/** Only a decider is offered the decision buttons. */
export const canDecide = (role: StaffRole): boolean => role === 'decider';
