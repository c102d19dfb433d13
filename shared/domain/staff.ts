/**
 * Staff: who may do what, and how a staff member is named in the audit trail. Pure rules over the
 * claims an identity provider vouched for (Cognito's ID token in AWS, the local issuer locally).
 */

/** `viewer` reads every staff route; `decider` also changes things (decisions, and later more). */
export type StaffRole = 'viewer' | 'decider';
export const STAFF_ROLES: readonly StaffRole[] = ['viewer', 'decider'];

/** The Cognito groups behind the roles, as they arrive in the `cognito:groups` claim. */
export const STAFF_GROUPS: Readonly<Record<StaffRole, string>> = { viewer: 'dsr-viewer', decider: 'dsr-decider' };
export const GROUPS_CLAIM = 'cognito:groups';

/**
 * A staff member as the audit trail names them: the identity provider's stable id (`sub`, which
 * the user cannot change) and the email address only when the provider says it is verified.
 */
export interface StaffMember {
  sub: string;
  /** Present only when the token's `email_verified` is true. */
  email?: string;
  /** The roles the member's groups grant (a decider is also a viewer). */
  roles: StaffRole[];
}

/** The audit actor of a staff action: `staff:<sub>`. */
export type StaffActor = `staff:${string}`;
export const staffActor = (m: Pick<StaffMember, 'sub'>): StaffActor => `staff:${m.sub}`;

/** What an audit event of a staff action carries about its actor beside `actor`. */
export const staffEventData = (m: Pick<StaffMember, 'email'>): { staffEmail?: string } => (m.email ? { staffEmail: m.email } : {});

/**
 * The groups claim in every form it arrives in: an array (the token itself, the local stack), or
 * a string when API Gateway's HTTP API JWT authorizer flattens an array claim, which it writes
 * as `[dsr-decider dsr-viewer]`; a JSON array text or a comma-separated list is read too.
 * Anything else is no groups.
 */
export const parseGroups = (claim: unknown): string[] => {
  if (Array.isArray(claim)) return claim.filter((g): g is string => typeof g === 'string' && g.length > 0);
  if (typeof claim !== 'string') return [];
  const s = claim.trim();
  if (s.startsWith('[') && s.endsWith(']')) {
    const inner = s.slice(1, -1);
    if (inner.trimStart().startsWith('"')) {
      try {
        const parsed: unknown = JSON.parse(s);
        return Array.isArray(parsed) ? parseGroups(parsed) : [];
      } catch {
        return [];
      }
    }
    return inner.split(/[\s,]+/).filter(Boolean);
  }
  return s.split(/[\s,]+/).filter(Boolean);
};

/** The roles a member's groups grant. Unknown groups grant nothing; a decider also views. */
export const rolesOf = (groups: readonly string[]): StaffRole[] => {
  if (groups.includes(STAFF_GROUPS.decider)) return ['viewer', 'decider'];
  if (groups.includes(STAFF_GROUPS.viewer)) return ['viewer'];
  return [];
};

/** Cognito sends `email_verified` as a boolean in the token and as the text "true" through API Gateway. */
export const isTrue = (v: unknown): boolean => v === true || v === 'true';

/** A `sub` we will write into the audit trail: an opaque id, never an address or free text. */
const SUB = /^[A-Za-z0-9][A-Za-z0-9._:|-]{0,127}$/;
const EMAIL = /^[^@\s"<>()\\,;:]{1,64}@[A-Za-z0-9.-]{1,253}$/;

/**
 * The staff member the claims name, or undefined when they name nobody we can record (no usable
 * `sub`). The email is taken only when verified; `cognito:username`, `name` and any custom claim
 * are never used, as the user (or an administrator's typo) can change them.
 */
export const staffFromClaims = (claims: Record<string, unknown> | undefined): StaffMember | undefined => {
  const sub = claims?.sub;
  if (typeof sub !== 'string' || !SUB.test(sub)) return undefined;
  const email = claims?.email;
  const verified = typeof email === 'string' && email.length <= 254 && EMAIL.test(email) && isTrue(claims?.email_verified);
  return { sub, ...(verified ? { email } : {}), roles: rolesOf(parseGroups(claims?.[GROUPS_CLAIM])) };
};

export const hasRole = (m: Pick<StaffMember, 'roles'>, role: StaffRole): boolean => m.roles.includes(role);
