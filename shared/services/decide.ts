import { canExtend, extendedDueDate } from '../domain/deadline';
import { DomainError, notFound } from '../domain/errors';
import type { Clock, RequestStore } from '../domain/ports';
import type { DecisionInput } from '../domain/decision-input.schema';
import { needsDecision } from '../domain/state';
import { staffActor, staffEventData, type StaffMember } from '../domain/staff';
import { sha256Hex } from '../domain/token';

/**
 * Staff decisions (POST /admin/requests/{id}/decision): state only; the processor applies them.
 * The decider is recorded by the identity provider's stable id (`staff:<sub>`), with the email
 * address only when the provider vouched for it; the caller has checked the decider role.
 */

export interface DecideDeps { requests: RequestStore; clock: Clock }

const eventData = (data: Record<string, unknown>) => (Object.keys(data).length ? { data } : {});

export const decide = async (deps: DecideDeps, requestId: string, input: DecisionInput, staff: Pick<StaffMember, 'sub' | 'email'>) => {
  const r = await deps.requests.get(requestId);
  if (!r) throw notFound('Request');
  if (!needsDecision(r.type)) throw new DomainError(409, 'no_decision_needed', `A ${r.type} request is answered without a decision`);
  if (r.status === 'pending_verification' || r.status === 'verified' || r.status === 'expired') {
    throw new DomainError(409, 'not_ready_for_decision', 'The request is not verified and ready for a decision yet');
  }
  if (r.status !== 'awaiting_decision') throw new DomainError(409, 'already_decided', 'The request has already been decided');
  const now = deps.clock.now();
  const at = now.toISOString();
  const reason = input.reason?.trim();
  const actor = staffActor(staff);
  try {
    if (input.decision === 'extend') {
      if (!canExtend(new Date(r.receivedAt), now, r.extension !== undefined)) {
        throw new DomainError(409, 'cannot_extend', 'An extension is possible once, within the first month');
      }
      const dueAt = extendedDueDate(new Date(r.receivedAt)).toISOString();
      await deps.requests.transition(
        r,
        { set: { dueAt, extension: { reason: reason ?? '', extendedAt: at, extendedBy: actor, ...(staff.email ? { extendedByEmail: staff.email } : {}), previousDueAt: r.dueAt } } },
        { type: 'extended', actor, data: { dueAt, previousDueAt: r.dueAt, ...staffEventData(staff) } },
        at,
      );
      return { requestId, status: r.status, dueAt };
    }
    const status = input.decision === 'approve' ? 'approved' : 'refused';
    await deps.requests.transition(
      r,
      {
        set: {
          status,
          decision: { decision: input.decision, ...(reason ? { reason } : {}), decidedBy: actor, ...(staff.email ? { decidedByEmail: staff.email } : {}), decidedAt: at },
        },
      },
      { type: status, actor, ...eventData({ ...(reason ? { reasonDigest: sha256Hex(reason) } : {}), ...staffEventData(staff) }) },
      at,
    );
    return { requestId, status, dueAt: r.dueAt };
  } catch (err) {
    if (err instanceof DomainError && err.code === 'concurrent_update') {
      throw new DomainError(409, 'already_decided', 'The request changed meanwhile; reload it');
    }
    throw err;
  }
};
