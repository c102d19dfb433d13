import fc from 'fast-check';
import {
  addCalendarMonths,
  addCalendarYears,
  addDays,
  addHours,
  canExtend,
  dueDate,
  extendedDueDate,
  financialYearEnd,
  iso,
} from '../../shared/domain/deadline';

const at = (s: string): Date => new Date(s);
const DAY = 86_400_000;

/** Times a request can realistically arrive at (years 0-99 are outside Date.UTC's four-digit range). */
const requestTime = fc.date({ min: at('1970-01-01T00:00:00.000Z'), max: at('2199-12-31T23:59:59.999Z'), noInvalidDate: true });
const monthCount = fc.integer({ min: -1200, max: 1200 });

describe('addCalendarMonths: same day next month, clamped to the month end', () => {
  test.each([
    ['2025-01-15T10:00:00.000Z', 1, '2025-02-15T10:00:00.000Z'],
    ['2025-01-31T10:00:00.000Z', 1, '2025-02-28T10:00:00.000Z'],
    ['2024-01-31T10:00:00.000Z', 1, '2024-02-29T10:00:00.000Z'],
    ['2025-03-31T08:30:00.000Z', 1, '2025-04-30T08:30:00.000Z'],
    ['2025-08-31T00:00:00.000Z', 1, '2025-09-30T00:00:00.000Z'],
    ['2025-12-31T23:59:59.999Z', 1, '2026-01-31T23:59:59.999Z'],
    ['2025-11-30T12:00:00.000Z', 2, '2026-01-30T12:00:00.000Z'],
    ['2025-01-31T00:00:00.000Z', 13, '2026-02-28T00:00:00.000Z'],
    ['2025-05-31T00:00:00.000Z', 0, '2025-05-31T00:00:00.000Z'],
  ])('%s plus %i month(s) is %s', (from, months, expected) => {
    // Act
    const result = addCalendarMonths(at(from), months);

    // Assess
    expect(result.toISOString()).toBe(expected);
  });

  test.each([
    ['2025-03-31T09:00:00.000Z', -1, '2025-02-28T09:00:00.000Z'],
    ['2024-03-31T09:00:00.000Z', -1, '2024-02-29T09:00:00.000Z'],
    ['2025-01-15T00:00:00.000Z', -1, '2024-12-15T00:00:00.000Z'],
    ['2025-01-31T00:00:00.000Z', -2, '2024-11-30T00:00:00.000Z'],
    ['2025-02-28T00:00:00.000Z', -12, '2024-02-28T00:00:00.000Z'],
    ['2025-05-31T00:00:00.000Z', -25, '2023-04-30T00:00:00.000Z'],
  ])('%s minus months (%i) is %s', (from, months, expected) => {
    // Act
    const result = addCalendarMonths(at(from), months);

    // Assess
    expect(result.toISOString()).toBe(expected);
  });

  test('does not change the date it was given', () => {
    // Prepare
    const receivedAt = at('2025-01-31T10:00:00.000Z');

    // Act
    addCalendarMonths(receivedAt, 1);

    // Assess
    expect(receivedAt.toISOString()).toBe('2025-01-31T10:00:00.000Z');
  });
});

describe('addCalendarYears', () => {
  test.each([
    ['2024-02-29T12:00:00.000Z', 1, '2025-02-28T12:00:00.000Z'],
    ['2024-02-29T12:00:00.000Z', 4, '2028-02-29T12:00:00.000Z'],
    ['2024-02-29T12:00:00.000Z', 10, '2034-02-28T12:00:00.000Z'],
    ['2015-06-30T00:00:00.000Z', 10, '2025-06-30T00:00:00.000Z'],
    ['2019-12-31T23:59:59.999Z', 6, '2025-12-31T23:59:59.999Z'],
    ['2025-02-28T00:00:00.000Z', -1, '2024-02-28T00:00:00.000Z'],
    ['2028-02-29T00:00:00.000Z', -4, '2024-02-29T00:00:00.000Z'],
  ])('%s plus %i year(s) is %s', (from, years, expected) => {
    // Act
    const result = addCalendarYears(at(from), years);

    // Assess
    expect(result.toISOString()).toBe(expected);
  });

  test('a year is twelve calendar months', () => {
    fc.assert(
      fc.property(requestTime, fc.integer({ min: -100, max: 100 }), (d, years) => {
        expect(addCalendarYears(d, years).getTime()).toBe(addCalendarMonths(d, years * 12).getTime());
      }),
    );
  });
});

describe('addDays and addHours count elapsed time', () => {
  test('a day is 24 hours and an hour is 3600 seconds, in UTC', () => {
    // Prepare
    const from = at('2025-03-30T00:30:00.000Z');

    // Act
    const tomorrow = addDays(from, 1);
    const later = addHours(from, 72);

    // Assess
    expect(tomorrow.toISOString()).toBe('2025-03-31T00:30:00.000Z');
    expect(later.toISOString()).toBe('2025-04-02T00:30:00.000Z');
    expect(addDays(from, -1).toISOString()).toBe('2025-03-29T00:30:00.000Z');
    expect(iso(from)).toBe('2025-03-30T00:30:00.000Z');
  });
});

