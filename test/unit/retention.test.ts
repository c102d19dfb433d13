import fc from 'fast-check';
import { addCalendarYears } from '../../shared/domain/deadline';
import { keepsRecord } from '../../shared/domain/holds';
import { retentionAction, retentionDueDate, type RetentionRules } from '../../shared/domain/retention';
import type { Customer, Invoice, Order } from '../../shared/domain/types';

const RULES: RetentionRules = { retentionYears: 10, voucherRetentionYears: 6, financialYearEndMonth: 12 };
const at = (s: string): Date => new Date(s);
const DAY = 86_400_000;

const invoicedOrder = (n: number, status: Invoice['status'], issuedAt = '2014-05-01'): Order => ({
  orderId: `o-${n}`,
  orderedAt: issuedAt,
  total: 19.9,
  currency: 'EUR',
  items: [{ name: 'Wellflix Premium, 12 kk', quantity: 1, unitPrice: 19.9 }],
  invoice: { invoiceId: `i-${n}`, issuedAt, dueDate: issuedAt, status },
});

const formerCustomer = (relationshipEndedAt: string | null, over: Partial<Customer> = {}): Customer => ({
  customerId: 'c-1001',
  firstName: 'Maija',
  lastName: 'Meikäläinen',
  email: 'maija@example.fi',
  relationshipEndedAt,
  orders: [invoicedOrder(1, 'paid')],
  ...over,
});

describe('retentionDueDate: 10 calendar years from the end of the relationship', () => {
  test.each([
    ['2015-03-01', '2025-03-01T00:00:00.000Z'],
    ['2015-03-01T12:30:00Z', '2025-03-01T12:30:00.000Z'],
    ['2016-02-29', '2026-02-28T00:00:00.000Z'],
    ['2014-12-31T23:59:59.999Z', '2024-12-31T23:59:59.999Z'],
    ['2015-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z'],
  ])('a relationship ended %s is due %s', (endedAt, expected) => {
    // Act
    const due = retentionDueDate(endedAt, 10);

    // Assess
    expect(due?.toISOString()).toBe(expected);
  });

  test.each([[null], [undefined], ['']])('a current customer (%p) has no due date', (endedAt) => {
    expect(retentionDueDate(endedAt, 10)).toBeUndefined();
  });

  test('follows the configured number of years', () => {
    expect(retentionDueDate('2020-02-29', 5)?.toISOString()).toBe('2025-02-28T00:00:00.000Z');
    expect(retentionDueDate('2020-02-29', 4)?.toISOString()).toBe('2024-02-29T00:00:00.000Z');
  });
});

