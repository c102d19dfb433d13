import { financialYearEnd } from './deadline';
import type { Customer, Hold, Order } from './types';

/**
 * Legal holds on a register record (pure: the caller passes the time). From the privacy notice:
 * data is erased on request "unless legislation, open invoices or debt collection prevent it",
 * and an organisation's contact person cannot be removed while in that role. The Accounting Act
 * (kirjanpitolaki 2:10) keeps vouchers 6 years from the end of the financial year: that holds the
 * invoice data only, kept apart from the register, never the register record itself.
 */
export interface HoldRules {
  voucherRetentionYears: number;
  financialYearEndMonth: number;
}

/** Holds that keep the whole register record (restricted) while they last. */
export const RECORD_HOLDS = ['open_invoice', 'debt_collection', 'organization_contact'] as const;
export const keepsRecord = (h: Hold): boolean => (RECORD_HOLDS as readonly string[]).includes(h.basis);

const invoiced = (c: Customer): Order[] => (c.orders ?? []).filter((o) => o.invoice);

/**
 * The end of a voucher's retention. Kirjanpitolaki 2:10: vouchers are kept six years "from the end
 * of the year during which the financial year ended", so the end of that calendar year plus the
 * voucher years (for a December year end, simply the financial year's end plus six years).
 */
export const voucherUntil = (issuedAt: string, rules: HoldRules): Date => {
  const yearOfEnd = financialYearEnd(new Date(issuedAt), rules.financialYearEndMonth).getUTCFullYear();
  return new Date(Date.UTC(yearOfEnd + rules.voucherRetentionYears, 11, 31, 23, 59, 59, 999));
};

export const computeHolds = (c: Customer, now: Date, rules: HoldRules): Hold[] => {
  const holds: Hold[] = [];
  const withStatus = (s: 'open' | 'in_collection') => invoiced(c).filter((o) => o.invoice?.status === s).map((o) => o.invoice!.invoiceId);
  const open = withStatus('open');
  const collection = withStatus('in_collection');
  if (open.length) holds.push({ basis: 'open_invoice', invoiceIds: open });
  if (collection.length) holds.push({ basis: 'debt_collection', invoiceIds: collection });
  if (c.organizationContact === true) holds.push({ basis: 'organization_contact' });
  const vouchers = invoiced(c)
    .map((o) => ({ id: o.invoice!.invoiceId, until: voucherUntil(o.invoice!.issuedAt, rules) }))
    .filter((v) => v.until.getTime() > now.getTime());
  if (vouchers.length) {
    const until = new Date(Math.max(...vouchers.map((v) => v.until.getTime())));
    holds.push({ basis: 'accounting_vouchers', until: until.toISOString(), invoiceIds: vouchers.map((v) => v.id) });
  }
  return holds;
};

/** A voucher kept for the Accounting Act after the register record goes: the invoice and its buyer. */
export interface Voucher {
  invoiceId: string;
  orderId: string;
  buyer: { firstName: string; lastName: string; organization?: string };
  orderedAt: string;
  total: number;
  currency: string;
  items: Order['items'];
  invoice: NonNullable<Order['invoice']>;
  until: string;
}

/** Register fields a record-keeping hold needs: enough to invoice, collect, or reach the contact person. */
const HELD_FIELDS = ['customerId', 'firstName', 'lastName', 'organization', 'organizationContact', 'email', 'postalAddress', 'phone', 'relationshipEndedAt'] as const;
export const ERASABLE_FIELDS = ['website', 'ipAddresses'] as const;

export interface ErasurePlan {
  holds: Hold[];
  /** True while a record-keeping hold lasts: the record stays, restricted, stripped of what no hold needs. */
  keepRecord: boolean;
  /** Profile fields to remove now (only when the record is kept; otherwise the whole record goes). */
  removeFields: string[];
  /** Orders to delete from the register now. */
  removeOrderIds: string[];
  /** Vouchers to keep apart from the register until their retention ends. */
  vouchers: Voucher[];
}

export const planErasure = (c: Customer, now: Date, rules: HoldRules): ErasurePlan => {
  const holds = computeHolds(c, now, rules);
  const keepRecord = holds.some(keepsRecord);
  const heldInvoices = new Set(holds.filter(keepsRecord).flatMap((h) => h.invoiceIds ?? []));
  const voucherHold = holds.find((h) => h.basis === 'accounting_vouchers');
  const voucherIds = new Set(voucherHold?.invoiceIds ?? []);
  const orders = c.orders ?? [];
  const removeOrderIds = orders.filter((o) => !(o.invoice && heldInvoices.has(o.invoice.invoiceId))).map((o) => o.orderId);
  const vouchers: Voucher[] = orders
    .filter((o) => o.invoice && voucherIds.has(o.invoice.invoiceId) && !heldInvoices.has(o.invoice.invoiceId))
    .map((o) => ({
      invoiceId: o.invoice!.invoiceId,
      orderId: o.orderId,
      buyer: { firstName: c.firstName, lastName: c.lastName, ...(c.organization ? { organization: c.organization } : {}) },
      orderedAt: o.orderedAt,
      total: o.total,
      currency: o.currency,
      items: o.items,
      invoice: o.invoice!,
      until: voucherUntil(o.invoice!.issuedAt, rules).toISOString(),
    }));
  const removeFields = keepRecord
    ? Object.keys(c).filter((k) => k !== 'orders' && !(HELD_FIELDS as readonly string[]).includes(k))
    : [];
  return { holds, keepRecord, removeFields, removeOrderIds, vouchers };
};
