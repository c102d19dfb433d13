/**
 * Dates and deadlines on the Finnish calendar (Europe/Helsinki), as the console shows them. Pure:
 * the clock is passed in, so unit tests import it and pick the day.
 */
import type { Lang } from './text';

const ZONE = 'Europe/Helsinki';
const PLAIN_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Statuses after which no deadline runs. */
export const CLOSED_STATUSES: readonly string[] = ['completed', 'refused', 'expired', 'cancelled'];

export const parseDate = (iso: unknown): Date | null => {
  if (typeof iso !== 'string') return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
};

export interface DateFormat {
  /** A day: "2.12.2026" or "2 Dec 2026"; a plain YYYY-MM-DD is that day, not a Helsinki instant. */
  date(iso: unknown): string;
  /** A moment: "2.12.2026 klo 14.05" or "2 Dec 2026, 14:05". */
  dateTime(iso: unknown): string;
}

export const dateFormat = (lang: Lang): DateFormat => {
  const locale = lang === 'fi' ? 'fi-FI' : 'en-GB';
  const month = lang === 'fi' ? 'numeric' : 'short';
  const dateFmt = new Intl.DateTimeFormat(locale, { timeZone: ZONE, day: 'numeric', month, year: 'numeric' });
  const plainDateFmt = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', day: 'numeric', month, year: 'numeric' });
  const timeFmt = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const date = (iso: unknown): string => {
    const d = parseDate(iso);
    if (!d) return iso ? String(iso) : '–';
    return (PLAIN_DATE.test(iso as string) ? plainDateFmt : dateFmt).format(d);
  };
  const dateTime = (iso: unknown): string => {
    const d = parseDate(iso);
    if (!d || PLAIN_DATE.test(iso as string)) return date(iso);
    const [h = '', m = ''] = timeFmt.format(d).split(':');
    return lang === 'fi' ? `${dateFmt.format(d)} klo ${h}.${m}` : `${dateFmt.format(d)}, ${h}:${m}`;
  };
  return { date, dateTime };
};

const dayFmt = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The Helsinki calendar day of an instant, as a day count since 1970-01-01. */
export const helsinkiDay = (d: Date): number => {
  const v: Record<string, string> = {};
  for (const p of dayFmt.formatToParts(d)) v[p.type] = p.value;
  return Math.round(Date.UTC(Number(v.year), Number(v.month) - 1, Number(v.day)) / 86400000);
};

export const isOverdue = (status: unknown, dueAt: unknown, now: Date): boolean => {
  const due = parseDate(dueAt);
  return !CLOSED_STATUSES.includes(String(status)) && !!due && due.getTime() < now.getTime();
};

/** How a deadline stands, in calendar days, for the "time left" column. */
export type TimeLeft =
  | { kind: 'closed' }
  | { kind: 'unknown' }
  | { kind: 'overdue'; daysLate: number }
  | { kind: 'today' }
  | { kind: 'soon'; days: number }
  | { kind: 'left'; days: number };

/** A week or less left is "soon". */
export const SOON_DAYS = 7;

export const timeLeft = (status: unknown, dueAt: unknown, now: Date): TimeLeft => {
  if (CLOSED_STATUSES.includes(String(status))) return { kind: 'closed' };
  const due = parseDate(dueAt);
  if (!due) return { kind: 'unknown' };
  const diff = helsinkiDay(due) - helsinkiDay(now);
  if (due.getTime() < now.getTime()) return { kind: 'overdue', daysLate: Math.max(0, -diff) };
  if (diff <= 0) return { kind: 'today' };
  return diff <= SOON_DAYS ? { kind: 'soon', days: diff } : { kind: 'left', days: diff };
};