describe('retentionAction', () => {
  const ENDED = '2015-03-01T00:00:00.000Z';
  const DUE = '2025-03-01T00:00:00.000Z';

  test('ended 10 years and a day ago: erase', () => {
    // Act
    const action = retentionAction(formerCustomer(ENDED), false, new Date(at(DUE).getTime() + DAY), RULES);

    // Assess
    expect(action).toEqual({ action: 'erase' });
  });

  test('ended exactly 10 years ago: erase (due at or before now)', () => {
    // Act
    const action = retentionAction(formerCustomer(ENDED), false, at(DUE), RULES);

    // Assess
    expect(action).toEqual({ action: 'erase' });
  });

  test('ended 10 years less a day ago: not due, and says when', () => {
    // Act
    const action = retentionAction(formerCustomer(ENDED), false, new Date(at(DUE).getTime() - DAY), RULES);

    // Assess
    expect(action).toEqual({ action: 'not_due', dueAt: DUE });
  });

  test('ended 10 years less a millisecond ago: not due', () => {
    // Act
    const action = retentionAction(formerCustomer(ENDED), false, new Date(at(DUE).getTime() - 1), RULES);

    // Assess
    expect(action).toEqual({ action: 'not_due', dueAt: DUE });
  });

  test('still a customer: not due, with no due date', () => {
    // Act
    const action = retentionAction(formerCustomer(null), false, at('2099-01-01T00:00:00Z'), RULES);

    // Assess
    expect(action).toEqual({ action: 'not_due' });
  });

  test('ended long ago but an invoice is in debt collection: hold, and look again tomorrow', () => {
    // Prepare
    const c = formerCustomer('2000-01-01', { orders: [invoicedOrder(1, 'in_collection', '1999-06-01')] });
    const now = at('2026-05-10T03:00:00.000Z');

    // Act
    const action = retentionAction(c, false, now, RULES);

    // Assess
    expect(action).toEqual({ action: 'hold', holds: [{ basis: 'debt_collection', invoiceIds: ['i-1'] }], nextCheck: '2026-05-11T03:00:00.000Z' });
  });

  test("ended long ago but still an organisation's contact person: hold", () => {
    // Act
    const action = retentionAction(formerCustomer('2000-01-01', { organizationContact: true }), false, at('2026-01-01T00:00:00Z'), RULES);

    // Assess
    expect(action).toMatchObject({ action: 'hold', holds: [{ basis: 'organization_contact' }] });
  });

  test('an open invoice holds the record; a voucher alone does not', () => {
    // Prepare
    const now = at('2026-01-01T00:00:00Z');
    const open = formerCustomer('2015-06-01', { orders: [invoicedOrder(1, 'open', '2015-05-01')] });
    const voucherOnly = formerCustomer('2015-06-01', { orders: [invoicedOrder(1, 'paid', '2024-05-01')] });

    // Act
    const openAction = retentionAction(open, false, now, RULES);
    const voucherAction = retentionAction(voucherOnly, false, now, RULES);

    // Assess
    expect(openAction).toMatchObject({ action: 'hold', holds: [{ basis: 'open_invoice', invoiceIds: ['i-1'] }] });
    expect(voucherAction).toEqual({ action: 'erase' });
  });

  test('an approved erasure waiting for its holds, now free of them: erase, even for a current customer', () => {
    // Act
    const action = retentionAction(formerCustomer(null), true, at('2025-01-01T00:00:00Z'), RULES);

    // Assess
    expect(action).toEqual({ action: 'erase' });
  });

  test('an approved erasure still held: hold', () => {
    // Prepare
    const c = formerCustomer(null, { orders: [invoicedOrder(1, 'open', '2024-12-01')] });

    // Act
    const action = retentionAction(c, true, at('2025-01-01T00:00:00Z'), RULES);

    // Assess
    expect(action).toMatchObject({ action: 'hold', nextCheck: '2025-01-02T00:00:00.000Z' });
  });
});

// ---- properties ------------------------------------------------------------------------------

const dateIn = (from: string, to: string) => fc.date({ min: at(from), max: at(to), noInvalidDate: true });
const leapDays = fc.constantFrom(2000, 2004, 2008, 2012, 2016, 2020, 2024, 2028).map((y) => `${y}-02-29`);
const endedAtArb = fc.oneof(
  dateIn('1995-01-01T00:00:00Z', '2035-12-31T23:59:59.999Z').map((d) => d.toISOString()),
  dateIn('1995-01-01T00:00:00Z', '2035-12-31T23:59:59.999Z').map((d) => d.toISOString().slice(0, 10)),
  leapDays,
  leapDays.map((d) => `${d}T23:59:59.999Z`),
  fc.integer({ min: 1995, max: 2035 }).map((y) => `${y}-12-31T23:59:59.999Z`),
  fc.integer({ min: 1995, max: 2035 }).map((y) => `${y}-01-01T00:00:00.000Z`),
);
const customerArb = fc
  .record({
    endedAt: fc.option(endedAtArb, { nil: null }),
    organizationContact: fc.option(fc.boolean(), { nil: undefined }),
    orders: fc.array(fc.record({ status: fc.constantFrom<Invoice['status']>('paid', 'paid', 'paid', 'open', 'in_collection'), issuedAt: endedAtArb, invoiced: fc.boolean() }), { maxLength: 5 }),
  })
  .map(({ endedAt, organizationContact, orders }): Customer => ({
    ...formerCustomer(endedAt, organizationContact === undefined ? {} : { organizationContact }),
    orders: orders.map((o, i) => {
      const order = invoicedOrder(i, o.status, o.issuedAt);
      return o.invoiced ? order : { ...order, invoice: undefined };
    }),
  }));
