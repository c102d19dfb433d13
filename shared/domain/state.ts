import type { RequestStatus, RequestType } from './types';
import { DomainError } from './errors';

/**
 * The request state machine (CONTRACT.md, "Request statuses"). Access and portability complete
 * once the answer is sent; the rights that change the register wait for a staff decision.
 */
const allowed: Record<RequestStatus, readonly RequestStatus[]> = {
  // Cancelled: the mailbox's owner says they did not make it, or the subject's erasure ends it.
  pending_verification: ['verified', 'expired', 'cancelled'],
  verified: ['awaiting_decision', 'completed', 'cancelled'],
  awaiting_decision: ['approved', 'refused', 'cancelled'],
  approved: ['completed', 'cancelled'],
  refused: [],
  completed: [],
  expired: [],
  cancelled: [],
};

export const canTransition = (from: RequestStatus, to: RequestStatus): boolean => allowed[from].includes(to);

export const assertTransition = (from: RequestStatus, to: RequestStatus): void => {
  if (!canTransition(from, to)) throw new DomainError(409, 'illegal_transition', `A ${from} request cannot become ${to}`);
};

export const needsDecision = (type: RequestType): boolean => type !== 'access' && type !== 'portability';

/** The status a verified request moves to once its immediate work is done. */
export const afterVerification = (type: RequestType): RequestStatus => (needsDecision(type) ? 'awaiting_decision' : 'completed');

export const isFinal = (s: RequestStatus): boolean => allowed[s].length === 0;
