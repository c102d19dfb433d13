import type { Config } from '../config';
import { canonicalJson } from '../domain/canonical';
import { addDays } from '../domain/deadline';
import { RETENTION_KEY } from '../adapters/tables';
import { planErasure, type HoldRules } from '../domain/holds';
import type { Clock, CustomerRecord, ExportCleaner, ExportFiles, RegisterStore } from '../domain/ports';
import { normaliseEmail } from '../domain/email';
import { emailHmac, sha256Hex } from '../domain/token';
import type { Change, Customer, DsrRequest, Objection } from '../domain/types';
import * as mails from '../mail/templates';
import { exportPrefix } from './exports';
import { done, record, type ProcessorDeps } from './processor';

// What happens once a request waits for a decision, and once it is decided (the processor's part).

const rules = (c: Config['controller']): HoldRules => ({ voucherRetentionYears: c.voucherRetentionYears, financialYearEndMonth: c.financialYearEndMonth });

const findCustomer = async (deps: ProcessorDeps, r: DsrRequest): Promise<string | null> =>
  r.customerId !== undefined ? r.customerId : ((await deps.register.findByEmailHash(r.emailHash)) ?? null);

/** Verified request of a type that needs a decision: find the record, compute holds, apply Art. 21(3). */
export const decisionPendingWork = async (deps: ProcessorDeps, r: DsrRequest): Promise<DsrRequest | null> => {
  const c = deps.config.controller;
  if (r.customerId === undefined) {
    const customerId = await findCustomer(deps, r);
    const holds = r.type === 'erasure' && customerId ? await holdsOf(deps, customerId) : [];
    return record(deps, r, { set: { customerId, ...(r.type === 'erasure' ? { holds } : {}) } }, {
      type: 'register_checked',
      actor: 'system',
      data: { registerRecord: customerId !== null, ...(r.type === 'erasure' ? { holds: holds.map((h) => h.basis) } : {}) },
    });
  }
  // An objection to direct marketing is absolute (GDPR Art. 21(3)): in force at once, before any decision.
  if (r.type === 'objection' && r.objections?.includes('directMarketing') && !done(r, 'objection:directMarketing')) {
    if (r.customerId) await addSuppressions(deps, r.customerId, ['directMarketing']);
    return record(deps, r, { effect: 'objection:directMarketing' }, { type: 'objection_applied', actor: 'system', data: { objections: ['directMarketing'] } });
  }
  if (r.type === 'objection' && r.objections?.includes('directMarketing') && !done(r, 'mail:objection') && r.subject) {
    await deps.mailer.send(r.subject.email, mails.objectionAppliedMail(c, { language: r.language, objections: r.objections }));
    return record(deps, r, { effect: 'mail:objection' }, { type: 'mail_sent', actor: 'system', data: { mail: 'objection_applied', to: 'subject' } });
  }
  return record(deps, r, { set: { status: 'awaiting_decision' } }, { type: 'awaiting_decision', actor: 'system' });
};

const holdsOf = async (deps: ProcessorDeps, customerId: string) => {
  const rec = await deps.register.get(customerId);
  return rec ? planErasure(rec.customer, deps.clock.now(), rules(deps.config.controller)).holds : [];
};

const addSuppressions = async (deps: ProcessorDeps, customerId: string, objections: readonly Objection[]) => {
  const rec = await deps.register.getProfile(customerId);
  if (!rec) return;
  const suppressions = [...new Set([...rec.flags.suppressions, ...objections])];
  await deps.register.updateProfile(customerId, { set: { suppressions } });
};

const getPath = (o: Record<string, unknown>, path: string): unknown =>
  path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), o);

/** The profile attributes a set of changes writes (a nested address field rewrites the address). */
export const rectifiedAttributes = (customer: Customer, changes: readonly Change[]): Record<string, unknown> => {
  const set: Record<string, unknown> = {};
  for (const ch of changes) {
    const [head, sub] = ch.field.split('.') as [string, string | undefined];
    if (sub) {
      const base = (set[head] ?? customer.postalAddress ?? { street: '', postalCode: '', city: '', country: '' }) as Record<string, unknown>;
      set[head] = { ...base, [sub]: ch.value };
    } else {
      set[head] = ch.value;
    }
  }
  return set;
};

