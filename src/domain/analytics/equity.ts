/** The equity curve and its drawdown, in integer cents. */
import type { Drawdown, EquityPoint, TradeOutcome } from './types.js';

type Closed = Pick<TradeOutcome, 'id' | 'closedAtMs' | 'netPnlCents'>;

/** Close order: by close instant, ties by id, so every caller sees the same sequence. */
export function inCloseOrder<T extends Pick<TradeOutcome, 'id' | 'closedAtMs'>>(trades: readonly T[]): T[] {
  return [...trades].sort((a, b) => a.closedAtMs - b.closedAtMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Equity from `startingBalanceCents` through each trade in close order: the starting point
 * (at `startAtMs`, or null) followed by one point per trade. The last point is start + Σ net.
 */
export function equityCurve(
  trades: readonly Closed[], startingBalanceCents: number, startAtMs: number | null = null,
): EquityPoint[] {
  const points: EquityPoint[] = [{ atMs: startAtMs, tradeId: null, equityCents: startingBalanceCents }];
  let equityCents = startingBalanceCents;
  for (const trade of inCloseOrder(trades)) {
    equityCents += trade.netPnlCents;
    points.push({ atMs: trade.closedAtMs, tradeId: trade.id, equityCents });
  }
  return points;
}

/**
 * The largest peak-to-trough fall along the curve. Its percentage is of the peak that fall
 * started from (the same episode), not the largest percentage of any episode; the first of
 * equal falls wins.
 */
export function maxDrawdown(points: readonly Pick<EquityPoint, 'equityCents'>[]): Drawdown {
  const first = points[0];
  if (!first) return { maxDrawdownCents: 0, maxDrawdownPctOfPeak: null, peakEquityCents: 0 };
  let runningPeakCents = first.equityCents;
  let worst = { fallCents: 0, peakCents: first.equityCents };
  for (const point of points) {
    runningPeakCents = Math.max(runningPeakCents, point.equityCents);
    const fallCents = runningPeakCents - point.equityCents;
    if (fallCents > worst.fallCents) worst = { fallCents, peakCents: runningPeakCents };
  }
  return {
    maxDrawdownCents: worst.fallCents,
    maxDrawdownPctOfPeak: worst.peakCents > 0 ? (worst.fallCents / worst.peakCents) * 100 : null,
    peakEquityCents: worst.peakCents,
  };
}
