import type { AuditEvent, Customer, CustomerFlags, DsrRequest, Order, RequestStatus } from './types';
import type { NewAuditEvent } from './audit';
import type { TokenPurpose } from './token';
import type { Voucher } from './holds';

/** The interfaces the services need; adapters implement them over DynamoDB, S3, SES and KMS. */

export interface TokenRecord {
  tokenHash: string;
  requestId: string;
  purpose: TokenPurpose;
  expiresAt: string;
  exportId?: string;
  language?: 'fi' | 'en';
  usedAt?: string;
  revokedAt?: string;
}

export interface RequestSummary { requestId: string; type: DsrRequest['type']; status: RequestStatus; receivedAt: string; dueAt: string }

export interface Transition {
  /** Attributes to set on the request (status, seal, holds, …). */
  set?: Partial<DsrRequest>;
  /** Attributes to remove (personal data that is no longer needed). */
  remove?: ReadonlyArray<keyof DsrRequest | 'statusDue'>;
  /** A side effect now done, so a redelivery will not do it again. */
  effect?: string;
  /** Consume a token in the same atomic write (single use, unexpired, right purpose). */
  consumeToken?: { tokenHash: string; purpose: TokenPurpose; now: string };
}

export interface RateLimit { key: string; limit: number; windowSeconds: number }
export interface CreateGuards {
  limits?: RateLimit[];
  /** `keyHash` names the client's key (a keyed hash of the client and its Idempotency-Key); `bodyDigest` is keyed too. */
  idempotency?: { keyHash: string; bodyDigest: string; expiresAt: string };
}
export type CreateResult =
  | { created: true }
  | { created: false; requestId: string; bodyDigest: string }
  | { created: false; limited: true; retryAfterSeconds: number };

export interface RequestStore {
  /** Writes a new request and its first audit event; fails if the id exists. */
  /**
   * Writes a new request and its first audit event in one atomic write, together with its abuse
   * counters (each must stay within its limit) and, given an Idempotency-Key, the key's record.
   * A retry with the key gets the first request's id back (and its body digest to compare).
   */
  create(r: DsrRequest, event: NewAuditEvent, guards?: CreateGuards): Promise<CreateResult>;
  get(requestId: string): Promise<DsrRequest | undefined>;
  /**
   * Applies a change and appends its audit event atomically, on the condition that nobody else
   * changed the request since `current` was read (its audit sequence). Returns the new request.
   */
  transition(current: DsrRequest, change: Transition, event: NewAuditEvent, now: string): Promise<DsrRequest>;
  audit(requestId: string): Promise<AuditEvent[]>;
  listByStatus(status: RequestStatus, opts?: { dueBefore?: string; limit?: number }): Promise<RequestSummary[]>;
  getToken(tokenHash: string): Promise<TokenRecord | undefined>;
  putToken(t: TokenRecord): Promise<void>;
  putExport(e: ExportRecord): Promise<void>;
  getExport(requestId: string, exportId: string): Promise<ExportRecord | undefined>;
  /** Exports whose links have expired and whose files are not yet deleted. */
  expiredExports(now: string, limit: number): Promise<ExportRecord[]>;
  markExportDeleted(e: ExportRecord, at: string): Promise<void>;
}

export interface CustomerRecord {
  customer: Customer;
  flags: CustomerFlags;
  /** Requests whose exports hold this customer's data (deleted with the record). */
  exportRequests?: string[];
  /** An approved erasure waits for its holds to end. */
  erasurePending?: boolean;
}

export interface RegisterStore {
  findByEmailHash(emailHash: string): Promise<string | undefined>;
  /** Every record whose email matches (duplicates are real: each is part of the answer and the effect). */
  findAllByEmailHash(emailHash: string): Promise<string[]>;
  /** The profile and flags without orders. */
  getProfile(customerId: string): Promise<CustomerRecord | undefined>;
  /** Orders page by page, so a long history never sits in memory at once. */
  orders(customerId: string): AsyncIterable<Order[]>;
  /** The whole record with every order (strongly consistent unless told otherwise). */
  get(customerId: string, opts?: { consistent?: boolean }): Promise<CustomerRecord | undefined>;
  /** Whether anything of the record (profile or orders) is left: the read-back after an erasure. */
  exists(customerId: string): Promise<boolean>;
  /**
   * Merges one customer by id: profile fields replaced, orders upserted, flags the subject set
   * (restriction, suppressions) kept. Running it twice changes nothing.
   */
  upsert(customer: Customer, keys: { emailHash: string; retentionDueAt?: string }): Promise<void>;
  /** Sets and removes profile attributes of an existing record (flags, rectified fields, index keys). */
  updateProfile(customerId: string, change: { set?: Record<string, unknown>; remove?: string[] }): Promise<void>;
  deleteOrders(customerId: string, orderIds: string[]): Promise<void>;
  deleteProfile(customerId: string): Promise<void>;
  /** Keeps vouchers apart from the register, each until its retention ends. Idempotent. */
  putVouchers(vouchers: Voucher[]): Promise<void>;
  /** Records and vouchers whose retention is due at `now`, earliest first, a page at a time. */
  dueForRetention(now: string, limit: number): Promise<DueItem[]>;
  /**
   * Marks a record as being erased, on the condition that its due date is still the one the sweep
   * read: a customer who came back (no due date) or was re-dated is left alone. False if not.
   */
  claimForErasure(customerId: string, dueAt: string): Promise<boolean>;
  /** Moves a record's next retention check (a hold's end, or tomorrow for an open-ended hold). */
  setRetentionDue(customerId: string, dueAt: string): Promise<void>;
  deleteVoucher(invoiceId: string): Promise<void>;
}

/** What reads the register and never changes it (the staff API). */
export type RegisterReader = Pick<RegisterStore, 'findByEmailHash' | 'findAllByEmailHash' | 'getProfile' | 'orders' | 'get' | 'exists' | 'dueForRetention'>;

export type DueItem = { kind: 'customer'; customerId: string; dueAt: string } | { kind: 'voucher'; invoiceId: string; dueAt: string };

/** The stored files of an export (S3 in AWS, the S3 emulator locally). */
export interface ExportCleaner { deletePrefix(prefix: string): Promise<number> }
export interface ExportFiles extends ExportCleaner {
  put(key: string, chunks: AsyncIterable<string>, contentType: string): Promise<{ bytes: number }>;
}
export interface ExportLinks { presign(key: string, fileName: string, contentType: string, seconds: number): Promise<string> }

export interface ExportFile { name: string; key: string; contentType: string; bytes: number }
export interface ExportRecord {
  exportId: string;
  requestId: string;
  language: 'fi' | 'en';
  files: ExportFile[];
  createdAt: string;
  expiresAt: string;
  deletedAt?: string;
}

export interface Mail { subject: string; text: string; html: string }
export interface Mailer { send(to: string, mail: Mail): Promise<void> }

/** Fixed-window counters (DynamoDB items with a TTL). `hit` counts one and says whether it is within the limit. */
export interface RateLimiter {
  hit(key: string, limit: number, windowSeconds: number, now: Date): Promise<{ allowed: boolean; retryAfterSeconds: number }>;
  /**
   * Takes back one hit from the counter of the window `at` falls in (the time the hit was
   * counted), never below zero, by a conditional write: true when a hit was taken back, false
   * when that window's counter is gone or already at zero.
   */
  release(key: string, windowSeconds: number, at: Date): Promise<boolean>;
}

export interface Clock { now(): Date }
export const systemClock: Clock = { now: () => new Date() };
