import { verifyChain } from '../domain/audit';
import type { RegisterReader, RequestStore, RequestSummary } from '../domain/ports';
import { sealDigest, type Signer } from '../domain/seal';
import { STATUSES, type RequestStatus } from '../domain/types';

export interface AdminDeps { requests: RequestStore; register: RegisterReader; signer: Signer }

const byDue = (a: RequestSummary, b: RequestSummary) => a.dueAt.localeCompare(b.dueAt) || a.requestId.localeCompare(b.requestId);

/** Requests of one status (or every status), earliest due first. */
export const listRequests = async (deps: AdminDeps, status?: RequestStatus): Promise<RequestSummary[]> => {
  const statuses = status ? [status] : STATUSES;
  const lists = await Promise.all(statuses.map((s) => deps.requests.listByStatus(s)));
  return lists.flat().sort(byDue);
};

/** One request for staff: what was asked, its holds and decision, the seal check and the audit trail. */
export const describeRequest = async (deps: AdminDeps, requestId: string) => {
  const r = await deps.requests.get(requestId);
  if (!r) return undefined;
  const audit = await deps.requests.audit(requestId);
  // The chain proves each link; the request's own head and count prove nothing was cut off the end.
  const brokenAt = verifyChain(audit);
  const wholeTail = audit.length === r.auditSeq && audit.at(-1)?.hash === r.auditHead;
  let seal: { present: boolean; valid?: boolean; sealedAt?: string } = { present: false };
  if (r.seal) {
    // The digest is recomputed from what is stored now: personal data minimised later cannot be re-checked.
    const contentIntact = r.subject ? sealDigest(r) === r.seal.digest : undefined;
    const signatureValid = await deps.signer.verify(r.seal.digest, r.seal.signature);
    seal = { present: true, valid: signatureValid && contentIntact !== false, sealedAt: r.seal.sealedAt };
  }
  const { auditHead: _h, auditSeq: _s, emailHash: _e, ...rest } = r;
  return { ...rest, holds: r.holds ?? [], seal, auditChainIntact: brokenAt === null && wholeTail, audit };
};
