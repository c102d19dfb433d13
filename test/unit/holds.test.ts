import fc from 'fast-check';
import { computeHolds, ERASABLE_FIELDS, keepsRecord, planErasure, RECORD_HOLDS, voucherUntil, type HoldRules } from '../../shared/domain/holds';
import type { Customer, Hold, Invoice, Order } from '../../shared/domain/types';

const RULES: HoldRules = { voucherRetentionYears: 6, financialYearEndMonth: 12 };
const HELD_FIELDS = ['customerId', 'firstName', 'lastName', 'organization', 'organizationContact', 'email', 'postalAddress', 'phone', 'relationshipEndedAt'];
const at = (s: string): Date => new Date(s);

const order = (n: number, invoice?: Partial<Invoice>): Order => ({
  orderId: `o-${n}`,
  orderedAt: invoice?.issuedAt ?? '2025-01-02T10:00:00Z',
  total: 19.9,
  currency: 'EUR',
  items: [{ name: 'Wellflix Premium, 12 kk', quantity: 1, unitPrice: 19.9 }],
  ...(invoice ? { invoice: { invoiceId: `i-${n}`, issuedAt: '2025-01-02', dueDate: '2025-01-16', status: 'paid', ...invoice } } : {}),
});

/** A customer of the register file, every optional field present. */
const customer = (over: Partial<Customer> = {}): Customer => ({
  customerId: 'c-1001',
  firstName: 'Maija',
  lastName: 'Meikäläinen',
  organization: 'Esimerkki Oy',
  organizationContact: false,
  email: 'maija@example.fi',
  phone: '+358401234567',
  website: 'https://example.fi',
  postalAddress: { street: 'Tekniikantie 1', postalCode: '02150', city: 'Espoo', country: 'FI' },
  ipAddresses: ['192.0.2.10'],
  relationshipEndedAt: null,
  orders: [],
  ...over,
});

const basis = (holds: Hold[]) => holds.map((h) => h.basis);

describe('voucherUntil: 6 years from the end of the year in which the financial year ended', () => {
  test.each([
    ['2019-03-01', 12, '2025-12-31T23:59:59.999Z'],
    ['2019-01-01', 12, '2025-12-31T23:59:59.999Z'],
    ['2019-12-31T23:59:59.999Z', 12, '2025-12-31T23:59:59.999Z'],
    ['2020-01-01T00:00:00.000Z', 12, '2026-12-31T23:59:59.999Z'],
    ['2024-02-29', 12, '2030-12-31T23:59:59.999Z'],
    // Kirjanpitolaki 2:10 counts from the end of the calendar year in which the financial year ended.
    ['2019-03-01', 6, '2025-12-31T23:59:59.999Z'],
    ['2019-07-01', 6, '2026-12-31T23:59:59.999Z'],
    ['2019-10-15', 9, '2026-12-31T23:59:59.999Z'],
    ['2021-03-01', 2, '2028-12-31T23:59:59.999Z'],
    ['2023-03-01', 2, '2030-12-31T23:59:59.999Z'],
    ['2024-02-29', 2, '2030-12-31T23:59:59.999Z'],
  ])('an invoice issued %s (year ending in month %i) is kept until %s', (issuedAt, endMonth, expected) => {
    // Act
    const until = voucherUntil(issuedAt, { voucherRetentionYears: 6, financialYearEndMonth: endMonth });

    // Assess
    expect(until.toISOString()).toBe(expected);
  });
});

