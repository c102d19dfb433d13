import { createHmac, randomUUID } from 'node:crypto';
import { GENESIS } from '../domain/audit';
import { addDays, dueDate } from '../domain/deadline';
import { DomainError } from '../domain/errors';
import type { Clock, RateLimiter, RequestStore } from '../domain/ports';
import { canonicalJson } from '../domain/canonical';
import { canonicalMailbox, normaliseEmail } from '../domain/email';
import { emailHmac, hashToken } from '../domain/token';
import type { ClientInfo, DsrRequest, RequestInput } from '../domain/types';

export interface IntakeDeps {
  requests: RequestStore;
  clock: Clock;
  hmacKey: string;
  limiter: RateLimiter;
  limits: { perIp: number; perEmail: number; tokenTries: number };
}

const TEN_MINUTES = 600;
const DAY = 86_400;

const tooMany = (retryAfterSeconds: number) =>
  new DomainError(429, 'too_many_requests', 'Too many requests; try again later', undefined, { 'retry-after': String(retryAfterSeconds) });

/**
 * A keyed hash for one purpose: what the limits and the Idempotency-Key store instead of an IP
 * address, a mailbox or a body. The purpose keeps the hashes of different things apart.
 */
const keyed = (hmacKey: string, purpose: string, value: string): string =>
  createHmac('sha256', hmacKey).update(`${purpose}\u0000${value}`, 'utf8').digest('hex');

/** The per-IP limits' client: a keyed hash of the address, so no counter's key holds an IP. */
const ipKey = (hmacKey: string, ip: string) => keyed(hmacKey, 'client-ip', ip);

/**
 * The per-address limit's key for an email: a keyed hash of its canonical mailbox (case, +tags
 * and Gmail's dots make no new mailbox), never the address. Exported for the use case that
 * gives a unit of that budget back (see `releaseEmailBudget`).
 */
export const emailLimitKey = (hmacKey: string, email: string): string => `submit:email:${keyed(hmacKey, 'mailbox', canonicalMailbox(email))}`;

/** Counts one hit against a limit, or refuses with 429 and Retry-After. */
export const limit = async (deps: Pick<IntakeDeps, 'limiter' | 'clock'>, key: string, max: number, windowSeconds: number) => {
  const r = await deps.limiter.hit(key, max, windowSeconds, deps.clock.now());
  if (!r.allowed) throw tooMany(r.retryAfterSeconds);
};

/** Guessing tokens: a person needs a handful of tries; a script needs thousands. */
export const limitTokenTries = (deps: Pick<IntakeDeps, 'limiter' | 'clock' | 'limits' | 'hmacKey'>, purpose: string, ip: string) =>
  limit(deps, `${purpose}:ip:${ipKey(deps.hmacKey, ip)}`, deps.limits.tokenTries, TEN_MINUTES);

/**
 * Gives back the unit of the per-address budget that filing a request took, for a request its
 * mailbox's owner says they did not make (cancelled from the confirm page). `email` is the
 * request's address and `countedAt` its `receivedAt`: the unit goes back to the window it was
 * counted in, never below zero. Call it once per request, after the request's own change (its
 * cancellation) is stored: a crash in between keeps the unit spent, which errs on the safe side.
 * Answers whether a unit was given back (false once the window's counter is gone or at zero).
 */
export const releaseEmailBudget = (deps: Pick<IntakeDeps, 'limiter' | 'hmacKey'>, email: string, countedAt: Date | string): Promise<boolean> =>
  deps.limiter.release(emailLimitKey(deps.hmacKey, email), DAY, new Date(countedAt));

/**
 * Files a request: state first, nothing else. The confirm mail goes out from the table's stream,
 * so a mail outage delays it but cannot lose the request. The answer is the same whether or not
 * the address is in the register: intake never looks.
 */
export const submitRequest = async (deps: IntakeDeps, input: RequestInput, client: ClientInfo, idempotencyKey?: string) => {
  const now = deps.clock.now();
  const at = now.toISOString();
  const emailHash = emailHmac(deps.hmacKey, normaliseEmail(input.email));
  // Keyed, so a leaked table cannot confirm a guessed body (names, address) by its digest.
  const bodyDigest = keyed(deps.hmacKey, 'idempotency-body', canonicalJson(input));
  // The key is the client's own: scoped to the client (its source IP as API Gateway saw it), so
  // another client sending the same key files its own request and learns nothing of the first.
  const idempotency = idempotencyKey
    ? { keyHash: keyed(deps.hmacKey, 'idempotency-key', JSON.stringify([client.ip, idempotencyKey])), bodyDigest, expiresAt: addDays(now, 1).toISOString() }
    : undefined;
  // Per mailbox as well as per IP: the form must not become a way to mail-bomb someone.
  const limits = [
    { key: `submit:ip:${ipKey(deps.hmacKey, client.ip)}`, limit: deps.limits.perIp, windowSeconds: TEN_MINUTES },
    { key: emailLimitKey(deps.hmacKey, input.email), limit: deps.limits.perEmail, windowSeconds: DAY },
  ];
  const request: DsrRequest = {
    requestId: randomUUID(),
    type: input.type,
    language: input.language,
    status: 'pending_verification',
    receivedAt: at,
    dueAt: dueDate(now).toISOString(),
    emailHash,
    subject: { email: input.email, firstName: input.firstName, lastName: input.lastName },
    ...(input.details ? { details: input.details } : {}),
    ...(input.changes ? { changes: input.changes } : {}),
    ...(input.objections ? { objections: input.objections } : {}),
    signature: { ...input.signature, signedAt: at },
    client,
    effects: [],
    auditSeq: 0,
    auditHead: GENESIS,
    updatedAt: at,
  };
  const created = await deps.requests.create(
    request,
    { type: 'received', actor: 'subject', data: { type: input.type, language: input.language } },
    { limits, ...(idempotency ? { idempotency } : {}) },
  );
  if ('limited' in created) throw tooMany(created.retryAfterSeconds);
  if (!created.created) {
    if (created.bodyDigest !== bodyDigest) throw new DomainError(409, 'idempotency_key_reused', 'This Idempotency-Key was used for a different request');
    return { requestId: created.requestId, status: 'pending_verification' as const };
  }
  return { requestId: request.requestId, status: request.status };
};

const invalidToken = () => new DomainError(400, 'invalid_or_expired_token', 'This link is unknown, used or expired');

/** Confirms a request with the mailed token: one use, unexpired, by a conditional write. */
export const verifyRequest = async (deps: IntakeDeps, token: string, client: ClientInfo) => {
  await limitTokenTries(deps, 'verify', client.ip);
  const now = deps.clock.now().toISOString();
  const tokenHash = hashToken(token);
  const t = await deps.requests.getToken(tokenHash);
  if (!t || t.purpose !== 'verify' || t.usedAt || t.revokedAt || t.expiresAt <= now) throw invalidToken();
  const r = await deps.requests.get(t.requestId);
  if (!r || r.status !== 'pending_verification') throw invalidToken();
  try {
    await deps.requests.transition(
      r,
      {
        set: { status: 'verified', verification: { verifiedAt: now, ip: client.ip, userAgent: client.userAgent } },
        consumeToken: { tokenHash, purpose: 'verify', now },
      },
      { type: 'verified', actor: 'subject' },
      now,
    );
  } catch (err) {
    // Two confirmations racing: one wins, the other finds its token spent.
    if (err instanceof DomainError) throw invalidToken();
    throw err;
  }
  return { requestId: r.requestId, status: 'verified' as const };
};
