import { addCalendarYears, addDays } from './deadline';
import { keepsRecord, planErasure, type HoldRules } from './holds';
import type { Customer, Hold } from './types';

/**
 * The retention rule of the privacy notice: personal data is kept 10 years (calendar) from the end
 * of the customer relationship, then erased unless a hold keeps the record. Pure.
 */
export const retentionDueDate = (relationshipEndedAt: string | null | undefined, years: number): Date | undefined =>
  relationshipEndedAt ? addCalendarYears(new Date(relationshipEndedAt), years) : undefined;

export type RetentionAction =
  | { action: 'erase' }
  | { action: 'hold'; holds: Hold[]; nextCheck: string }
  | { action: 'not_due'; dueAt?: string };

export interface RetentionRules extends HoldRules { retentionYears: number }

/**
 * What the daily sweep does with a record it found due. `erasurePending` marks an approved
 * erasure waiting for its holds. A record-keeping hold has no end date of its own (an invoice is
 * paid when it is paid), so a held record is looked at again the next day.
 */
export const retentionAction = (c: Customer, erasurePending: boolean, now: Date, rules: RetentionRules): RetentionAction => {
  const due = retentionDueDate(c.relationshipEndedAt, rules.retentionYears);
  const isDue = erasurePending || (due !== undefined && due.getTime() <= now.getTime());
  if (!isDue) return { action: 'not_due', ...(due ? { dueAt: due.toISOString() } : {}) };
  const holds = planErasure(c, now, rules).holds;
  if (holds.some(keepsRecord)) return { action: 'hold', holds, nextCheck: addDays(now, 1).toISOString() };
  return { action: 'erase' };
};
