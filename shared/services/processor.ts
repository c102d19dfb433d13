import type { Logger } from '../logger';
import type { Config } from '../config';
import { addDays, addHours } from '../domain/deadline';
import { DomainError } from '../domain/errors';
import type { Clock, Mailer, RegisterStore, RequestStore, Transition } from '../domain/ports';
import { sealDigest, type Signer } from '../domain/seal';
import { needsDecision } from '../domain/state';
import { hashToken, newToken } from '../domain/token';
import type { DsrRequest } from '../domain/types';
import type { NewAuditEvent } from '../domain/audit';
import * as mails from '../mail/templates';

export type ProcessorLogger = Pick<Logger, 'info' | 'warn'>;

export interface ProcessorDeps {
  requests: RequestStore;
  register: RegisterStore;
  mailer: Mailer;
  signer: Signer;
  clock: Clock;
  config: Pick<Config, 'controller' | 'publicBaseUrl' | 'verifyLinkHours' | 'exportLinkDays' | 'hmacKey'>;
  logger: ProcessorLogger;
  /** Work for a verified request of a type, beyond sealing and telling the contact person. */
  verifiedWork?: (deps: ProcessorDeps, r: DsrRequest) => Promise<DsrRequest | null>;
  /** Work for an approved or refused decision. */
  decisionWork?: (deps: ProcessorDeps, r: DsrRequest) => Promise<DsrRequest | null>;
}

/** A side effect that is done, recorded so a redelivered stream record does not repeat it. */
export const done = (r: DsrRequest, effect: string): boolean => (r.effects ?? []).includes(effect);

export const record = (deps: ProcessorDeps, r: DsrRequest, change: Transition, event: NewAuditEvent) =>
  deps.requests.transition(r, change, event, deps.clock.now().toISOString());

const link = (deps: ProcessorDeps, path: string) => `${deps.config.publicBaseUrl}${path}`;

/**
 * One step of a request's work, chosen by its current state: each step does one side effect and
 * records it (with its audit event) before the next. Returns the updated request, or null when
 * nothing is left to do. Crashing anywhere and running again repeats at most the last step's
 * unrecorded side effect, never a recorded one.
 */
export const step = async (deps: ProcessorDeps, r: DsrRequest): Promise<DsrRequest | null> => {
  const { controller } = deps.config;
  switch (r.status) {
    case 'pending_verification': {
      if (done(r, 'mail:verify') || !r.subject) return null;
      const now = deps.clock.now();
      const token = newToken();
      const expiresAt = addHours(now, deps.config.verifyLinkHours).toISOString();
      // A new token each attempt: only its hash is stored, so a retried mail cannot reuse the last one.
      await deps.requests.putToken({ tokenHash: hashToken(token), requestId: r.requestId, purpose: 'verify', expiresAt });
      const mail = mails.verifyMail(controller, {
        language: r.language,
        type: r.type,
        link: link(deps, `/requests/verify?token=${token}`),
        expiresAt,
      });
      await deps.mailer.send(r.subject.email, mail);
      return record(deps, r, { effect: 'mail:verify' }, { type: 'mail_sent', actor: 'system', data: { mail: 'verify', to: 'subject' } });
    }
    case 'verified': {
      if (!r.seal) {
        const digest = sealDigest(r);
        const { keyId, signature } = await deps.signer.sign(digest);
        const seal = { alg: 'ECDSA_SHA_256' as const, keyId, digest, signature, sealedAt: deps.clock.now().toISOString() };
        return record(deps, r, { set: { seal } }, { type: 'sealed', actor: 'system', data: { digest, keyId } });
      }
      if (!done(r, 'mail:contact')) {
        const mail = mails.contactVerifiedMail(controller, {
          requestId: r.requestId,
          type: r.type,
          dueAt: r.dueAt,
          receivedAt: r.receivedAt,
          adminUrl: link(deps, `/admin?request=${r.requestId}`),
          needsDecision: needsDecision(r.type),
        });
        await deps.mailer.send(controller.contactPerson.email, mail);
        return record(deps, r, { effect: 'mail:contact' }, { type: 'mail_sent', actor: 'system', data: { mail: 'contact_verified', to: 'contact_person' } });
      }
      return deps.verifiedWork ? deps.verifiedWork(deps, r) : null;
    }
    // Waiting for a decision still has work once the answer period is extended: telling the subject.
    case 'awaiting_decision':
    case 'approved':
    case 'refused':
      return deps.decisionWork ? deps.decisionWork(deps, r) : null;
    default:
      return null;
  }
};

/** Brings one request up to date. Safe to call any number of times, for any stream record of it. */
export const reconcile = async (deps: ProcessorDeps, requestId: string): Promise<void> => {
  let r: DsrRequest | null | undefined = await deps.requests.get(requestId);
  // A bound on steps: every flow is far shorter, so hitting it means a bug, not more work.
  for (let i = 0; r && i < 50; i++) {
    try {
      r = await step(deps, r);
    } catch (err) {
      // Someone else (a staff decision, a concurrent delivery) changed it: start again from fresh state.
      if (err instanceof DomainError && err.code === 'concurrent_update') {
        r = await deps.requests.get(requestId);
        continue;
      }
      throw err;
    }
  }
};

export const exportLinkExpiry = (deps: ProcessorDeps): string => addDays(deps.clock.now(), deps.config.exportLinkDays).toISOString();
