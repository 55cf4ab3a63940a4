/**
 * Risk-adjusted ratios of daily returns. Returns are fractions of the equity at the start of
 * the day; the risk-free rate is taken as zero; annualised by √252 (US trading days a year).
 * These are ratios, not money, so floats are fine here.
 */
import type { DailyPnl } from './types.js';

export const TRADING_DAYS_PER_YEAR = 252;
/** Fewer daily returns than this and a ratio is null: one day has no dispersion to measure. */
export const MIN_DAYS_FOR_RATIOS = 2;

/**
 * Each day's net P&L ÷ equity at the start of that day, compounding from the starting balance.
 * Null when equity is ever ≤ 0 at the start of a day (a return on nothing is undefined).
 */
export function dailyReturns(days: readonly Pick<DailyPnl, 'netPnlCents'>[], startingBalanceCents: number): number[] | null {
  const returns: number[] = [];
  let equityCents = startingBalanceCents;
  for (const day of days) {
    if (equityCents <= 0) return null;
    returns.push(day.netPnlCents / equityCents);
    equityCents += day.netPnlCents;
  }
  return returns;
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

/** mean ÷ sample standard deviation (n − 1) × √252; null with < 2 returns or zero deviation. */
export function sharpeRatio(returns: readonly number[]): number | null {
  if (returns.length < MIN_DAYS_FOR_RATIOS) return null;
  const avg = mean(returns);
  const variance = returns.reduce((sum, r) => sum + (r - avg) ** 2, 0) / (returns.length - 1);
  const deviation = Math.sqrt(variance);
  if (!(deviation > 1e-12)) return null;
  return (avg / deviation) * Math.sqrt(TRADING_DAYS_PER_YEAR);
}

/**
 * mean ÷ downside deviation × √252, where downside deviation = √(Σ min(r, 0)² ÷ n) over all n
 * days (target return 0); null with < 2 returns or no losing day.
 */
export function sortinoRatio(returns: readonly number[]): number | null {
  if (returns.length < MIN_DAYS_FOR_RATIOS) return null;
  const downsideSquares = returns.reduce((sum, r) => sum + Math.min(r, 0) ** 2, 0);
  const downsideDeviation = Math.sqrt(downsideSquares / returns.length);
  if (!(downsideDeviation > 0)) return null;
  return (mean(returns) / downsideDeviation) * Math.sqrt(TRADING_DAYS_PER_YEAR);
}