const nowArb = fc.oneof(
  dateIn('1995-01-01T00:00:00Z', '2050-12-31T23:59:59.999Z'),
  fc.integer({ min: 1995, max: 2050 }).map((y) => at(`${y}-12-31T23:59:59.999Z`)),
  fc.integer({ min: 1995, max: 2050 }).map((y) => at(`${y}-01-01T00:00:00.000Z`)),
  fc.integer({ min: 2000, max: 2048 }).filter((y) => y % 4 === 0).map((y) => at(`${y}-02-29T00:00:00.000Z`)),
);
/** A customer and a time near their due date, to the millisecond. */
const nearDueArb = fc.tuple(customerArb.filter((c) => !!c.relationshipEndedAt), fc.integer({ min: -2 * DAY, max: 2 * DAY })).map(([c, offset]) => {
  const due = addCalendarYears(new Date(c.relationshipEndedAt!), RULES.retentionYears);
  return [c, new Date(due.getTime() + offset)] as const;
});

describe('retention properties', () => {
  const checkAction = (c: Customer, now: Date, erasurePending: boolean): void => {
    const action = retentionAction(c, erasurePending, now, RULES);
    const due = retentionDueDate(c.relationshipEndedAt, RULES.retentionYears);
    const isDue = erasurePending || (due !== undefined && due.getTime() <= now.getTime());
    const unpaid = (c.orders ?? []).some((o) => o.invoice && o.invoice.status !== 'paid');
    const recordHeld = unpaid || c.organizationContact === true;
    if (!isDue) {
      // Never erased or held before the due date.
      expect(action).toEqual(due ? { action: 'not_due', dueAt: due.toISOString() } : { action: 'not_due' });
      return;
    }
    // Once due: erased, unless a record hold keeps it (and then looked at again tomorrow).
    if (recordHeld) {
      expect(action.action).toBe('hold');
      if (action.action !== 'hold') return;
      expect(action.holds.some(keepsRecord)).toBe(true);
      expect(new Date(action.nextCheck).getTime() - now.getTime()).toBe(DAY);
    } else {
      expect(action).toEqual({ action: 'erase' });
    }
  };

  test('never erase before the due date; never not_due, nor hold without a record hold, once due', () => {
    fc.assert(
      fc.property(customerArb, nowArb, fc.boolean(), (c, now, pending) => checkAction(c, now, pending)),
      { numRuns: 500 },
    );
  });

  test('the same holds to the millisecond around the due date', () => {
    fc.assert(
      fc.property(nearDueArb, ([c, now]) => checkAction(c, now, false)),
      { numRuns: 500 },
    );
  });

  test('the due date is 10 calendar years on: same month, the day clamped only for 29 February', () => {
    fc.assert(
      fc.property(endedAtArb, (endedAt) => {
        const ended = new Date(endedAt);
        const due = retentionDueDate(endedAt, 10)!;
        expect(due.getUTCFullYear()).toBe(ended.getUTCFullYear() + 10);
        expect(due.getUTCMonth()).toBe(ended.getUTCMonth());
        const leapDay = ended.getUTCMonth() === 1 && ended.getUTCDate() === 29;
        const dueYear = due.getUTCFullYear();
        const dueIsLeap = (dueYear % 4 === 0 && dueYear % 100 !== 0) || dueYear % 400 === 0;
        expect(due.getUTCDate()).toBe(leapDay && !dueIsLeap ? 28 : ended.getUTCDate());
        expect(due.getTime() % DAY).toBe(ended.getTime() % DAY);
      }),
    );
  });

  test('a later end of relationship is never due earlier', () => {
    fc.assert(
      fc.property(endedAtArb, endedAtArb, (a, b) => {
        const [early, late] = new Date(a).getTime() <= new Date(b).getTime() ? [a, b] : [b, a];
        expect(retentionDueDate(early, 10)!.getTime()).toBeLessThanOrEqual(retentionDueDate(late, 10)!.getTime());
      }),
    );
  });
});