describe('dueDate: one calendar month to answer', () => {
  test.each([
    ['2025-01-02T10:00:00.000Z', '2025-02-02T10:00:00.000Z'],
    ['2025-01-31T10:00:00.000Z', '2025-02-28T10:00:00.000Z'],
    ['2024-01-31T10:00:00.000Z', '2024-02-29T10:00:00.000Z'],
    ['2025-12-15T22:00:00.000Z', '2026-01-15T22:00:00.000Z'],
  ])('a request received %s is due %s', (receivedAt, expected) => {
    // Act
    const due = dueDate(at(receivedAt));

    // Assess
    expect(due.toISOString()).toBe(expected);
  });

  test('is one calendar month, not 30 days', () => {
    // Prepare
    const receivedAt = at('2025-07-01T00:00:00.000Z');

    // Act
    const due = dueDate(receivedAt);

    // Assess
    expect(due.toISOString()).toBe('2025-08-01T00:00:00.000Z');
    expect(due.getTime() - receivedAt.getTime()).toBe(31 * DAY);
  });

  test('is strictly after receipt and at most 31 days later', () => {
    fc.assert(
      fc.property(requestTime, (receivedAt) => {
        const due = dueDate(receivedAt);
        expect(due.getTime()).toBeGreaterThan(receivedAt.getTime());
        expect(due.getTime() - receivedAt.getTime()).toBeLessThanOrEqual(31 * DAY);
        expect(due.getTime() - receivedAt.getTime()).toBeGreaterThanOrEqual(28 * DAY);
      }),
    );
  });

  test('keeps the time of day and lands in the next month', () => {
    fc.assert(
      fc.property(requestTime, (receivedAt) => {
        const due = dueDate(receivedAt);
        expect(due.getTime() % DAY).toBe(((receivedAt.getTime() % DAY) + DAY) % DAY);
        expect((due.getUTCFullYear() * 12 + due.getUTCMonth()) - (receivedAt.getUTCFullYear() * 12 + receivedAt.getUTCMonth())).toBe(1);
      }),
    );
  });
});

describe('calendar months as properties', () => {
  test('the day of the month is kept, or clamped to the last day of a shorter month', () => {
    fc.assert(
      fc.property(requestTime, monthCount, (d, months) => {
        const result = addCalendarMonths(d, months);
        const lastDay = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate();
        expect(result.getUTCDate()).toBe(Math.min(d.getUTCDate(), lastDay));
        expect(d.getUTCDate() - result.getUTCDate()).toBeGreaterThanOrEqual(0);
        expect(d.getUTCDate() - result.getUTCDate()).toBeLessThanOrEqual(3);
      }),
    );
  });

  test('moves the month by exactly the count asked', () => {
    fc.assert(
      fc.property(requestTime, monthCount, (d, months) => {
        const result = addCalendarMonths(d, months);
        const monthIndex = (x: Date) => x.getUTCFullYear() * 12 + x.getUTCMonth();
        expect(monthIndex(result) - monthIndex(d)).toBe(months);
        expect(result.getUTCHours()).toBe(d.getUTCHours());
        expect(result.getUTCMinutes()).toBe(d.getUTCMinutes());
        expect(result.getUTCSeconds()).toBe(d.getUTCSeconds());
        expect(result.getUTCMilliseconds()).toBe(d.getUTCMilliseconds());
      }),
    );
  });

  test('adding a then b months is adding a + b when no clamping happens (day <= 28)', () => {
    const noClampDay = requestTime.filter((d) => d.getUTCDate() <= 28);
    fc.assert(
      fc.property(noClampDay, monthCount, monthCount, (d, a, b) => {
        expect(addCalendarMonths(addCalendarMonths(d, a), b).getTime()).toBe(addCalendarMonths(d, a + b).getTime());
      }),
    );
  });

  test('going forward and back again returns to the start when no clamping happens', () => {
    const noClampDay = requestTime.filter((d) => d.getUTCDate() <= 28);
    fc.assert(
      fc.property(noClampDay, monthCount, (d, months) => {
        expect(addCalendarMonths(addCalendarMonths(d, months), -months).getTime()).toBe(d.getTime());
      }),
    );
  });

  test('is monotonic: a later start is never due earlier', () => {
    fc.assert(
      fc.property(requestTime, requestTime, fc.integer({ min: 0, max: 1200 }), (x, y, months) => {
        const [early, late] = x.getTime() <= y.getTime() ? [x, y] : [y, x];
        expect(addCalendarMonths(early, months).getTime()).toBeLessThanOrEqual(addCalendarMonths(late, months).getTime());
      }),
    );
  });
});

