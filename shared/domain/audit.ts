import type { AuditEvent } from './types';
import { canonicalJson } from './canonical';
import { sha256Hex } from './token';

/**
 * The audit trail is append-only and each event carries the previous event's hash, so removing or
 * editing one breaks every hash after it. The first event chains to GENESIS.
 */
export const GENESIS = '0'.repeat(64);

export type NewAuditEvent = Pick<AuditEvent, 'type' | 'actor'> & { data?: Record<string, unknown> };

export const chainEvent = (requestId: string, seq: number, prevHash: string, at: string, e: NewAuditEvent): AuditEvent => {
  const body = { requestId, seq, at, type: e.type, actor: e.actor, data: e.data, prevHash };
  return { ...body, hash: sha256Hex(canonicalJson(body)) };
};

/** The first broken link's sequence number, or null when the chain is whole. */
export const verifyChain = (events: readonly AuditEvent[]): number | null => {
  let prev = GENESIS;
  for (const [i, e] of events.entries()) {
    const expected = chainEvent(e.requestId, e.seq, prev, e.at, e);
    if (e.seq !== i + 1 || e.prevHash !== prev || e.hash !== expected.hash) return e.seq;
    prev = e.hash;
  }
  return null;
};
