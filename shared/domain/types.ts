/** The domain's words, shared by the core, the adapters and the handlers. No AWS imports here. */

export const LANGUAGES = ['fi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const REQUEST_TYPES = ['access', 'portability', 'rectification', 'erasure', 'restriction', 'objection'] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];

export const OBJECTIONS = ['directMarketing', 'distanceSelling', 'marketResearch', 'publication'] as const;
export type Objection = (typeof OBJECTIONS)[number];

/** Register fields a rectification may change. */
export const RECTIFIABLE_FIELDS = [
  'firstName', 'lastName', 'organization', 'email', 'phone', 'website',
  'postalAddress.street', 'postalAddress.postalCode', 'postalAddress.city', 'postalAddress.country',
] as const;
export type RectifiableField = (typeof RECTIFIABLE_FIELDS)[number];

export const STATUSES = [
  'pending_verification', 'verified', 'awaiting_decision', 'approved', 'refused', 'completed', 'expired', 'cancelled',
] as const;
export type RequestStatus = (typeof STATUSES)[number];

export interface Change { field: RectifiableField; value: string; reason?: string }

export interface Signature { fullName: string; declaration: true }

/** What the public form sends, after validation. */
export interface RequestInput {
  type: RequestType;
  language: Language;
  email: string;
  firstName: string;
  lastName: string;
  details?: string;
  changes?: Change[];
  objections?: Objection[];
  signature: Signature;
}

export interface ClientInfo { ip: string; userAgent: string }

export type HoldBasis = 'open_invoice' | 'debt_collection' | 'organization_contact' | 'accounting_vouchers';
export interface Hold { basis: HoldBasis; until?: string; invoiceIds?: string[] }

export interface Seal {
  alg: 'ECDSA_SHA_256';
  keyId: string;
  /** SHA-256 (hex) of the canonical serialisation of the sealed content. */
  digest: string;
  /** DER signature, base64. */
  signature: string;
  sealedAt: string;
}

export type DecisionKind = 'approve' | 'refuse' | 'extend';
/** `decidedBy` is `staff:<sub>` (the identity provider's stable id); the email only when it was verified. */
export interface Decision { decision: DecisionKind; reason?: string; decidedBy: string; decidedByEmail?: string; decidedAt: string }

/** One data-subject request, as stored. Personal data lives in `subject`, `details`, `changes`, `signature`, `client`. */
export interface DsrRequest {
  requestId: string;
  type: RequestType;
  language: Language;
  status: RequestStatus;
  receivedAt: string;
  dueAt: string;
  /** HMAC of the normalised email: finds the register record without the address (limits key the canonical mailbox). */
  emailHash: string;
  subject?: { email: string; firstName: string; lastName: string };
  details?: string;
  changes?: Change[];
  objections?: Objection[];
  signature?: Signature & { signedAt: string };
  client?: ClientInfo;
  verification?: { verifiedAt: string; ip: string; userAgent: string };
  seal?: Seal;
  /** The first register record whose email matches (null when none); kept for the staff view and old items. */
  customerId?: string | null;
  /** Every register record whose email matches: each takes part in the answer and the effect. */
  customerIds?: string[];
  holds?: Hold[];
  decision?: Decision;
  /** Applied rectification: the values before and after (personal data, minimised with the request). */
  rectification?: { before: Record<string, unknown>; after: Record<string, unknown>; appliedAt: string };
  extension?: { reason: string; extendedAt: string; extendedBy: string; extendedByEmail?: string; previousDueAt: string };
  /** The day (YYYY-MM-DD) the contact person was last reminded of this request. */
  remindedOn?: string;
  /** Side effects already done (mails sent, exports built), so redeliveries do none twice. */
  effects?: string[];
  /** Number of audit events; every write moves it by one, so concurrent writers cannot interleave. */
  auditSeq: number;
  auditHead: string;
  updatedAt: string;
}

export interface AuditEvent {
  requestId: string;
  seq: number;
  at: string;
  type: string;
  actor: string;
  data?: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export interface Address { street: string; postalCode: string; city: string; country: string }
export interface Invoice { invoiceId: string; issuedAt: string; dueDate: string; status: 'paid' | 'open' | 'in_collection' }
export interface OrderItem { name: string; quantity: number; unitPrice: number }
export interface Order { orderId: string; orderedAt: string; total: number; currency: string; items: OrderItem[]; invoice?: Invoice }

/** A register record as the register file (seed input) and exports carry it. */
export interface Customer {
  customerId: string;
  firstName: string;
  lastName: string;
  organization?: string;
  organizationContact?: boolean;
  email: string;
  phone?: string;
  website?: string;
  postalAddress?: Address;
  ipAddresses?: string[];
  relationshipEndedAt?: string | null;
  orders?: Order[];
}

/** What the controller has done to the record at the subject's request. */
export interface CustomerFlags {
  restricted: boolean;
  suppressions: Objection[];
}
