import { describe, expect, it } from 'vitest';
import {
  computeStats, dailyReturns, equityCurve, maxDrawdown, sharpeRatio, sortinoRatio,
} from '../../../src/domain/analytics/index.js';
import { DAY_MS, MON_15_NY_MS, NY, START_CENTS, trade } from './fixtures.js';

const equities = (values: number[]) => values.map((equityCents) => ({ equityCents }));

describe('equityCurve', () => {
  it('GIVEN trades out of order THEN starts at the balance and steps through them in close order', () => {
    const late = trade(-2_000, MON_15_NY_MS + 60_000, { id: 'late' });
    const early = trade(5_000, MON_15_NY_MS, { id: 'early' });
    expect(equityCurve([late, early], START_CENTS, MON_15_NY_MS - DAY_MS)).toEqual([
      { atMs: MON_15_NY_MS - DAY_MS, tradeId: null, equityCents: START_CENTS },
      { atMs: MON_15_NY_MS, tradeId: 'early', equityCents: START_CENTS + 5_000 },
      { atMs: MON_15_NY_MS + 60_000, tradeId: 'late', equityCents: START_CENTS + 3_000 },
    ]);
  });

  it('GIVEN no trades THEN the curve is the starting point alone', () => {
    expect(equityCurve([], 42)).toEqual([{ atMs: null, tradeId: null, equityCents: 42 }]);
  });
});

describe('maxDrawdown', () => {
  it.each([
    { name: 'a rising curve', curve: [100, 110, 120], cents: 0, pct: 0, peak: 100 },
    { name: 'one dip', curve: [100, 80, 120], cents: 20, pct: 20, peak: 100 },
    // The 30-cent fall from 300 is the largest in cents (10%); the 20-cent fall from 100 is 20% but smaller.
    { name: 'two episodes (cents decide, % of that episode)', curve: [100, 80, 300, 270, 400], cents: 30, pct: 10, peak: 300 },
    { name: 'equal falls: the first wins', curve: [200, 150, 250, 200], cents: 50, pct: 25, peak: 200 },
    { name: 'a fall below zero', curve: [100, -50], cents: 150, pct: 150, peak: 100 },
  ])('GIVEN $name THEN $cents cents, $pct% of the $peak peak', ({ curve, cents, pct, peak }) => {
    const drawdown = maxDrawdown(equities(curve));
    expect(drawdown.maxDrawdownCents).toBe(cents);
    expect(drawdown.maxDrawdownPctOfPeak).toBeCloseTo(pct, 12);
    expect(drawdown.peakEquityCents).toBe(peak);
  });

  it('GIVEN a peak at or below zero THEN the percentage is null', () => {
    expect(maxDrawdown(equities([0, -10]))).toEqual({ maxDrawdownCents: 10, maxDrawdownPctOfPeak: null, peakEquityCents: 0 });
    expect(maxDrawdown([])).toEqual({ maxDrawdownCents: 0, maxDrawdownPctOfPeak: null, peakEquityCents: 0 });
  });
});

describe('daily returns, Sharpe and Sortino (risk-free 0, × √252)', () => {
  // From $10,000: +100.00 (1%), −202.00 (−2% of 10,100), +296.94 (3% of 9,898).
  const days = [{ netPnlCents: 10_000 }, { netPnlCents: -20_200 }, { netPnlCents: 29_694 }];

  it('GIVEN three days THEN returns compound on the equity at the start of each day', () => {
    const returns = dailyReturns(days, START_CENTS) ?? [];
    expect(returns.map((r) => Number(r.toFixed(12)))).toEqual([0.01, -0.02, 0.03]);
  });

  it('GIVEN returns 1%, −2%, 3% THEN Sharpe = mean / sample sd × √252', () => {
    // mean = 0.02/3; sample variance = (0.01² + 0.02² + 0.03² − 3·mean²) / 2 = (0.0014 − 0.0004/3) / 2.
    const mean = 0.02 / 3;
    const sd = Math.sqrt((0.0014 - 0.0004 / 3) / 2);
    expect(sharpeRatio([0.01, -0.02, 0.03])).toBeCloseTo((mean / sd) * Math.sqrt(252), 9);
    expect(sharpeRatio([0.01, -0.02, 0.03])).toBeCloseTo(4.205, 3);
  });

  it('GIVEN returns 1%, −2%, 3% THEN Sortino = mean / √(0.02²/3) × √252 = √84', () => {
    expect(sortinoRatio([0.01, -0.02, 0.03])).toBeCloseTo(Math.sqrt(84), 9);
  });

  it.each([
    { name: 'one day', returns: [0.01], sharpe: null, sortino: null },
    { name: 'no dispersion', returns: [0.01, 0.01, 0.01], sharpe: null, sortino: null },
    { name: 'no losing day', returns: [0.01, 0.02], sortino: null },
  ])('GIVEN $name THEN the ratio is null', ({ returns, sharpe, sortino }) => {
    if (sharpe !== undefined) expect(sharpeRatio(returns)).toBe(sharpe);
    expect(sortinoRatio(returns)).toBe(sortino);
  });

  it('GIVEN equity at or below zero at the start of a day THEN there are no returns', () => {
    expect(dailyReturns([{ netPnlCents: -100 }, { netPnlCents: 5 }], 100)).toBeNull();
  });

  it('GIVEN closes on Monday and Wednesday THEN Tuesday counts as a flat day (3 returns)', () => {
    const trades = [trade(10_000, MON_15_NY_MS), trade(-10_100, MON_15_NY_MS + 2 * DAY_MS)];
    // Returns 1%, 0, −1%: mean 0 → Sharpe 0; Sortino 0.
    const stats = computeStats(trades, { startingBalanceCents: START_CENTS, timeZone: NY });
    expect(stats.sharpe).toBeCloseTo(0, 12);
    expect(stats.sortino).toBeCloseTo(0, 12);
  });

  it('GIVEN closes on Friday and Monday THEN the weekend is not filled (2 returns)', () => {
    const friday = MON_15_NY_MS + 4 * DAY_MS;
    const trades = [trade(10_000, friday), trade(-20_200, friday + 3 * DAY_MS)];
    // Returns 1%, −2% → sample sd = 0.03/√2; Sharpe = (−0.005)/(0.03/√2)·√252.
    const stats = computeStats(trades, { startingBalanceCents: START_CENTS, timeZone: NY });
    expect(stats.sharpe).toBeCloseTo((-0.005 / (0.03 / Math.SQRT2)) * Math.sqrt(252), 9);
  });
});
