import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addWeekdays, civilFromDays, daysFromCivil, fridayOnOrAfter, instantMs, isoDate, monthlyOnOrAfter, newYorkDays, weekday,
} from '../../../src/domain/alerts/calendar.js';
import { parseAlert } from '../../../src/domain/alerts/index.js';

const NY = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York', year: 'numeric', month: '2-digit', day: '2-digit' });

function expiryOf(text: string, postedAt: string): string | null {
  const r = parseAlert({ channel: 'options', text, postedAt });
  return r.ok && r.alert.kind === 'option' ? r.alert.expiry : null;
}

describe('calendar arithmetic', () => {
  it('GIVEN any date from 1970 to 2200 WHEN converted to epoch days and back THEN it is unchanged', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 84_000 }), (days) => {
      const { y, m, d } = civilFromDays(days);
      expect(daysFromCivil(y, m, d)).toBe(days);
    }), { numRuns: 2000 });
  });

  it('GIVEN any instant WHEN its New York date is computed THEN it matches the IANA time zone database', () => {
    const from = Date.UTC(1988, 0, 1), to = Date.UTC(2060, 0, 1);
    fc.assert(fc.property(fc.integer({ min: from, max: to }), (ms) => {
      expect(isoDate(newYorkDays(ms))).toBe(NY.format(ms));
    }), { numRuns: 3000 });
  });

  it('GIVEN any ISO instant, with or without milliseconds or an offset WHEN read THEN it equals Date.parse', () => {
    const from = Date.UTC(1990, 0, 1), to = Date.UTC(2060, 0, 1);
    fc.assert(fc.property(fc.integer({ min: from, max: to }), fc.constantFrom('ms', 's', 'offset'), (ms, form) => {
      const iso = new Date(ms).toISOString();
      const text = form === 'ms' ? iso : form === 's' ? `${iso.slice(0, 19)}Z` : `${iso.slice(0, 19)}+00:00`;
      expect(instantMs(text)).toBe(Date.parse(text));
    }), { numRuns: 2000 });
    for (const bad of ['2025-02-30T10:00:00Z', '2025-01-15T25:00:00Z', 'yesterday', '']) {
      expect(instantMs(bad)).toBe(Date.parse(bad));
    }
  });

  it.each([
    ['2025-03-09T06:59:59Z', '2025-03-09'], ['2025-03-09T07:00:00Z', '2025-03-09'],
    ['2025-03-10T03:59:59Z', '2025-03-09'], ['2025-03-10T04:00:00Z', '2025-03-10'],
    ['2025-11-02T04:30:00Z', '2025-11-02'], ['2025-11-03T04:59:59Z', '2025-11-02'], ['2025-11-03T05:00:00Z', '2025-11-03'],
  ])('GIVEN the instant %s around a daylight-saving switch WHEN dated in New York THEN it is %s', (iso, date) => {
    expect(isoDate(newYorkDays(Date.parse(iso)))).toBe(date);
  });

  it('GIVEN 2025 dates WHEN weekly, monthly and trading-day rules apply THEN they land on the right days', () => {
    const d = (iso: string): number => Math.floor(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);
    expect(weekday(d('2025-01-15'))).toBe(3);
    expect(isoDate(fridayOnOrAfter(d('2025-01-15')))).toBe('2025-01-17');
    expect(isoDate(fridayOnOrAfter(d('2025-01-17')))).toBe('2025-01-17');
    expect(isoDate(monthlyOnOrAfter(d('2025-01-15')))).toBe('2025-01-17');
    expect(isoDate(monthlyOnOrAfter(d('2025-01-18')))).toBe('2025-02-21');
    expect(isoDate(monthlyOnOrAfter(d('2025-12-20')))).toBe('2026-01-16');
    expect(isoDate(addWeekdays(d('2025-01-17'), 1))).toBe('2025-01-20');
    expect(isoDate(addWeekdays(d('2025-01-18'), 0))).toBe('2025-01-20');
  });
});

describe('option expiry without a year', () => {
  it('GIVEN any post time and any month/day WHEN resolved THEN the expiry is that month/day, on or after the post date, within a year (never in the past)', () => {
    const from = Date.UTC(2020, 0, 1), to = Date.UTC(2035, 0, 1);
    const dayArb = fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }));
    fc.assert(fc.property(fc.integer({ min: from, max: to }), dayArb, (ms, [m, d]) => {
      const postedAt = new Date(ms).toISOString();
      const expiry = expiryOf(`BTO SPY 480C ${m}/${d} @ 2.50`, postedAt);
      const postDate = NY.format(ms);
      expect(expiry).not.toBeNull();
      expect((expiry as string) >= postDate).toBe(true);
      expect((expiry as string).slice(5)).toBe(`${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
      const gapDays = (Date.parse(`${expiry}T00:00:00Z`) - Date.parse(`${postDate}T00:00:00Z`)) / 86_400_000;
      expect(gapDays).toBeLessThan(366);
    }), { numRuns: 1500 });
  });

  it('GIVEN Feb 29 posted in a non-leap year WHEN resolved THEN it is the next leap day', () => {
    expect(expiryOf('BTO SPY 480C 2/29 @ 2.50', '2025-03-01T15:00:00Z')).toBe('2028-02-29');
  });

  it('GIVEN a post in the evening of Jan 31 New York time (Feb 1 UTC) WHEN 1/31 is resolved THEN it is that same day, not next year', () => {
    expect(expiryOf('STC SPY 480C 1/31 @ 3.25', '2025-02-01T01:30:00Z')).toBe('2025-01-31');
  });

  it('GIVEN 0DTE posted late at night UTC WHEN resolved THEN it is the New York trading date', () => {
    expect(expiryOf('BTO SPY 590C 0DTE @ 1', '2025-01-16T03:00:00Z')).toBe('2025-01-15');
  });
});
