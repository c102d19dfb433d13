import type { Config } from '../config';
import { addCalendarMonths, addCalendarYears, addDays } from '../domain/deadline';
import type { Clock, ExportCleaner, Mailer, RegisterStore, RequestStore, RequestSummary } from '../domain/ports';
import { retentionAction } from '../domain/retention';
import type { RequestStatus } from '../domain/types';
import * as mails from '../mail/templates';
import { erase } from './decisions';

/**
 * The daily job: erase register data whose retention has ended, remind the contact person of
 * deadlines, and tidy up (unverified requests, expired exports, old requests' personal data).
 *
 * Resumable by construction: every item it finishes leaves the "due" range of its index (erased,
 * re-dated, expired, minimised or marked deleted), so a run cut short by the time limit, a crash or
 * an injected fault is simply continued by the next run, and nothing is done twice. `shouldStop`
 * is asked between items, so a run ends cleanly before Lambda's limit.
 */
export interface RetentionDeps {
  requests: RequestStore;
  register: RegisterStore;
  files: ExportCleaner;
  mailer: Mailer;
  clock: Clock;
  config: Pick<Config, 'controller' | 'publicBaseUrl' | 'unverifiedExpiryDays'>;
  /** Due items per index read (default 100); tests make it small to cross pages with few records. */
  duePageSize?: number;
}

export interface RetentionSummary {
  now: string;
  erased: number;
  held: number;
  vouchersErased: number;
  reminded: number;
  /** Open requests past their due date at `now`: published as the OverdueRequests metric. */
  overdue: number;
  expired: number;
  exportsDeleted: number;
  minimised: number;
  complete: boolean;
}

const PAGE = 25;
/**
 * The due index projects keys only (about 60 bytes an item), and every Query costs at least half a
 * read unit: a hundred items a read keeps the sweep's index reads to a few per run.
 */
const DUE_PAGE = 100;
const PERSONAL = ['subject', 'details', 'changes', 'objections', 'signature', 'client', 'verification', 'rectification'] as const;
/** Statuses that still need someone to act, and so belong in the deadline digest. */
const OPEN: RequestStatus[] = ['verified', 'awaiting_decision', 'approved'];

