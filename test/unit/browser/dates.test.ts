/** The console's dates and deadlines on the Helsinki calendar, imported straight from the browser code. */
import { dateFormat, helsinkiDay, isOverdue, timeLeft } from '../../../shared/http/pages/browser/lib/dates';
import { fmt, nameOf } from '../../../shared/http/pages/browser/lib/text';

describe('console dates', () => {
  it('formats days and moments in Finnish and English, in Helsinki time', () => {
    const fi = dateFormat('fi');
    const en = dateFormat('en');
    // 22:30 UTC on 1 March is already 2 March in Helsinki (UTC+2).
    expect(fi.date('2026-03-01T22:30:00Z')).toBe('2.3.2026');
    expect(en.date('2026-03-01T22:30:00Z')).toBe('2 Mar 2026');
    expect(fi.dateTime('2026-03-01T22:30:00Z')).toBe('2.3.2026 klo 00.30');
    expect(en.dateTime('2026-07-01T09:05:00Z')).toBe('1 Jul 2026, 12:05');
    // A plain date is that day wherever the browser is.
    expect(fi.date('2026-03-01')).toBe('1.3.2026');
    expect(fi.dateTime('2026-03-01')).toBe('1.3.2026');
    expect(fi.date(undefined)).toBe('–');
    expect(fi.date('not a date')).toBe('not a date');
  });

  it('counts calendar days in Helsinki', () => {
    expect(helsinkiDay(new Date('2026-03-01T22:30:00Z')) - helsinkiDay(new Date('2026-03-01T21:30:00Z'))).toBe(1);
  });

  it('says how a deadline stands', () => {
    const now = new Date('2026-03-10T10:00:00Z');
    expect(timeLeft('completed', '2026-03-01T00:00:00Z', now)).toEqual({ kind: 'closed' });
    expect(timeLeft('verified', undefined, now)).toEqual({ kind: 'unknown' });
    expect(timeLeft('verified', '2026-03-08T10:00:00Z', now)).toEqual({ kind: 'overdue', daysLate: 2 });
    expect(timeLeft('verified', '2026-03-10T09:00:00Z', now)).toEqual({ kind: 'overdue', daysLate: 0 });
    expect(timeLeft('verified', '2026-03-10T20:00:00Z', now)).toEqual({ kind: 'today' });
    expect(timeLeft('verified', '2026-03-17T10:00:00Z', now)).toEqual({ kind: 'soon', days: 7 });
    expect(timeLeft('verified', '2026-03-18T10:00:00Z', now)).toEqual({ kind: 'left', days: 8 });
    expect(isOverdue('awaiting_decision', '2026-03-09T00:00:00Z', now)).toBe(true);
    expect(isOverdue('refused', '2026-03-09T00:00:00Z', now)).toBe(false);
    expect(isOverdue('verified', '2026-03-11T00:00:00Z', now)).toBe(false);
  });
});

describe('text helpers', () => {
  it('fills placeholders and leaves unknown ones', () => {
    expect(fmt('{n} päivää, {x}', { n: 3 })).toBe('3 päivää, {x}');
    expect(fmt('{toString}', {})).toBe('{toString}');
  });
  it('names keys from the words, or shows the key', () => {
    expect(nameOf({ verified: 'vahvistettu' }, 'verified')).toBe('vahvistettu');
    expect(nameOf({ verified: 'vahvistettu' }, '__proto__')).toBe('__proto__');
    expect(nameOf({}, 7)).toBe('7');
  });
});
