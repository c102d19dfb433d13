import type { ClientInfo } from '../domain/types';
import { DomainError } from '../domain/errors';
import type { HttpEvent } from './edge';

export const clientInfo = (event: HttpEvent): ClientInfo => ({
  ip: event.requestContext?.http?.sourceIp ?? 'unknown',
  userAgent: (event.requestContext?.http?.userAgent ?? '').slice(0, 512),
});

export const language = (event: HttpEvent): 'fi' | 'en' => (event.queryStringParameters?.lang === 'en' ? 'en' : 'fi');

/** The staff identity the JWT authorizer (Cognito in AWS, the local issuer locally) vouched for. */
export const staffIdentity = (event: HttpEvent): string => {
  const ctx = event.requestContext as unknown as { authorizer?: { jwt?: { claims?: Record<string, unknown> } } };
  const claims = ctx.authorizer?.jwt?.claims;
  const who = claims?.email ?? claims?.['cognito:username'] ?? claims?.sub;
  if (typeof who !== 'string' || !who) throw new DomainError(401, 'unauthorized', 'Sign in as staff');
  return who;
};

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/** A path id we will look up: anything else (traversal, control characters, overlong) is a 400. */
export const pathId = (event: HttpEvent, name: string): string => {
  const v = event.pathParameters?.[name];
  if (!v || !ID.test(v)) throw new DomainError(400, 'invalid_id', `The ${name} is not valid`);
  return v;
};
