import type { Cents } from '../trading/money.js';
import type { SymbolLossStreak } from './snapshot.js';

export interface ClosedTrade {
  readonly symbol: string;
  readonly closedAtMs: number;
  /** Net of commissions. */
  readonly netPnlCents: Cents;
}

/**
 * Current run of consecutive losing trades per symbol (in close order). A win ends the run;
 * a trade that nets exactly zero neither extends nor ends it. Symbols not on a run are absent.
 */
export function lossStreaks(trades: readonly ClosedTrade[]): Map<string, SymbolLossStreak> {
  const streaks = new Map<string, SymbolLossStreak>();
  for (const trade of [...trades].sort((a, b) => a.closedAtMs - b.closedAtMs)) {
    if (trade.netPnlCents > 0) streaks.delete(trade.symbol);
    if (trade.netPnlCents >= 0) continue;
    const run = streaks.get(trade.symbol)?.consecutiveLosses ?? 0;
    streaks.set(trade.symbol, { consecutiveLosses: run + 1, lastLossAtMs: trade.closedAtMs });
  }
  return streaks;
}
