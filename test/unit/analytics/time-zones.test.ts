import { describe, expect, it } from 'vitest';
import {
  dailyPnl, fillMissingDays, filterByPeriod, periodStartMs, startOfLocalDayMs, type Period,
} from '../../../src/domain/analytics/index.js';
import { NY, trade } from './fixtures.js';

const at = (iso: string): number => Date.parse(iso);
const datesOf = (isoCloses: string[], zone = NY) =>
  dailyPnl(isoCloses.map((iso) => trade(100, at(iso))), zone).map((day) => [day.date, day.tradeCount]);

describe('dailyPnl buckets by the local calendar day of the close', () => {
  it.each([
    { name: 'winter: 23:30 vs 00:30 New York (EST)', closes: ['2024-01-17T04:30:00Z', '2024-01-17T05:30:00Z'],
      expected: [['2024-01-16', 1], ['2024-01-17', 1]] },
    { name: 'spring forward eve: 23:30 EST Mar 9 vs 00:30 EST Mar 10', closes: ['2024-03-10T04:30:00Z', '2024-03-10T05:30:00Z'],
      expected: [['2024-03-09', 1], ['2024-03-10', 1]] },
    { name: 'after spring forward: 23:30 EDT Mar 10 vs 00:30 EDT Mar 11', closes: ['2024-03-11T03:30:00Z', '2024-03-11T04:30:00Z'],
      expected: [['2024-03-10', 1], ['2024-03-11', 1]] },
    { name: 'fall back eve: 23:30 EDT Nov 2 vs 00:30 EDT Nov 3', closes: ['2024-11-03T03:30:00Z', '2024-11-03T04:30:00Z'],
      expected: [['2024-11-02', 1], ['2024-11-03', 1]] },
    { name: 'the repeated 01:30 on Nov 3 (EDT, then EST) is one day', closes: ['2024-11-03T05:30:00Z', '2024-11-03T06:30:00Z'],
      expected: [['2024-11-03', 2]] },
    { name: 'after fall back: 23:30 EST Nov 3 vs 00:30 EST Nov 4', closes: ['2024-11-04T04:30:00Z', '2024-11-04T05:30:00Z'],
      expected: [['2024-11-03', 1], ['2024-11-04', 1]] },
  ])('GIVEN $name THEN the days are $expected', ({ closes, expected }) => {
    expect(datesOf(closes)).toEqual(expected);
  });

  it('GIVEN the same instants in UTC and Kolkata THEN each zone uses its own calendar', () => {
    const closes = ['2024-01-17T04:30:00Z', '2024-01-17T18:29:00Z', '2024-01-17T18:30:00Z'];
    expect(datesOf(closes, 'UTC')).toEqual([['2024-01-17', 3]]);
    expect(datesOf(closes, 'Asia/Kolkata')).toEqual([['2024-01-17', 2], ['2024-01-18', 1]]);
  });

  it('GIVEN two trades on a day THEN their P&L adds up exactly', () => {
    const days = dailyPnl([trade(-1_234, at('2024-01-17T14:00:00Z')), trade(99_999, at('2024-01-17T15:00:00Z'))], NY);
    expect(days).toEqual([{ date: '2024-01-17', netPnlCents: 98_765, tradeCount: 2 }]);
  });
});

describe('fillMissingDays', () => {
  const days = [
    { date: '2024-01-12', netPnlCents: 5, tradeCount: 1 }, // Friday
    { date: '2024-01-16', netPnlCents: -3, tradeCount: 1 }, // Tuesday
  ];

  it('GIVEN Friday and Tuesday THEN Monday is added flat and the weekend is skipped', () => {
    expect(fillMissingDays(days).map((d) => [d.date, d.netPnlCents])).toEqual([
      ['2024-01-12', 5], ['2024-01-15', 0], ['2024-01-16', -3],
    ]);
  });

  it('GIVEN includeWeekends THEN every calendar day is present', () => {
    expect(fillMissingDays(days, { includeWeekends: true })).toHaveLength(5);
  });

  it('GIVEN a day with a weekend close THEN it is kept', () => {
    const withSunday = [{ date: '2024-01-14', netPnlCents: 7, tradeCount: 1 }, { date: '2024-01-15', netPnlCents: 1, tradeCount: 1 }];
    expect(fillMissingDays(withSunday)).toEqual(withSunday);
  });
});

