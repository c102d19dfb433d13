import type { ClientInfo } from '../domain/types';
import { DomainError } from '../domain/errors';
import type { HttpEvent } from './edge';
import { hasRole, staffFromClaims, type StaffMember, type StaffRole } from '../domain/staff';

export const clientInfo = (event: HttpEvent): ClientInfo => ({
  ip: event.requestContext?.http?.sourceIp ?? 'unknown',
  userAgent: (event.requestContext?.http?.userAgent ?? '').slice(0, 512),
});

export const language = (event: HttpEvent): 'fi' | 'en' => (event.queryStringParameters?.lang === 'en' ? 'en' : 'fi');

const claimsOf = (event: HttpEvent): Record<string, unknown> | undefined =>
  (event.requestContext as unknown as { authorizer?: { jwt?: { claims?: Record<string, unknown> } } }).authorizer?.jwt?.claims;

/**
 * The staff member the JWT authorizer (Cognito in AWS, the local issuer locally) vouched for, by
 * the provider's stable `sub`: 401 when the claims name nobody. Roles are not checked here: every
 * staff handler goes through `requireRole`.
 */
export const staffIdentity = (event: HttpEvent): StaffMember => {
  const member = staffFromClaims(claimsOf(event));
  if (!member) throw new DomainError(401, 'unauthorized', 'Sign in as staff');
  return member;
};

/**
 * The one gate of every staff route, in the function itself (the console hiding a button is a
 * courtesy, not a control): 401 without a staff identity, 403 `forbidden` when the member's
 * groups do not grant `role`. A member in neither staff group is refused every route.
 */
export const requireRole = (event: HttpEvent, role: StaffRole): StaffMember => {
  const member = staffIdentity(event);
  if (!hasRole(member, role)) {
    throw new DomainError(403, 'forbidden', role === 'decider' ? 'Only a decider may do this' : 'Your account has no staff role');
  }
  return member;
};

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/** A path id we will look up: anything else (traversal, control characters, overlong) is a 400. */
export const pathId = (event: HttpEvent, name: string): string => {
  const v = event.pathParameters?.[name];
  if (!v || !ID.test(v)) throw new DomainError(400, 'invalid_id', `The ${name} is not valid`);
  return v;
};