describe('computeHolds', () => {
  test('a customer with no orders and no role has no holds', () => {
    expect(computeHolds(customer(), at('2026-01-01T00:00:00Z'), RULES)).toEqual([]);
    expect(computeHolds(customer({ orders: undefined, organizationContact: undefined }), at('2026-01-01T00:00:00Z'), RULES)).toEqual([]);
  });

  test('an open invoice keeps the record', () => {
    // Prepare
    const c = customer({ orders: [order(1, { status: 'open', issuedAt: '2010-01-02' }), order(2, { status: 'paid', issuedAt: '2010-01-02' })] });

    // Act
    const holds = computeHolds(c, at('2026-01-01T00:00:00Z'), RULES);

    // Assess
    expect(holds).toEqual([{ basis: 'open_invoice', invoiceIds: ['i-1'] }]);
    expect(holds.some(keepsRecord)).toBe(true);
  });

  test('an invoice in debt collection keeps the record', () => {
    // Prepare
    const c = customer({ orders: [order(1, { status: 'in_collection', issuedAt: '2010-01-02' }), order(2, { status: 'in_collection', issuedAt: '2011-05-02' })] });

    // Act
    const holds = computeHolds(c, at('2026-01-01T00:00:00Z'), RULES);

    // Assess
    expect(holds).toEqual([{ basis: 'debt_collection', invoiceIds: ['i-1', 'i-2'] }]);
  });

  test("an organisation's contact person is kept while in the role", () => {
    // Act
    const contact = computeHolds(customer({ organizationContact: true }), at('2026-01-01T00:00:00Z'), RULES);
    const former = computeHolds(customer({ organizationContact: false }), at('2026-01-01T00:00:00Z'), RULES);

    // Assess
    expect(contact).toEqual([{ basis: 'organization_contact' }]);
    expect(former).toEqual([]);
  });

  test('accounting vouchers: issued 2019-03-01, year ending December, held until 2025-12-31T23:59:59.999Z', () => {
    // Prepare
    const c = customer({ orders: [order(1, { issuedAt: '2019-03-01', status: 'paid' })] });

    // Act
    const during = computeHolds(c, at('2025-06-01T00:00:00Z'), RULES);
    const lastMoment = computeHolds(c, at('2025-12-31T23:59:59.998Z'), RULES);
    const atEnd = computeHolds(c, at('2025-12-31T23:59:59.999Z'), RULES);
    const newYear = computeHolds(c, at('2026-01-01T00:00:00.000Z'), RULES);

    // Assess
    expect(during).toEqual([{ basis: 'accounting_vouchers', until: '2025-12-31T23:59:59.999Z', invoiceIds: ['i-1'] }]);
    expect(lastMoment).toEqual(during);
    expect(atEnd).toEqual([]);
    expect(newYear).toEqual([]);
  });

  test('accounting vouchers do not keep the record', () => {
    // Act
    const holds = computeHolds(customer({ orders: [order(1, { issuedAt: '2024-05-01' })] }), at('2025-01-01T00:00:00Z'), RULES);

    // Assess
    expect(basis(holds)).toEqual(['accounting_vouchers']);
    expect(holds.some(keepsRecord)).toBe(false);
  });

  test('the voucher hold names only the invoices still within retention, and lasts until the latest', () => {
    // Prepare
    const c = customer({
      orders: [order(1, { issuedAt: '2018-06-01' }), order(2, { issuedAt: '2020-02-29' }), order(3, { issuedAt: '2022-12-31' }), order(4)].map((o, i) =>
        i === 3 ? { ...o, invoice: undefined } : o,
      ),
    });

    // Act
    const holds = computeHolds(c, at('2025-03-01T00:00:00Z'), RULES);

    // Assess
    expect(holds).toEqual([{ basis: 'accounting_vouchers', until: '2028-12-31T23:59:59.999Z', invoiceIds: ['i-2', 'i-3'] }]);
  });

  test('a non-December financial year: kept to the end of the calendar year in which it ended, plus six', () => {
    // Prepare: the year July 2019 - June 2020 ended during 2020.
    const c = customer({ orders: [order(1, { issuedAt: '2019-07-01' })] });
    const june: HoldRules = { voucherRetentionYears: 6, financialYearEndMonth: 6 };

    // Act
    const held = computeHolds(c, at('2026-12-31T23:59:59.998Z'), june);
    const released = computeHolds(c, at('2026-12-31T23:59:59.999Z'), june);

    // Assess
    expect(held).toEqual([{ basis: 'accounting_vouchers', until: '2026-12-31T23:59:59.999Z', invoiceIds: ['i-1'] }]);
    expect(released).toEqual([]);
  });

  test('every basis at once, record holds first', () => {
    // Prepare
    const c = customer({
      organizationContact: true,
      orders: [order(1, { status: 'open', issuedAt: '2025-01-02' }), order(2, { status: 'in_collection', issuedAt: '2024-01-02' }), order(3, { issuedAt: '2023-01-02' })],
    });

    // Act
    const holds = computeHolds(c, at('2025-03-01T00:00:00Z'), RULES);

    // Assess
    expect(holds).toEqual([
      { basis: 'open_invoice', invoiceIds: ['i-1'] },
      { basis: 'debt_collection', invoiceIds: ['i-2'] },
      { basis: 'organization_contact' },
      { basis: 'accounting_vouchers', until: '2031-12-31T23:59:59.999Z', invoiceIds: ['i-1', 'i-2', 'i-3'] },
    ]);
    expect(RECORD_HOLDS).toEqual(['open_invoice', 'debt_collection', 'organization_contact']);
  });
});

