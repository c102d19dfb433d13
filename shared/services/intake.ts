import { randomUUID } from 'node:crypto';
import { GENESIS } from '../domain/audit';
import { dueDate } from '../domain/deadline';
import { DomainError } from '../domain/errors';
import type { Clock, RequestStore } from '../domain/ports';
import { normaliseEmail } from '../domain/request-input.schema';
import { emailHmac, hashToken } from '../domain/token';
import type { ClientInfo, DsrRequest, RequestInput } from '../domain/types';

export interface IntakeDeps { requests: RequestStore; clock: Clock; hmacKey: string }

/**
 * Files a request: state first, nothing else. The confirm mail goes out from the table's stream,
 * so a mail outage delays it but cannot lose the request. The answer is the same whether or not
 * the address is in the register: intake never looks.
 */
export const submitRequest = async (deps: IntakeDeps, input: RequestInput, client: ClientInfo) => {
  const now = deps.clock.now();
  const at = now.toISOString();
  const request: DsrRequest = {
    requestId: randomUUID(),
    type: input.type,
    language: input.language,
    status: 'pending_verification',
    receivedAt: at,
    dueAt: dueDate(now).toISOString(),
    emailHash: emailHmac(deps.hmacKey, normaliseEmail(input.email)),
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
  await deps.requests.create(request, { type: 'received', actor: 'subject', data: { type: input.type, language: input.language } });
  return { requestId: request.requestId, status: request.status };
};

const invalidToken = () => new DomainError(400, 'invalid_or_expired_token', 'This link is unknown, used or expired');

/** Confirms a request with the mailed token: one use, unexpired, by a conditional write. */
export const verifyRequest = async (deps: IntakeDeps, token: string, client: ClientInfo) => {
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
