import type { DsrRequest } from './types';
import { canonicalJson } from './canonical';
import { sha256Hex } from './token';

/**
 * The seal makes a verified request tamper-evident: what was asked, by whom, signed how, when and
 * from where. Its digest is signed (KMS in AWS, a local key locally) and both are kept.
 */
export const sealContent = (r: DsrRequest) => ({
  requestId: r.requestId,
  type: r.type,
  language: r.language,
  receivedAt: r.receivedAt,
  subject: r.subject,
  details: r.details,
  changes: r.changes,
  objections: r.objections,
  signature: r.signature,
  client: r.client,
  verification: r.verification,
});

export const sealDigest = (r: DsrRequest): string => sha256Hex(canonicalJson(sealContent(r)));

/** Signs and verifies a SHA-256 digest (hex). ECDSA P-256, DER-encoded signature in base64. */
export interface Signer {
  sign(digestHex: string): Promise<{ keyId: string; signature: string }>;
  verify(digestHex: string, signature: string): Promise<boolean>;
}
