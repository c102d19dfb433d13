/**
 * Calendar arithmetic for GDPR Art. 12(3) deadlines and retention periods. Months count on the
 * calendar: the same day next month, clamped to that month's end (31 Jan + 1 month = 28/29 Feb).
 * Pure: the caller passes every time in. All arithmetic is in UTC.
 */

const daysInMonth = (year: number, monthIndex: number): number => new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();

export const addCalendarMonths = (from: Date, months: number): Date => {
  const total = from.getUTCFullYear() * 12 + from.getUTCMonth() + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const day = Math.min(from.getUTCDate(), daysInMonth(year, month));
  return new Date(Date.UTC(year, month, day, from.getUTCHours(), from.getUTCMinutes(), from.getUTCSeconds(), from.getUTCMilliseconds()));
};

export const addCalendarYears = (from: Date, years: number): Date => addCalendarMonths(from, years * 12);

export const addDays = (from: Date, days: number): Date => new Date(from.getTime() + days * 86_400_000);
export const addHours = (from: Date, hours: number): Date => new Date(from.getTime() + hours * 3_600_000);

/** One month to answer, from receipt. */
export const dueDate = (receivedAt: Date, months = 1): Date => addCalendarMonths(receivedAt, months);

/** An extension adds two further months: three in all from receipt. */
export const extendedDueDate = (receivedAt: Date): Date => addCalendarMonths(receivedAt, 3);

/** The extension (and telling the person why) must happen within the first month. */
export const canExtend = (receivedAt: Date, now: Date, alreadyExtended: boolean): boolean =>
  !alreadyExtended && now.getTime() < dueDate(receivedAt).getTime();

/** Last instant of the financial year that contains `date`, whose last month is `endMonth` (1-12). */
export const financialYearEnd = (date: Date, endMonth = 12): Date => {
  const year = date.getUTCMonth() + 1 <= endMonth ? date.getUTCFullYear() : date.getUTCFullYear() + 1;
  return new Date(Date.UTC(year, endMonth, 0, 23, 59, 59, 999));
};

export const iso = (d: Date): string => d.toISOString();
