import { DomainError } from '../../shared/domain/errors';
import { afterVerification, assertTransition, canTransition, isFinal, needsDecision } from '../../shared/domain/state';
import { REQUEST_TYPES, STATUSES, type RequestStatus, type RequestType } from '../../shared/domain/types';

/**
 * The transitions CONTRACT.md ("Request statuses") allows, written out from the contract's prose
 * rather than copied from the code, so the two are checked against each other.
 */
const CONTRACT_TRANSITIONS: ReadonlyArray<readonly [RequestStatus, RequestStatus]> = [
  ['pending_verification', 'verified'], // the subject confirms the emailed link
  ['pending_verification', 'expired'], // the link is never used
  ['verified', 'completed'], // access and portability, once the answer mail is sent
  ['verified', 'awaiting_decision'], // rectification, erasure, restriction, objection
  ['awaiting_decision', 'approved'], // `approve`
  ['awaiting_decision', 'refused'], // `refuse` (final)
  ['approved', 'completed'], // once the effect is applied
  // "Trust": the mailbox's owner cancels a request they did not make (confirm page), and an
  // applied erasure ends every other open request of the subject.
  ['pending_verification', 'cancelled'],
  ['verified', 'cancelled'],
  ['awaiting_decision', 'cancelled'],
  ['approved', 'cancelled'],
];

const isAllowed = (from: RequestStatus, to: RequestStatus): boolean => CONTRACT_TRANSITIONS.some(([f, t]) => f === from && t === to);

const EVERY_PAIR = STATUSES.flatMap((from) => STATUSES.map((to) => [from, to, isAllowed(from, to)] as const));

describe('request status transitions', () => {
  test('the contract names seven statuses, and trust adds cancelled', () => {
    expect([...STATUSES].sort()).toEqual(['approved', 'awaiting_decision', 'cancelled', 'completed', 'expired', 'pending_verification', 'refused', 'verified']);
    expect(EVERY_PAIR).toHaveLength(64);
  });

  test.each(EVERY_PAIR)('%s -> %s allowed: %s', (from, to, allowed) => {
    // Act
    const result = canTransition(from, to);

    // Assess
    expect(result).toBe(allowed);
  });

  test.each(EVERY_PAIR)('assertTransition %s -> %s throws a 409 exactly when not allowed (%s)', (from, to, allowed) => {
    // Act
    const attempt = () => assertTransition(from, to);

    // Assess
    if (allowed) {
      expect(attempt).not.toThrow();
    } else {
      expect(attempt).toThrow(DomainError);
      try {
        attempt();
      } catch (e) {
        expect(e).toMatchObject({ status: 409, code: 'illegal_transition' });
        expect((e as Error).message).toContain(from);
        expect((e as Error).message).toContain(to);
      }
    }
  });

  test('no status moves to itself, and nothing leads back to pending_verification', () => {
    for (const s of STATUSES) {
      expect(canTransition(s, s)).toBe(false);
      expect(canTransition(s, 'pending_verification')).toBe(false);
    }
  });
});

describe('isFinal', () => {
  test.each([
    ['pending_verification', false],
    ['verified', false],
    ['awaiting_decision', false],
    ['approved', false],
    ['refused', true],
    ['completed', true],
    ['expired', true],
    ['cancelled', true],
  ] as const)('%s is final: %s', (status, final) => {
    // Act
    const result = isFinal(status);

    // Assess
    expect(result).toBe(final);
  });

  test('a status is final exactly when no transition leaves it', () => {
    for (const s of STATUSES) expect(isFinal(s)).toBe(STATUSES.every((to) => !canTransition(s, to)));
  });
});

describe('needsDecision and afterVerification', () => {
  const EXPECTED: Record<RequestType, { decision: boolean; next: RequestStatus }> = {
    access: { decision: false, next: 'completed' },
    portability: { decision: false, next: 'completed' },
    rectification: { decision: true, next: 'awaiting_decision' },
    erasure: { decision: true, next: 'awaiting_decision' },
    restriction: { decision: true, next: 'awaiting_decision' },
    objection: { decision: true, next: 'awaiting_decision' },
  };

  test.each(REQUEST_TYPES.map((t) => [t, EXPECTED[t].decision, EXPECTED[t].next] as const))(
    'a verified %s request needs a decision: %s, and moves to %s',
    (type, decision, next) => {
      // Act
      const needs = needsDecision(type);
      const status = afterVerification(type);

      // Assess
      expect(needs).toBe(decision);
      expect(status).toBe(next);
      expect(canTransition('verified', status)).toBe(true);
    },
  );
});
