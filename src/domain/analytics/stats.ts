/** The headline figures of a list of closed trades. */
import { dailyPnl, fillMissingDays } from './daily.js';
import { equityCurve, inCloseOrder, maxDrawdown } from './equity.js';
import { dailyReturns, sharpeRatio, sortinoRatio } from './ratios.js';
import { divRoundHalfAwayFromZero } from './rounding.js';
import type { AnalyticsOptions, TradeOutcome, TradeRef, TradeStats } from './types.js';

interface Tally {
  wins: number;
  losses: number;
  grossProfitCents: number;
  grossLossCents: number;
  commissionCents: number;
}

function tally(trades: readonly TradeOutcome[]): Tally {
  const t: Tally = { wins: 0, losses: 0, grossProfitCents: 0, grossLossCents: 0, commissionCents: 0 };
  for (const trade of trades) {
    t.commissionCents += trade.commissionCents;
    if (trade.netPnlCents > 0) {
      t.wins += 1;
      t.grossProfitCents += trade.netPnlCents;
    } else if (trade.netPnlCents < 0) {
      t.losses += 1;
      t.grossLossCents += trade.netPnlCents;
    }
  }
  return t;
}

/** Longest runs of consecutive wins and of consecutive losses; a breakeven trade ends both. */
function longestStreaks(ordered: readonly TradeOutcome[]): { win: number; loss: number } {
  let win = 0;
  let loss = 0;
  let currentWin = 0;
  let currentLoss = 0;
  for (const trade of ordered) {
    currentWin = trade.netPnlCents > 0 ? currentWin + 1 : 0;
    currentLoss = trade.netPnlCents < 0 ? currentLoss + 1 : 0;
    win = Math.max(win, currentWin);
    loss = Math.max(loss, currentLoss);
  }
  return { win, loss };
}

const toRef = (trade: TradeOutcome): TradeRef => ({
  id: trade.id, symbol: trade.symbol, netPnlCents: trade.netPnlCents, closedAtMs: trade.closedAtMs,
});

/** Best and worst by net P&L; on a tie the one that closed first. */
function extremes(ordered: readonly TradeOutcome[]): { best: TradeRef | null; worst: TradeRef | null } {
  let best: TradeOutcome | undefined;
  let worst: TradeOutcome | undefined;
  for (const trade of ordered) {
    if (!best || trade.netPnlCents > best.netPnlCents) best = trade;
    if (!worst || trade.netPnlCents < worst.netPnlCents) worst = trade;
  }
  return { best: best ? toRef(best) : null, worst: worst ? toRef(worst) : null };
}

/**
 * Daily returns use every weekday between the first and the last close (a weekday without
 * trades is a flat day), plus any weekend day that had a close.
 */
function riskRatios(trades: readonly TradeOutcome[], options: AnalyticsOptions): Pick<TradeStats, 'sharpe' | 'sortino'> {
  const days = fillMissingDays(dailyPnl(trades, options.timeZone));
  const returns = dailyReturns(days, options.startingBalanceCents);
  if (!returns) return { sharpe: null, sortino: null };
  return { sharpe: sharpeRatio(returns), sortino: sortinoRatio(returns) };
}

export function computeStats(trades: readonly TradeOutcome[], options: AnalyticsOptions): TradeStats {
  const ordered = inCloseOrder(trades);
  const t = tally(ordered);
  const count = ordered.length;
  const netPnlCents = t.grossProfitCents + t.grossLossCents;
  const drawdown = maxDrawdown(equityCurve(ordered, options.startingBalanceCents));
  const streaks = longestStreaks(ordered);
  const { best, worst } = extremes(ordered);
  return {
    tradeCount: count,
    wins: t.wins,
    losses: t.losses,
    breakeven: count - t.wins - t.losses,
    winRate: count > 0 ? t.wins / count : null,
    netPnlCents,
    commissionCents: t.commissionCents,
    grossProfitCents: t.grossProfitCents,
    grossLossCents: t.grossLossCents,
    profitFactor: t.losses > 0 ? t.grossProfitCents / -t.grossLossCents : null,
    avgWinCents: t.wins > 0 ? divRoundHalfAwayFromZero(t.grossProfitCents, t.wins) : null,
    avgLossCents: t.losses > 0 ? divRoundHalfAwayFromZero(t.grossLossCents, t.losses) : null,
    expectancyCents: count > 0 ? divRoundHalfAwayFromZero(netPnlCents, count) : null,
    drawdown,
    recoveryFactor: drawdown.maxDrawdownCents > 0 ? netPnlCents / drawdown.maxDrawdownCents : null,
    ...riskRatios(ordered, options),
    bestTrade: best,
    worstTrade: worst,
    longestWinStreak: streaks.win,
    longestLossStreak: streaks.loss,
  };
}