describe('periodStartMs (week starts Monday 00:00 local, month on the 1st)', () => {
  it.each<{ zone: string; now: string; period: Period; start: string | null }>([
    { zone: NY, now: '2024-03-13T15:00:00Z', period: 'today', start: '2024-03-13T04:00:00Z' },
    // The week began Monday Mar 11 00:00 EDT, the month on Mar 1 00:00 EST — across the spring switch.
    { zone: NY, now: '2024-03-13T15:00:00Z', period: 'week', start: '2024-03-11T04:00:00Z' },
    { zone: NY, now: '2024-03-13T15:00:00Z', period: 'month', start: '2024-03-01T05:00:00Z' },
    { zone: NY, now: '2024-03-13T15:00:00Z', period: 'all', start: null },
    // The day of the spring switch starts at 00:00 EST; Sunday belongs to the week of Monday Mar 4.
    { zone: NY, now: '2024-03-10T16:00:00Z', period: 'today', start: '2024-03-10T05:00:00Z' },
    { zone: NY, now: '2024-03-10T16:00:00Z', period: 'week', start: '2024-03-04T05:00:00Z' },
    // The day of the fall switch starts at 00:00 EDT and lasts 25 hours.
    { zone: NY, now: '2024-11-04T04:59:59Z', period: 'today', start: '2024-11-03T04:00:00Z' },
    { zone: NY, now: '2024-11-04T05:00:00Z', period: 'today', start: '2024-11-04T05:00:00Z' },
    // The minute before and at Monday midnight.
    { zone: NY, now: '2024-01-15T04:59:00Z', period: 'week', start: '2024-01-08T05:00:00Z' },
    { zone: NY, now: '2024-01-15T05:00:00Z', period: 'week', start: '2024-01-15T05:00:00Z' },
    { zone: 'America/Chicago', now: '2024-12-01T05:59:00Z', period: 'month', start: '2024-11-01T05:00:00Z' },
    { zone: 'America/Chicago', now: '2024-12-01T06:00:00Z', period: 'month', start: '2024-12-01T06:00:00Z' },
    { zone: 'Asia/Kolkata', now: '2024-03-31T20:00:00Z', period: 'month', start: '2024-03-31T18:30:00Z' },
    { zone: 'Asia/Kolkata', now: '2024-03-31T20:00:00Z', period: 'week', start: '2024-03-31T18:30:00Z' },
  ])('GIVEN $zone at $now WHEN $period THEN it starts $start', ({ zone, now, period, start }) => {
    expect(periodStartMs(period, at(now), zone)).toBe(start === null ? null : at(start));
  });

  it('GIVEN a zone whose clocks skip midnight (Santiago, 2024-09-08) THEN the day starts at 01:00 local', () => {
    expect(startOfLocalDayMs('America/Santiago', { year: 2024, month: 9, day: 8 })).toBe(at('2024-09-08T04:00:00Z'));
  });

  it('GIVEN trades around the week start THEN one closed at 00:00:00.000 Monday is in, a millisecond earlier is out', () => {
    const monday = at('2024-01-15T05:00:00Z');
    const trades = [trade(1, monday - 1, { id: 'sunday' }), trade(1, monday, { id: 'monday' }), trade(1, monday + 1, { id: 'later' })];
    expect(filterByPeriod(trades, 'week', at('2024-01-17T12:00:00Z'), NY).map((t) => t.id)).toEqual(['monday', 'later']);
    expect(filterByPeriod(trades, 'all', at('2024-01-17T12:00:00Z'), NY)).toHaveLength(3);
  });
});