describe('extendedDueDate: three calendar months from receipt', () => {
  test.each([
    ['2025-01-02T10:00:00.000Z', '2025-04-02T10:00:00.000Z'],
    ['2025-11-30T10:00:00.000Z', '2026-02-28T10:00:00.000Z'],
    ['2023-11-30T10:00:00.000Z', '2024-02-29T10:00:00.000Z'],
    ['2025-05-31T10:00:00.000Z', '2025-08-31T10:00:00.000Z'],
  ])('a request received %s, extended, is due %s', (receivedAt, expected) => {
    // Act
    const due = extendedDueDate(at(receivedAt));

    // Assess
    expect(due.toISOString()).toBe(expected);
  });

  test('counts from receipt, not from the first due date (which may have been clamped)', () => {
    // Prepare
    const receivedAt = at('2025-01-31T10:00:00.000Z');

    // Act
    const extended = extendedDueDate(receivedAt);

    // Assess
    expect(extended.toISOString()).toBe('2025-04-30T10:00:00.000Z');
    expect(addCalendarMonths(dueDate(receivedAt), 2).toISOString()).toBe('2025-04-28T10:00:00.000Z');
  });

  test('is always after the first due date', () => {
    fc.assert(
      fc.property(requestTime, (receivedAt) => {
        expect(extendedDueDate(receivedAt).getTime()).toBeGreaterThan(dueDate(receivedAt).getTime());
        expect(extendedDueDate(receivedAt).getTime()).toBe(dueDate(receivedAt, 3).getTime());
      }),
    );
  });
});

describe('canExtend: once, and only within the first month', () => {
  const receivedAt = at('2025-01-31T10:00:00.000Z');

  test.each([
    ['at receipt', '2025-01-31T10:00:00.000Z', true],
    ['a week later', '2025-02-07T10:00:00.000Z', true],
    ['a millisecond before the due date', '2025-02-28T09:59:59.999Z', true],
    ['at the due date', '2025-02-28T10:00:00.000Z', false],
    ['a day after the due date', '2025-03-01T10:00:00.000Z', false],
    ['thirty days after receipt', '2025-03-02T10:00:00.000Z', false],
  ])('an unextended request %s: %s', (_when, now, expected) => {
    // Act
    const allowed = canExtend(receivedAt, at(now), false);

    // Assess
    expect(allowed).toBe(expected);
  });

  test('a request already extended cannot be extended again, even early', () => {
    // Act
    const allowed = canExtend(receivedAt, at('2025-02-01T10:00:00.000Z'), true);

    // Assess
    expect(allowed).toBe(false);
  });

  test('is exactly "not yet extended and before the first due date"', () => {
    fc.assert(
      fc.property(requestTime, fc.integer({ min: -DAY, max: 40 * DAY }), fc.boolean(), (r, offset, extended) => {
        const now = new Date(r.getTime() + offset);
        expect(canExtend(r, now, extended)).toBe(!extended && now.getTime() < dueDate(r).getTime());
      }),
    );
  });
});

describe('financialYearEnd: the last instant of the financial year containing a date', () => {
  test.each([
    ['2019-03-01T00:00:00.000Z', 12, '2019-12-31T23:59:59.999Z'],
    ['2019-01-01T00:00:00.000Z', 12, '2019-12-31T23:59:59.999Z'],
    ['2019-12-31T23:59:59.999Z', 12, '2019-12-31T23:59:59.999Z'],
    ['2019-03-01T00:00:00.000Z', 6, '2019-06-30T23:59:59.999Z'],
    ['2019-06-30T23:59:59.999Z', 6, '2019-06-30T23:59:59.999Z'],
    ['2019-07-01T00:00:00.000Z', 6, '2020-06-30T23:59:59.999Z'],
    ['2019-05-10T00:00:00.000Z', 4, '2020-04-30T23:59:59.999Z'],
    ['2023-03-01T00:00:00.000Z', 2, '2024-02-29T23:59:59.999Z'],
    ['2022-03-01T00:00:00.000Z', 2, '2023-02-28T23:59:59.999Z'],
    ['2025-01-15T00:00:00.000Z', 1, '2025-01-31T23:59:59.999Z'],
    ['2025-02-01T00:00:00.000Z', 1, '2026-01-31T23:59:59.999Z'],
  ])('%s with the year ending in month %i: %s', (date, endMonth, expected) => {
    // Act
    const end = financialYearEnd(at(date), endMonth);

    // Assess
    expect(end.toISOString()).toBe(expected);
  });

  test('defaults to a financial year that is the calendar year', () => {
    // Act
    const end = financialYearEnd(at('2024-02-29T12:00:00.000Z'));

    // Assess
    expect(end.toISOString()).toBe('2024-12-31T23:59:59.999Z');
  });

  test('is the last millisecond of the end month, at most a year after the date and never before it', () => {
    fc.assert(
      fc.property(requestTime, fc.integer({ min: 1, max: 12 }), (d, endMonth) => {
        const end = financialYearEnd(d, endMonth);
        expect(end.getTime()).toBeGreaterThanOrEqual(d.getTime());
        expect(end.getTime() - d.getTime()).toBeLessThan(366 * DAY);
        expect(end.getUTCMonth() + 1).toBe(endMonth);
        expect(new Date(end.getTime() + 1).getUTCDate()).toBe(1);
        expect(new Date(end.getTime() + 1).getUTCHours()).toBe(0);
        // The next millisecond starts the next financial year.
        expect(financialYearEnd(new Date(end.getTime() + 1), endMonth).getUTCFullYear()).toBe(end.getUTCFullYear() + 1);
      }),
    );
  });
});
