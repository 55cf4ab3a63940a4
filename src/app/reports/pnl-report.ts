import {
  dailyPnl, equityCurve, type DailyPnl, type EquityPoint, type Period,
} from '../../domain/analytics/index.js';
import type { ReportStore } from './ports.js';
import { periodTrades, type PeriodInput } from './period-trades.js';

/** The account as the trading desk sees it now (the paper engine's AccountView satisfies it). */
export interface AccountNow {
  realizedNetCents: number;
  unrealizedCents: number;
  equityCents: number;
  openPositions: number;
  /** Open positions with no quote to mark them at: they count 0 unrealized. */
  unmarkedPositionIds: readonly string[];
}

export interface PnlDeps {
  reports: ReportStore;
  account: () => AccountNow;
}

export interface PnlReport {
  period: Period;
  fromMs: number | null;
  timeZone: string;
  /** Closed trades in the period: count, wins, losses, net realized and commission (cents). */
  closed: { count: number; wins: number; losses: number; realizedNetCents: number; commissionCents: number };
  /** Equity when the period began, and after its last closed trade (closed trades only). */
  startEquityCents: number;
  endEquityCents: number;
  account: AccountNow;
  /** The starting point then one point per closed trade of the period. */
  equity: EquityPoint[];
  /** Net P&L per local day of the period's closed trades. */
  daily: DailyPnl[];
}

/** /pnl: realized P&L of the trades closed in the period, open P&L now, and the series to chart. */
export async function pnlReport(deps: PnlDeps, input: PeriodInput): Promise<PnlReport> {
  const { fromMs, outcomes, startEquityCents } = await periodTrades(deps.reports, input);
  const realizedNetCents = outcomes.reduce((sum, t) => sum + t.netPnlCents, 0);
  return {
    period: input.period, fromMs, timeZone: input.timeZone,
    closed: {
      count: outcomes.length,
      wins: outcomes.filter((t) => t.netPnlCents > 0).length,
      losses: outcomes.filter((t) => t.netPnlCents < 0).length,
      realizedNetCents,
      commissionCents: outcomes.reduce((sum, t) => sum + t.commissionCents, 0),
    },
    startEquityCents,
    endEquityCents: startEquityCents + realizedNetCents,
    account: deps.account(),
    equity: equityCurve(outcomes, startEquityCents, fromMs),
    daily: dailyPnl(outcomes, input.timeZone),
  };
}
