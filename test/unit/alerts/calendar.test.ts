import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addTradingDays, civilFromDays, daysFromCivil, instantMs, isTradingDay, isoDate, monthlyExpiry, newYorkDays, weekday,
  weeklyExpiry,
} from '../../../src/domain/alerts/calendar.js';
import { parseAlert } from '../../../src/domain/alerts/index.js';

const d = (iso: string): number => Math.floor(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);
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
    expect(weekday(d('2025-01-15'))).toBe(3);
    expect(isoDate(weeklyExpiry(d('2025-01-15'), 0))).toBe('2025-01-17');
    expect(isoDate(weeklyExpiry(d('2025-01-17'), 0))).toBe('2025-01-17');
    expect(isoDate(weeklyExpiry(d('2025-01-15'), 1))).toBe('2025-01-24');
    expect(isoDate(monthlyExpiry(d('2025-01-15')))).toBe('2025-01-17');
    expect(isoDate(monthlyExpiry(d('2025-01-18')))).toBe('2025-02-21');
    expect(isoDate(monthlyExpiry(d('2025-12-20')))).toBe('2026-01-16');
    expect(isoDate(addTradingDays(d('2025-01-15'), 1))).toBe('2025-01-16');
    expect(isoDate(addTradingDays(d('2025-01-10'), 1))).toBe('2025-01-13');
  });

  it('GIVEN market holidays WHEN expiries are pinned THEN they move to the trading day before (Friday) or after (0DTE)', () => {
    // Good Friday 2025 is April 18, the third Friday: that week's and that month's expiry is Thursday.
    expect(isoDate(weeklyExpiry(d('2025-04-14'), 0))).toBe('2025-04-17');
    expect(isoDate(monthlyExpiry(d('2025-04-01')))).toBe('2025-04-17');
    // Posted on Good Friday itself, Thursday has passed: next week's Friday.
    expect(isoDate(weeklyExpiry(d('2025-04-18'), 0))).toBe('2025-04-25');
    expect(isoDate(monthlyExpiry(d('2025-04-18')))).toBe('2025-05-16');
    // July 4th 2025 is a Friday.
    expect(isoDate(weeklyExpiry(d('2025-06-30'), 0))).toBe('2025-07-03');
    // MLK Day (Monday 2025-01-20): 0DTE posted on the Saturday before is Tuesday's.
    expect(isoDate(addTradingDays(d('2025-01-18'), 0))).toBe('2025-01-21');
    expect(isoDate(addTradingDays(d('2025-01-17'), 1))).toBe('2025-01-21');
    // Christmas 2026 is a Friday; the day after Thanksgiving is a trading day.
    expect(isoDate(weeklyExpiry(d('2026-12-21'), 0))).toBe('2026-12-24');
    expect(isTradingDay(d('2026-11-27'))).toBe(true);
    expect(isTradingDay(d('2026-11-26'))).toBe(false);
  });

  it('GIVEN any post date WHEN a weekly, monthly or N-day expiry is pinned THEN it is a trading day on or after the post date', () => {
    fc.assert(fc.property(fc.integer({ min: d('2000-01-01'), max: d('2100-01-01') }), fc.integer({ min: 0, max: 3 }), (day, n) => {
      for (const e of [weeklyExpiry(day, n), monthlyExpiry(day), addTradingDays(day, n)]) {
        expect(isTradingDay(e)).toBe(true);
        expect(e).toBeGreaterThanOrEqual(day);
      }
      expect(weeklyExpiry(day, 0) - day).toBeLessThan(14);
    }), { numRuns: 3000 });
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

  it('GIVEN an explicit expiry on a market holiday WHEN parsed THEN the date is kept as written but the alert goes to review', () => {
    const r = parseAlert({ channel: 'options', text: 'BTO SPY 520C 4/18 @ 2.50', postedAt: '2025-04-10T15:00:00Z' });
    expect(r.ok && r.alert.kind === 'option' && r.alert.expiry).toBe('2025-04-18');
    expect(r.reasons.map((x) => [x.code, x.message])).toContainEqual(['EXPIRY_NOT_TRADING_DAY', 'expiry 2025-04-18 is a market holiday']);
    expect(r.confidence).toBeLessThan(0.8);
  });

  it('GIVEN "weekly" or "0DTE" around a holiday WHEN parsed THEN the expiry is the trading day, not the holiday', () => {
    expect(expiryOf('BTO SPY 520C weekly @ 2.50', '2025-04-15T15:00:00Z')).toBe('2025-04-17');
    expect(expiryOf('BTO SPY 590C 0DTE @ 1', '2025-01-20T15:00:00Z')).toBe('2025-01-21');
  });
});
