import { readFileSync } from 'node:fs';
import * as z from 'zod/mini';
import { addCalendarYears } from '../domain/deadline';
import type { RegisterStore } from '../domain/ports';
import { normaliseEmail } from '../domain/email';
import { emailHmac } from '../domain/token';
import type { Customer } from '../domain/types';

/** The register file (CONTRACT.md): checked strictly, so a typo in a seed file fails loudly. */
const Address = z.strictObject({ street: z.string(), postalCode: z.string(), city: z.string(), country: z.string() });
const Invoice = z.strictObject({
  invoiceId: z.string().check(z.minLength(1)),
  issuedAt: z.string(),
  dueDate: z.string(),
  status: z.enum(['paid', 'open', 'in_collection']),
});
const Order = z.strictObject({
  orderId: z.string().check(z.minLength(1), z.maxLength(64)),
  orderedAt: z.string(),
  total: z.number(),
  currency: z.string(),
  items: z.array(z.strictObject({ name: z.string(), quantity: z.number(), unitPrice: z.number() })),
  invoice: z.optional(Invoice),
});
const CustomerSchema = z.strictObject({
  customerId: z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/)),
  firstName: z.string(),
  lastName: z.string(),
  organization: z.optional(z.string()),
  organizationContact: z.optional(z.boolean()),
  email: z.email(),
  phone: z.optional(z.string()),
  website: z.optional(z.string()),
  postalAddress: z.optional(Address),
  ipAddresses: z.optional(z.array(z.string())),
  relationshipEndedAt: z.optional(z.nullable(z.string())),
  orders: z.optional(z.array(Order)),
});
export const RegisterFileSchema = z.strictObject({ customers: z.array(CustomerSchema) });

export const readRegisterFile = (path: string): Customer[] => {
  const parsed = RegisterFileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    const where = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`${path} is not a valid register file: ${where}`);
  }
  return parsed.data.customers as Customer[];
};

/** When retention falls due: the relationship's end plus the retention years; none while a customer. */
export const retentionDueAt = (c: Customer, retentionYears: number): string | undefined =>
  c.relationshipEndedAt ? addCalendarYears(new Date(c.relationshipEndedAt), retentionYears).toISOString() : undefined;

export const seedRegister = async (register: RegisterStore, customers: Customer[], hmacKey: string, retentionYears: number): Promise<number> => {
  for (const c of customers) {
    const due = retentionDueAt(c, retentionYears);
    await register.upsert(c, { emailHash: emailHmac(hmacKey, normaliseEmail(c.email)), ...(due ? { retentionDueAt: due } : {}) });
  }
  return customers.length;
};