describe('planErasure', () => {
  const NOW = at('2025-03-01T00:00:00Z');

  test('with no holds the whole record and every order goes, and nothing is kept', () => {
    // Prepare
    const c = customer({ orders: [order(1, { issuedAt: '2015-01-02' }), order(2)].map((o, i) => (i === 1 ? { ...o, invoice: undefined } : o)) });

    // Act
    const plan = planErasure(c, NOW, RULES);

    // Assess
    expect(plan).toEqual({ holds: [], keepRecord: false, removeFields: [], removeOrderIds: ['o-1', 'o-2'], vouchers: [] });
  });

  test('paid invoices within retention leave the register as vouchers; the record still goes', () => {
    // Prepare
    const c = customer({ orders: [order(1, { issuedAt: '2024-02-29' }), order(2, { issuedAt: '2017-05-05' })] });

    // Act
    const plan = planErasure(c, NOW, RULES);

    // Assess
    expect(plan.keepRecord).toBe(false);
    expect(plan.removeFields).toEqual([]);
    expect(plan.removeOrderIds).toEqual(['o-1', 'o-2']);
    expect(plan.vouchers).toEqual([
      {
        invoiceId: 'i-1',
        orderId: 'o-1',
        buyer: { firstName: 'Maija', lastName: 'Meikäläinen', organization: 'Esimerkki Oy' },
        orderedAt: '2024-02-29',
        total: 19.9,
        currency: 'EUR',
        items: [{ name: 'Wellflix Premium, 12 kk', quantity: 1, unitPrice: 19.9 }],
        invoice: { invoiceId: 'i-1', issuedAt: '2024-02-29', dueDate: '2025-01-16', status: 'paid' },
        until: '2030-12-31T23:59:59.999Z',
      },
    ]);
  });

  test('a voucher of a private customer names no organisation', () => {
    // Prepare
    const c = customer({ organization: undefined, orders: [order(1, { issuedAt: '2024-01-01' })] });
    delete c.organization;

    // Act
    const plan = planErasure(c, NOW, RULES);

    // Assess
    expect(plan.vouchers[0]?.buyer).toEqual({ firstName: 'Maija', lastName: 'Meikäläinen' });
  });

  test('an open invoice keeps the record, its order and the fields needed to collect; the rest goes', () => {
    // Prepare
    const c = customer({ orders: [order(1, { status: 'open', issuedAt: '2025-01-02' }), order(2, { issuedAt: '2024-06-01' }), { ...order(3), invoice: undefined }] });

    // Act
    const plan = planErasure(c, NOW, RULES);

    // Assess
    expect(plan.keepRecord).toBe(true);
    expect(plan.removeFields.sort()).toEqual(['ipAddresses', 'website']);
    expect(plan.removeOrderIds).toEqual(['o-2', 'o-3']);
    expect(plan.vouchers.map((v) => v.invoiceId)).toEqual(['i-2']);
  });

  test('debt collection keeps its order; a contact person keeps the record but not the orders', () => {
    // Prepare
    const collected = customer({ orders: [order(1, { status: 'in_collection', issuedAt: '2012-01-02' }), order(2, { issuedAt: '2012-01-02' })] });
    const contact = customer({ organizationContact: true, orders: [order(1, { issuedAt: '2012-01-02' }), order(2, { issuedAt: '2024-01-02' })] });

    // Act
    const collectedPlan = planErasure(collected, NOW, RULES);
    const contactPlan = planErasure(contact, NOW, RULES);

    // Assess
    expect(collectedPlan.keepRecord).toBe(true);
    expect(collectedPlan.removeOrderIds).toEqual(['o-2']);
    expect(collectedPlan.vouchers).toEqual([]);
    expect(contactPlan.keepRecord).toBe(true);
    expect(contactPlan.removeFields.sort()).toEqual(['ipAddresses', 'website']);
    expect(contactPlan.removeOrderIds).toEqual(['o-1', 'o-2']);
    expect(contactPlan.vouchers.map((v) => v.invoiceId)).toEqual(['i-2']);
  });

  test.each(HELD_FIELDS)('the held field %s is never removed while a record hold lasts', (field) => {
    // Prepare
    const c = customer({ organizationContact: true, relationshipEndedAt: '2014-01-01' });

    // Act
    const plan = planErasure(c, NOW, RULES);

    // Assess
    expect(plan.keepRecord).toBe(true);
    expect(Object.keys(c)).toContain(field);
    expect(plan.removeFields).not.toContain(field);
  });

  test('removes only fields the record has', () => {
    // Prepare
    const c = customer({ organizationContact: true });
    delete c.website;

    // Act
    const plan = planErasure(c, NOW, RULES);

    // Assess
    expect(plan.removeFields).toEqual(['ipAddresses']);
    expect(ERASABLE_FIELDS).toEqual(['website', 'ipAddresses']);
  });
});

