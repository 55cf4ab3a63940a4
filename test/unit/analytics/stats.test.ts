import { describe, expect, it } from 'vitest';
import { computeStats, divRoundHalfAwayFromZero } from '../../../src/domain/analytics/index.js';
import { MON_15_NY_MS, NY, START_CENTS, trade, tradesHourly } from './fixtures.js';

const OPTIONS = { startingBalanceCents: START_CENTS, timeZone: NY };

describe('computeStats — five hand-computed trades', () => {
  // +300, −100, −250, +500, 0 dollars from $10,000: equity 10,000 → 10,300 → 10,200 → 9,950 → 10,450 → 10,450.
  const stats = computeStats(tradesHourly([30_000, -10_000, -25_000, 50_000, 0]), OPTIONS);

  it('GIVEN 2 wins, 2 losses, 1 breakeven THEN counts and win rate 2/5', () => {
    expect(stats).toMatchObject({ tradeCount: 5, wins: 2, losses: 2, breakeven: 1, winRate: 0.4 });
  });

  it('THEN gross profit 800.00, gross loss −350.00, net 450.00, profit factor 800/350', () => {
    expect(stats).toMatchObject({ grossProfitCents: 80_000, grossLossCents: -35_000, netPnlCents: 45_000, commissionCents: 620 });
    expect(stats.profitFactor).toBeCloseTo(80_000 / 35_000, 12);
  });

  it('THEN average win 400.00, average loss −175.00, expectancy 90.00', () => {
    expect(stats).toMatchObject({ avgWinCents: 40_000, avgLossCents: -17_500, expectancyCents: 9_000 });
  });

  it('THEN max drawdown 350.00 from the 10,300 peak (3.398…%) and recovery factor 450/350', () => {
    expect(stats.drawdown).toMatchObject({ maxDrawdownCents: 35_000, peakEquityCents: 1_030_000 });
    expect(stats.drawdown.maxDrawdownPctOfPeak).toBeCloseTo((35_000 / 1_030_000) * 100, 12);
    expect(stats.recoveryFactor).toBeCloseTo(45_000 / 35_000, 12);
  });

  it('THEN best is the +500 trade, worst the −250, streaks 1 win and 2 losses', () => {
    expect(stats.bestTrade).toMatchObject({ id: 'H4', netPnlCents: 50_000 });
    expect(stats.worstTrade).toMatchObject({ id: 'H3', netPnlCents: -25_000 });
    expect(stats).toMatchObject({ longestWinStreak: 1, longestLossStreak: 2 });
  });

  it('THEN Sharpe and Sortino are null: all five closed on one day', () => {
    expect(stats).toMatchObject({ sharpe: null, sortino: null });
  });
});

describe('computeStats — edge cases', () => {
  it.each([
    {
      name: 'no trades', pnls: [],
      expected: { tradeCount: 0, winRate: null, profitFactor: null, avgWinCents: null, avgLossCents: null,
        expectancyCents: null, recoveryFactor: null, bestTrade: null, worstTrade: null, longestWinStreak: 0, netPnlCents: 0 },
    },
    {
      name: 'only wins (no losses → no profit factor, no drawdown → no recovery factor)', pnls: [100, 250],
      expected: { wins: 2, winRate: 1, profitFactor: null, avgLossCents: null, recoveryFactor: null, avgWinCents: 175 },
    },
    {
      name: 'only losses (profit factor 0)', pnls: [-100, -300],
      expected: { losses: 2, winRate: 0, profitFactor: 0, avgWinCents: null, avgLossCents: -200, longestLossStreak: 2 },
    },
    {
      name: 'all breakeven', pnls: [0, 0, 0],
      expected: { breakeven: 3, winRate: 0, profitFactor: null, expectancyCents: 0, longestWinStreak: 0, longestLossStreak: 0 },
    },
    {
      name: 'streaks broken only by the other side or breakeven', pnls: [1, 1, 1, 0, 1, -1, -1, -1, -1, 1],
      expected: { longestWinStreak: 3, longestLossStreak: 4 },
    },
  ])('GIVEN $name THEN the documented figures', ({ pnls, expected }) => {
    expect(computeStats(tradesHourly(pnls), OPTIONS)).toMatchObject(expected);
  });

  it('GIVEN averages that do not divide evenly THEN each rounds half away from zero to the cent', () => {
    // wins 101+100+100 = 301 / 3 = 100.33 → 100; losses −1−2 = −3 / 2 = −1.5 → −2; net 298 / 5 = 59.6 → 60.
    const stats = computeStats(tradesHourly([101, -1, 100, -2, 100]), OPTIONS);
    expect(stats).toMatchObject({ avgWinCents: 100, avgLossCents: -2, expectancyCents: 60 });
  });

  it('GIVEN trades handed over out of order THEN figures follow close order (ties by id)', () => {
    const a = trade(-500, MON_15_NY_MS + 2, { id: 'b' });
    const b = trade(-500, MON_15_NY_MS + 2, { id: 'a' });
    const c = trade(1_000, MON_15_NY_MS + 1, { id: 'c' });
    const stats = computeStats([a, b, c], OPTIONS);
    expect(stats).toMatchObject({ longestLossStreak: 2, drawdown: { maxDrawdownCents: 1_000, peakEquityCents: START_CENTS + 1_000 } });
    expect(stats.worstTrade?.id).toBe('a');
  });

  it('GIVEN equal best trades THEN the one that closed first is best', () => {
    const stats = computeStats([trade(700, MON_15_NY_MS + 5, { id: 'late' }), trade(700, MON_15_NY_MS, { id: 'early' })], OPTIONS);
    expect(stats.bestTrade?.id).toBe('early');
  });
});

describe('divRoundHalfAwayFromZero', () => {
  it.each([
    [5, 2, 3], [-5, 2, -3], [5, -2, -3], [7, 3, 2], [-7, 3, -2], [8, 3, 3], [-8, 3, -3], [0, 4, 0],
    [Number.MAX_SAFE_INTEGER, 2, 4_503_599_627_370_496], [Number.MAX_SAFE_INTEGER - 2, 3, 3_002_399_751_580_330],
  ])('%d / %d → %d', (numerator, denominator, expected) => {
    expect(divRoundHalfAwayFromZero(numerator, denominator)).toBe(expected);
  });

  it('refuses a zero denominator or a non-integer', () => {
    expect(() => divRoundHalfAwayFromZero(1, 0)).toThrow(RangeError);
    expect(() => divRoundHalfAwayFromZero(1.5, 2)).toThrow(RangeError);
  });
});