/** Applies an approved decision step by step, then writes the letter, then completes. */
export const decisionWork = (files: ExportFiles) => async (deps: ProcessorDeps, r: DsrRequest): Promise<DsrRequest | null> => {
  const c = deps.config.controller;
  // The extension notice first, even when a decision followed it before the processor got here.
  if (r.extension && !done(r, 'mail:extension') && r.subject) {
    await deps.mailer.send(r.subject.email, mails.extensionMail(c, { language: r.language, type: r.type, reason: r.extension.reason, newDueAt: r.dueAt }));
    return record(deps, r, { effect: 'mail:extension' }, { type: 'mail_sent', actor: 'system', data: { mail: 'extension', to: 'subject' } });
  }
  if (r.status === 'awaiting_decision') return null;
  if (r.status === 'refused') {
    if (done(r, 'mail:decision') || !r.subject) return null;
    await deps.mailer.send(r.subject.email, mails.decisionMail(c, { language: r.language, type: r.type, outcome: 'refused', reason: r.decision?.reason ?? '' }));
    return record(deps, r, { effect: 'mail:decision' }, { type: 'mail_sent', actor: 'system', data: { mail: 'decision_refused', to: 'subject' } });
  }
  if (r.status !== 'approved') return null;

  if (!done(r, 'applied')) return apply(deps, files, r);

  if (r.type === 'rectification' && r.customerId && r.changes) {
    for (const [i, recipient] of c.recipients.entries()) {
      const effect = `mail:art19:${i}`;
      if (done(r, effect)) continue;
      await deps.mailer.send(
        recipient.email,
        mails.correctionNoticeMail(c, { recipientName: recipient.name, customerRef: r.customerId, changes: r.changes, correctedAt: r.updatedAt }),
      );
      return record(deps, r, { effect }, { type: 'mail_sent', actor: 'system', data: { mail: 'correction_notice', to: `recipient:${i}` } });
    }
  }
  if (!done(r, 'mail:decision') && r.subject) {
    const details =
      r.type === 'rectification' ? { changes: r.changes ?? [] }
      : r.type === 'objection' ? { objections: r.objections ?? [] }
      : r.type === 'erasure' ? { kept: (r.holds ?? []).map((h) => ({ basis: h.basis, ...(h.until ? { until: h.until } : {}) })) }
      : {};
    await deps.mailer.send(r.subject.email, mails.decisionMail(c, { language: r.language, type: r.type, outcome: 'approved', details }));
    return record(deps, r, { effect: 'mail:decision' }, { type: 'mail_sent', actor: 'system', data: { mail: 'decision_approved', to: 'subject' } });
  }
  if (r.type === 'erasure' && (r.holds ?? []).every((h) => h.basis === 'accounting_vouchers')) {
    // Erased: the request keeps what proves it (ids, hashes, times, the seal), not who asked or what they wrote.
    return record(deps, r, { set: { status: 'completed' }, remove: ['subject', 'details', 'signature', 'client', 'verification'] }, {
      type: 'completed',
      actor: 'system',
      data: { minimised: true },
    });
  }
  return record(deps, r, { set: { status: 'completed' } }, { type: 'completed', actor: 'system' });
};

const apply = async (deps: ProcessorDeps, files: ExportFiles, r: DsrRequest): Promise<DsrRequest> => {
  const customerId = r.customerId ?? null;
  const applied = (data: Record<string, unknown>, set: Partial<DsrRequest> = {}) =>
    record(deps, r, { set, effect: 'applied' }, { type: 'applied', actor: 'system', data });
  if (!customerId) return applied({ registerRecord: false });
  switch (r.type) {
    case 'restriction':
      await deps.register.updateProfile(customerId, { set: { restricted: true } });
      return applied({ restricted: true });
    case 'objection':
      await addSuppressions(deps, customerId, r.objections ?? []);
      return applied({ suppressions: r.objections ?? [] });
    case 'rectification': {
      const rec = await deps.register.getProfile(customerId);
      if (!rec) return applied({ registerRecord: false });
      const changes = r.changes ?? [];
      const set = rectifiedAttributes(rec.customer, changes);
      const emailChange = changes.find((ch) => ch.field === 'email');
      if (emailChange) set.emailHash = emailHmac(deps.config.hmacKey, normaliseEmail(emailChange.value));
      const before = Object.fromEntries(changes.map((ch) => [ch.field, getPath(rec.customer as unknown as Record<string, unknown>, ch.field) ?? null]));
      const after = Object.fromEntries(changes.map((ch) => [ch.field, ch.value]));
      await deps.register.updateProfile(customerId, { set });
      // Before and after stay on the request (minimised with it later); the chained audit event
      // carries their digest, so the trail proves them without holding personal data itself.
      const rectification = { before, after, appliedAt: deps.clock.now().toISOString() };
      return applied({ fields: changes.map((ch) => ch.field), digest: sha256Hex(canonicalJson({ before, after })) }, { rectification });
    }
    case 'erasure':
      return applied(await erase(deps, files, customerId), {});
    default:
      return applied({});
  }
};

/**
 * Erases a register record as far as holds allow. Every operation is idempotent (puts and deletes
 * by key), so a crash between any two of them is finished by the redelivery, with nothing erased
 * twice and nothing left behind; the last step reads back to prove it.
 */
export interface EraseDeps { register: RegisterStore; clock: Clock; config: { controller: Config['controller'] } }

export const erase = async (deps: EraseDeps, files: ExportCleaner, customerId: string, known?: CustomerRecord) => {
  const rec = known ?? (await deps.register.get(customerId));
  if (!rec) return { registerRecord: false, erased: true };
  const plan = planErasure(rec.customer, deps.clock.now(), rules(deps.config.controller));
  await deps.register.putVouchers(plan.vouchers);
  await deps.register.deleteOrders(customerId, plan.removeOrderIds);
  for (const requestId of rec.exportRequests ?? []) await files.deletePrefix(exportPrefix(requestId));
  if (plan.keepRecord) {
    // Kept, restricted, and put on the daily sweep, which erases it once no hold keeps it.
    const recheck = addDays(deps.clock.now(), 1).toISOString();
    await deps.register.updateProfile(customerId, {
      set: { restricted: true, erasurePending: true, retentionKey: RETENTION_KEY, retentionDueAt: recheck },
      remove: plan.removeFields,
    });
    return { erased: false, keptRecord: true, holds: plan.holds.map((h) => h.basis), ordersErased: plan.removeOrderIds.length, vouchersKept: plan.vouchers.length };
  }
  await deps.register.deleteProfile(customerId);
  if (await deps.register.exists(customerId)) throw new Error('Register record still present after erasure');
  return { erased: true, ordersErased: plan.removeOrderIds.length, vouchersKept: plan.vouchers.length };
};