export const runRetention = async (deps: RetentionDeps, now: Date, shouldStop: () => boolean = () => false): Promise<RetentionSummary> => {
  const at = now.toISOString();
  const s: RetentionSummary = { now: at, erased: 0, held: 0, vouchersErased: 0, reminded: 0, overdue: 0, expired: 0, exportsDeleted: 0, minimised: 0, complete: false };
  const c = deps.config.controller;
  const rules = { retentionYears: c.retentionYears, voucherRetentionYears: c.voucherRetentionYears, financialYearEndMonth: c.financialYearEndMonth };
  const eraseDeps = { register: deps.register, clock: { now: () => now } satisfies Clock, config: { controller: c } };

  // 1. Retention: only what the index says is due; a held record is re-dated, so each page is new work.
  for (;;) {
    if (shouldStop()) return s;
    const due = await deps.register.dueForRetention(at, deps.duePageSize ?? DUE_PAGE);
    if (due.length === 0) break;
    let progressed = 0;
    for (const item of due) {
      if (shouldStop()) return s;
      if (item.kind === 'voucher') {
        await deps.register.deleteVoucher(item.invoiceId);
        s.vouchersErased++;
        progressed++;
        continue;
      }
      // Read once, strongly: the erasure below deletes exactly what this read found.
      const rec = await deps.register.get(item.customerId);
      if (!rec) continue;
      const decision = retentionAction(rec.customer, rec.erasurePending === true, now, rules);
      if (decision.action === 'not_due') {
        // Re-dated (the relationship's end was corrected): move it to its real due date; a customer
        // again (no end date) leaves the index.
        if (decision.dueAt) await deps.register.setRetentionDue(item.customerId, decision.dueAt);
        else await deps.register.updateProfile(item.customerId, { remove: ['retentionKey', 'retentionDueAt', 'erasing'] });
        progressed++;
        continue;
      }
      if (!(await deps.register.claimForErasure(item.customerId, item.dueAt))) continue;
      const result = await erase(eraseDeps, deps.files, item.customerId, rec);
      if (result.erased) s.erased++;
      else s.held++;
      progressed++;
    }
    // A page in which nothing could move (records changed under us) would be read again forever.
    if (progressed === 0) break;
  }

  // 2. Deadlines: one digest a day of what is due within 7 days or overdue.
  const soon = addDays(now, 7).toISOString();
  const open: RequestSummary[] = (await Promise.all(OPEN.map((st) => deps.requests.listByStatus(st, { dueBefore: soon })))).flat();
  s.overdue = open.filter((r) => r.dueAt <= at).length;
  const today = at.slice(0, 10);
  const fresh = [];
  for (const item of open) {
    const r = await deps.requests.get(item.requestId);
    if (r && r.remindedOn !== today) fresh.push(r);
  }
  if (fresh.length > 0 && !shouldStop()) {
    const digest = (list: RequestSummary[]) => list.map((r) => ({ requestId: r.requestId, type: r.type, status: r.status, dueAt: r.dueAt }));
    await deps.mailer.send(
      c.contactPerson.email,
      mails.deadlineDigestMail(c, {
        overdue: digest(open.filter((r) => r.dueAt <= at)),
        dueSoon: digest(open.filter((r) => r.dueAt > at)),
        adminUrl: `${deps.config.publicBaseUrl}/admin/`,
      }),
    );
    for (const r of fresh) {
      await deps.requests.transition(r, { set: { remindedOn: today } }, { type: 'reminded', actor: 'system', data: { dueAt: r.dueAt, overdue: r.dueAt <= at } }, at);
      s.reminded++;
    }
  }

  // 3. Unverified requests expire, and take their personal data with them.
  const cutoff = addDays(now, -deps.config.unverifiedExpiryDays);
  const pending = await deps.requests.listByStatus('pending_verification', { dueBefore: addCalendarMonths(cutoff, 1).toISOString() + '~' });
  for (const p of pending) {
    if (shouldStop()) return s;
    if (p.receivedAt > cutoff.toISOString()) continue;
    const r = await deps.requests.get(p.requestId);
    if (!r || r.status !== 'pending_verification') continue;
    await deps.requests.transition(r, { set: { status: 'expired' }, remove: [...PERSONAL] }, { type: 'expired', actor: 'system' }, at);
    s.expired++;
  }

  // 4. Exports past their link's lifetime (the bucket's lifecycle rule is the backstop).
  for (;;) {
    if (shouldStop()) return s;
    const expired = await deps.requests.expiredExports(at, PAGE);
    if (expired.length === 0) break;
    for (const e of expired) {
      for (const f of e.files) await deps.files.deletePrefix(f.key);
      await deps.requests.markExportDeleted(e, at);
      s.exportsDeleted++;
    }
  }

  // 5. Finished requests keep their proof (ids, hashes, seal, decisions) but not their personal data.
  const proofCutoff = addCalendarYears(now, -c.proofRetentionYears).toISOString();
  for (const st of ['completed', 'refused', 'expired'] as const) {
    for (const f of await deps.requests.listByStatus(st, { dueBefore: proofCutoff })) {
      if (shouldStop()) return s;
      const r = await deps.requests.get(f.requestId);
      if (!r || r.updatedAt > proofCutoff) continue;
      // Leaving the index is what marks it done, so it is not read again tomorrow.
      await deps.requests.transition(r, { remove: [...PERSONAL, 'statusDue'] }, { type: 'minimised', actor: 'system' }, at);
      s.minimised++;
    }
  }

  s.complete = true;
  return s;
};

/** A CloudWatch embedded-metric-format line: Lambda's log ingestion turns it into Dsr/OverdueRequests. */
export const overdueMetric = (count: number, timestamp: number): string =>
  JSON.stringify({
    _aws: { Timestamp: timestamp, CloudWatchMetrics: [{ Namespace: 'Dsr', Dimensions: [[]], Metrics: [{ Name: 'OverdueRequests', Unit: 'Count' }] }] },
    OverdueRequests: count,
  });
