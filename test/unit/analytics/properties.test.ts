import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  computeReport, computeStats, dailyPnl, divRoundHalfAwayFromZero, equityCurve, fillMissingDays, filterByPeriod,
  formatLocalDate, groupTrades, GROUP_KEYS, localDateOf, maxDrawdown, periodStartMs, PERIODS, type TradeOutcome,
} from '../../../src/domain/analytics/index.js';

const ZONES = ['America/New_York', 'America/Chicago', 'Asia/Kolkata', 'UTC'];
const FROM_MS = Date.parse('2023-01-01T00:00:00Z');
const TO_MS = Date.parse('2026-12-31T00:00:00Z');
const MAX_ABS_PNL_CENTS = 10_000_000;

const tradeArb: fc.Arbitrary<Omit<TradeOutcome, 'id'>> = fc.record({
  symbol: fc.constantFrom('ES', 'NQ', 'SPY'),
  assetClass: fc.constantFrom('futures' as const, 'option' as const),
  source: fc.constantFrom('futures', 'options', 'tradingview'),
  author: fc.option(fc.constantFrom('alice', 'bob'), { nil: null }),
  broker: fc.constantFrom('paper', 'topstepx', 'alpaca'),
  openedAtMs: fc.integer({ min: FROM_MS, max: TO_MS }),
  closedAtMs: fc.integer({ min: FROM_MS, max: TO_MS }),
  netPnlCents: fc.integer({ min: -MAX_ABS_PNL_CENTS, max: MAX_ABS_PNL_CENTS }),
  commissionCents: fc.integer({ min: 0, max: 10_000 }),
});
const tradesArb = fc.array(tradeArb, { maxLength: 60 })
  .map((trades) => trades.map((t, i) => ({ ...t, id: `P${i}` })));
const zoneArb = fc.constantFrom(...ZONES);
const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

describe('analytics invariants', () => {
  it('the daily P&L series sums to the total net P&L and counts every trade once (any zone, gaps filled or not)', () => {
    fc.assert(fc.property(tradesArb, zoneArb, (trades, zone) => {
      const days = dailyPnl(trades, zone);
      const total = sum(trades.map((t) => t.netPnlCents));
      expect(sum(days.map((d) => d.netPnlCents))).toBe(total);
      expect(sum(days.map((d) => d.tradeCount))).toBe(trades.length);
      expect(sum(fillMissingDays(days).map((d) => d.netPnlCents))).toBe(total);
      expect(days.map((d) => d.date)).toEqual([...new Set(days.map((d) => d.date))].sort());
    }));
  });

  it('the equity curve ends at start + total and has one point per trade after the start', () => {
    fc.assert(fc.property(tradesArb, fc.integer({ min: -1e9, max: 1e9 }), (trades, startCents) => {
      const curve = equityCurve(trades, startCents);
      expect(curve).toHaveLength(trades.length + 1);
      expect(curve.at(-1)?.equityCents).toBe(startCents + sum(trades.map((t) => t.netPnlCents)));
      expect(curve.slice(1).map((p) => p.atMs)).toEqual(trades.map((t) => t.closedAtMs).sort((a, b) => a - b));
    }));
  });

  it('drawdown is ≥ 0, ≤ peak − lowest equity, and ≤ the peak (0–100%) while equity stays positive', () => {
    fc.assert(fc.property(tradesArb, fc.integer({ min: 0, max: 1e9 }), (trades, extraCents) => {
      // Enough starting balance that no sequence of these trades can take equity to zero.
      const startCents = 60 * MAX_ABS_PNL_CENTS + 1 + extraCents;
      const curve = equityCurve(trades, startCents);
      const drawdown = maxDrawdown(curve);
      const lowest = Math.min(...curve.map((p) => p.equityCents));
      const highest = Math.max(...curve.map((p) => p.equityCents));
      expect(drawdown.maxDrawdownCents).toBeGreaterThanOrEqual(0);
      expect(drawdown.maxDrawdownCents).toBeLessThanOrEqual(drawdown.peakEquityCents - lowest);
      expect(drawdown.peakEquityCents).toBeLessThanOrEqual(highest);
      expect(drawdown.maxDrawdownPctOfPeak).toBeGreaterThanOrEqual(0);
      expect(drawdown.maxDrawdownPctOfPeak).toBeLessThanOrEqual(100);
    }));
  });

  it('wins + losses + breakeven = trades; gross profit + gross loss = net; money figures are integers', () => {
    fc.assert(fc.property(tradesArb, zoneArb, (trades, timeZone) => {
      const stats = computeStats(trades, { startingBalanceCents: 2_500_000, timeZone });
      expect(stats.wins + stats.losses + stats.breakeven).toBe(trades.length);
      expect(stats.grossProfitCents + stats.grossLossCents).toBe(stats.netPnlCents);
      for (const cents of [stats.avgWinCents, stats.avgLossCents, stats.expectancyCents, stats.drawdown.maxDrawdownCents]) {
        if (cents !== null) expect(Number.isSafeInteger(cents)).toBe(true);
      }
    }));
  });

  it('each grouping partitions the trades: every trade in exactly one group, counts and net add up', () => {
    fc.assert(fc.property(tradesArb, (trades) => {
      const report = computeReport(trades, { startingBalanceCents: 2_500_000, timeZone: 'UTC' });
      for (const groups of [report.byAssetClass, report.bySource, report.byAuthor, report.byBroker]) {
        expect(sum(groups.map((g) => g.stats.tradeCount))).toBe(trades.length);
        expect(sum(groups.map((g) => g.stats.netPnlCents))).toBe(report.overall.netPnlCents);
      }
      for (const keyOf of Object.values(GROUP_KEYS)) {
        const ids = [...groupTrades(trades, keyOf).values()].flatMap((group) => group.map((t) => t.id));
        expect(ids.sort()).toEqual(trades.map((t) => t.id).sort());
      }
    }));
  });

  it('a period starts at a local midnight on or before now; today ⊆ week and today ⊆ month ⊆ all', () => {
    fc.assert(fc.property(tradesArb, zoneArb, fc.integer({ min: FROM_MS, max: TO_MS }), (trades, zone, nowMs) => {
      for (const period of PERIODS) {
        const startMs = periodStartMs(period, nowMs, zone);
        if (startMs === null) continue;
        expect(startMs).toBeLessThanOrEqual(nowMs);
        expect(formatLocalDate(localDateOf(zone, startMs - 1))).not.toBe(formatLocalDate(localDateOf(zone, startMs)));
      }
      const ids = (period: (typeof PERIODS)[number]) => new Set(filterByPeriod(trades, period, nowMs, zone).map((t) => t.id));
      const [today, week, month, all] = [ids('today'), ids('week'), ids('month'), ids('all')];
      for (const id of today) expect(week.has(id) && month.has(id)).toBe(true);
      for (const id of month) expect(all.has(id)).toBe(true);
      expect(formatLocalDate(localDateOf(zone, periodStartMs('today', nowMs, zone) ?? 0))).toBe(formatLocalDate(localDateOf(zone, nowMs)));
    }));
  });

  it('rounded division is within half a unit and ties go away from zero', () => {
    fc.assert(fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 1, max: 1e6 }), (n, d) => {
      const q = divRoundHalfAwayFromZero(n, d);
      const errorTwice = Math.abs(2 * (q * d - n));
      expect(errorTwice).toBeLessThanOrEqual(d);
      if (errorTwice === d) expect(Math.abs(q * d)).toBeGreaterThan(Math.abs(n));
    }));
  });
});
