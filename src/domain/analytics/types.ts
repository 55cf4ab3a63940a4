/** Shapes the analytics core reads and returns. Every money figure is integer cents. */
import type { Cents } from '../trading/money.js';

export type AssetClass = 'futures' | 'option';

/** One closed trade (a round trip), as the store hands it to analytics. */
export interface TradeOutcome {
  readonly id: string;
  readonly symbol: string;
  readonly assetClass: AssetClass;
  /** The channel kind the signal came from ('futures', 'options', …) or 'tradingview'. */
  readonly source: string;
  readonly author: string | null;
  readonly broker: string;
  readonly openedAtMs: number;
  readonly closedAtMs: number;
  /** Net of commissions. */
  readonly netPnlCents: Cents;
  readonly commissionCents: Cents;
}

/** Net P&L of the trades that closed on one local calendar day. */
export interface DailyPnl {
  /** Local calendar date, 'YYYY-MM-DD', in the time zone the series was built for. */
  readonly date: string;
  readonly netPnlCents: Cents;
  readonly tradeCount: number;
}

/** One point of the equity curve: the start, then one point per closed trade. */
export interface EquityPoint {
  /** The trade's close instant; for the starting point the caller's `startAtMs`, else null. */
  readonly atMs: number | null;
  /** The trade that moved equity here; null for the starting point. */
  readonly tradeId: string | null;
  readonly equityCents: Cents;
}

export interface Drawdown {
  /** Largest fall from a running peak, ≥ 0. */
  readonly maxDrawdownCents: Cents;
  /** That same fall as a percentage of the peak it fell from; null when that peak is ≤ 0. */
  readonly maxDrawdownPctOfPeak: number | null;
  /** The peak the largest fall started from (the starting balance when there was no fall). */
  readonly peakEquityCents: Cents;
}

/** The trade a best/worst figure refers to. */
export interface TradeRef {
  readonly id: string;
  readonly symbol: string;
  readonly netPnlCents: Cents;
  readonly closedAtMs: number;
}

export interface TradeStats {
  readonly tradeCount: number;
  readonly wins: number;
  readonly losses: number;
  readonly breakeven: number;
  /** wins ÷ all trades (breakeven included in the denominator), 0..1; null with no trades. */
  readonly winRate: number | null;
  readonly netPnlCents: Cents;
  readonly commissionCents: Cents;
  /** Sum of winning trades' net P&L, ≥ 0. */
  readonly grossProfitCents: Cents;
  /** Sum of losing trades' net P&L, ≤ 0 (signed, so gross profit + gross loss = net). */
  readonly grossLossCents: Cents;
  /** grossProfit ÷ |grossLoss|; null when there are no losses. */
  readonly profitFactor: number | null;
  /** Rounded half away from zero to the cent; null when there are no wins / losses. */
  readonly avgWinCents: Cents | null;
  /** Signed (≤ 0); rounded half away from zero to the cent; null when there are no losses. */
  readonly avgLossCents: Cents | null;
  /** Net P&L ÷ trade count, rounded half away from zero; null with no trades. */
  readonly expectancyCents: Cents | null;
  readonly drawdown: Drawdown;
  /** Net P&L ÷ max drawdown; null when there was no drawdown. */
  readonly recoveryFactor: number | null;
  /** Annualised (× √252) from daily returns; null with fewer than two days or no dispersion. */
  readonly sharpe: number | null;
  readonly sortino: number | null;
  readonly bestTrade: TradeRef | null;
  readonly worstTrade: TradeRef | null;
  readonly longestWinStreak: number;
  readonly longestLossStreak: number;
}

export interface GroupStats {
  readonly key: string;
  readonly stats: TradeStats;
}

export interface AnalyticsReport {
  readonly overall: TradeStats;
  readonly byAssetClass: readonly GroupStats[];
  readonly bySource: readonly GroupStats[];
  readonly byAuthor: readonly GroupStats[];
  readonly byBroker: readonly GroupStats[];
}

export interface AnalyticsOptions {
  /** Account equity before the first trade; drawdown % and daily returns are measured from it. */
  readonly startingBalanceCents: Cents;
  /** IANA zone whose calendar days the daily series uses, e.g. 'America/New_York'. */
  readonly timeZone: string;
}