// ---- properties ------------------------------------------------------------------------------

const MS_YEAR = 365.25 * 86_400_000;
const dateIn = (from: string, to: string) => fc.date({ min: at(from), max: at(to), noInvalidDate: true });
/** Issue dates as the register file writes them (dates or times), leap days and year ends included. */
const issuedAtArb = fc.oneof(
  dateIn('2000-01-01T00:00:00Z', '2040-12-31T23:59:59.999Z').map((d) => d.toISOString()),
  dateIn('2000-01-01T00:00:00Z', '2040-12-31T23:59:59.999Z').map((d) => d.toISOString().slice(0, 10)),
  fc.integer({ min: 2000, max: 2040 }).map((y) => `${y}-12-31T23:59:59.999Z`),
  fc.integer({ min: 2000, max: 2040 }).map((y) => `${y}-01-01T00:00:00.000Z`),
  fc.constantFrom(2000, 2004, 2008, 2012, 2016, 2020, 2024, 2028, 2032, 2036, 2040).map((y) => `${y}-02-29`),
);
const statusArb = fc.constantFrom<Invoice['status']>('paid', 'paid', 'paid', 'open', 'in_collection');
const orderArb = fc.record({
  issuedAt: issuedAtArb,
  status: statusArb,
  invoiced: fc.boolean(),
  total: fc.integer({ min: 0, max: 100_000 }).map((c) => c / 100),
});
const customerArb = fc
  .record(
    {
      organization: fc.string({ minLength: 1, maxLength: 20 }),
      organizationContact: fc.boolean(),
      phone: fc.constant('+358401234567'),
      website: fc.constant('https://example.fi'),
      postalAddress: fc.constant({ street: 'Tekniikantie 1', postalCode: '02150', city: 'Espoo', country: 'FI' }),
      ipAddresses: fc.array(fc.ipV4(), { maxLength: 3 }),
      relationshipEndedAt: fc.option(issuedAtArb, { nil: null }),
      orders: fc.array(orderArb, { maxLength: 8 }),
    },
    { requiredKeys: [] },
  )
  .map(({ orders, ...rest }): Customer => ({
    customerId: 'c-1',
    firstName: 'Maija',
    lastName: 'Meikäläinen',
    email: 'maija@example.fi',
    ...rest,
    ...(orders
      ? {
          orders: orders.map((o, i) => ({
            orderId: `o-${i}`,
            orderedAt: o.issuedAt,
            total: o.total,
            currency: 'EUR',
            items: [],
            ...(o.invoiced ? { invoice: { invoiceId: `i-${i}`, issuedAt: o.issuedAt, dueDate: o.issuedAt, status: o.status } } : {}),
          })),
        }
      : {}),
  }));
const nowArb = fc.oneof(
  dateIn('2000-01-01T00:00:00Z', '2050-12-31T23:59:59.999Z'),
  fc.integer({ min: 2000, max: 2050 }).map((y) => at(`${y}-12-31T23:59:59.999Z`)),
  fc.integer({ min: 2001, max: 2050 }).map((y) => at(`${y}-01-01T00:00:00.000Z`)),
);
const rulesArb = fc.record({ voucherRetentionYears: fc.integer({ min: 1, max: 10 }), financialYearEndMonth: fc.integer({ min: 1, max: 12 }) });

describe('holds properties', () => {
  test('a held field is never erased, and every invoice in a record hold keeps its order', () => {
    fc.assert(
      fc.property(customerArb, nowArb, (c, now) => {
        const plan = planErasure(c, now, RULES);
        const heldInvoices = plan.holds.filter(keepsRecord).flatMap((h) => h.invoiceIds ?? []);
        if (plan.keepRecord) {
          for (const f of plan.removeFields) expect(HELD_FIELDS).not.toContain(f);
          for (const f of plan.removeFields) expect(Object.keys(c)).toContain(f);
          for (const f of ERASABLE_FIELDS) if (f in c) expect(plan.removeFields).toContain(f);
        } else {
          expect(plan.removeFields).toEqual([]);
        }
        for (const id of heldInvoices) {
          const o = c.orders?.find((x) => x.invoice?.invoiceId === id);
          expect(o).toBeDefined();
          expect(plan.removeOrderIds).not.toContain(o!.orderId);
        }
      }),
      { numRuns: 500 },
    );
  });

  test('the record is kept exactly while an invoice is open or in collection, or the subject is a contact person', () => {
    fc.assert(
      fc.property(customerArb, nowArb, (c, now) => {
        const plan = planErasure(c, now, RULES);
        const unpaid = (c.orders ?? []).some((o) => o.invoice && o.invoice.status !== 'paid');
        expect(plan.keepRecord).toBe(unpaid || c.organizationContact === true);
      }),
    );
  });

  test('every invoiced order within retention is either kept or leaves a voucher, never both', () => {
    fc.assert(
      fc.property(customerArb, nowArb, rulesArb, (c, now, rules) => {
        const plan = planErasure(c, now, rules);
        for (const o of c.orders ?? []) {
          const kept = !plan.removeOrderIds.includes(o.orderId);
          const voucher = plan.vouchers.find((v) => v.orderId === o.orderId);
          if (!o.invoice) {
            expect(kept).toBe(false);
            continue;
          }
          const within = voucherUntil(o.invoice.issuedAt, rules).getTime() > now.getTime();
          if (within) expect(kept || voucher !== undefined).toBe(true);
          expect(kept && voucher !== undefined).toBe(false);
          if (!kept && !within) expect(voucher).toBeUndefined();
          if (kept) expect(o.invoice.status).not.toBe('paid');
        }
      }),
      { numRuns: 500 },
    );
  });

  test('vouchers are only for invoices still within retention, and say until when', () => {
    fc.assert(
      fc.property(customerArb, nowArb, rulesArb, (c, now, rules) => {
        const plan = planErasure(c, now, rules);
        for (const v of plan.vouchers) {
          expect(v.until).toBe(voucherUntil(v.invoice.issuedAt, rules).toISOString());
          expect(at(v.until).getTime()).toBeGreaterThan(now.getTime());
          expect(at(v.until).getTime() - at(v.invoice.issuedAt).getTime()).toBeLessThan((rules.voucherRetentionYears + 2.01) * MS_YEAR);
          expect(v.buyer).toEqual({ firstName: c.firstName, lastName: c.lastName, ...(c.organization ? { organization: c.organization } : {}) });
        }
        const voucherHold = plan.holds.find((h) => h.basis === 'accounting_vouchers');
        if (voucherHold) {
          expect(at(voucherHold.until!).getTime()).toBeGreaterThan(now.getTime());
          for (const v of plan.vouchers) expect(voucherHold.invoiceIds).toContain(v.invoiceId);
        }
      }),
    );
  });

  test('the voucher hold ends exactly at its until: held 1 ms before, released at it', () => {
    fc.assert(
      fc.property(issuedAtArb, statusArb, fc.integer({ min: 1, max: 12 }), (issuedAt, status, endMonth) => {
        const rules: HoldRules = { voucherRetentionYears: 6, financialYearEndMonth: endMonth };
        const c = customer({ orders: [order(1, { issuedAt, status })] });
        const until = voucherUntil(issuedAt, rules);
        const before = computeHolds(c, new Date(until.getTime() - 1), rules).find((h) => h.basis === 'accounting_vouchers');
        const atUntil = computeHolds(c, until, rules).find((h) => h.basis === 'accounting_vouchers');
        expect(before).toEqual({ basis: 'accounting_vouchers', until: until.toISOString(), invoiceIds: ['i-1'] });
        expect(atUntil).toBeUndefined();
        // The end is the last millisecond of a calendar year.
        expect(until.getUTCMonth() + 1).toBe(12);
        expect(new Date(until.getTime() + 1).getUTCDate()).toBe(1);
        expect(until.getUTCHours()).toBe(23);
        expect(until.getUTCMilliseconds()).toBe(999);
      }),
      { numRuns: 500 },
    );
  });

  test('with the financial year ending in December, vouchers are kept to 31 December of issue year + 6', () => {
    fc.assert(
      fc.property(issuedAtArb, (issuedAt) => {
        const year = at(issuedAt).getUTCFullYear();
        expect(voucherUntil(issuedAt, RULES).toISOString()).toBe(`${year + 6}-12-31T23:59:59.999Z`);
      }),
    );
  });

  test('computing holds does not change the customer', () => {
    fc.assert(
      fc.property(customerArb, nowArb, (c, now) => {
        const before = structuredClone(c);
        planErasure(c, now, RULES);
        expect(c).toEqual(before);
      }),
    );
  });
});
