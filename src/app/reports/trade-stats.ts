import { computeReport, type AnalyticsReport, type Period } from '../../domain/analytics/index.js';
import type { ReportStore } from './ports.js';
import { periodTrades, type PeriodInput } from './period-trades.js';

export interface TradeStatsReport {
  period: Period;
  fromMs: number | null;
  /** Drawdown % and daily returns are measured from the equity the period began with. */
  startEquityCents: number;
  report: AnalyticsReport;
}

/** /stats: every figure of the period's closed trades, overall and by asset class, source and author. */
export async function tradeStats(reports: ReportStore, input: PeriodInput): Promise<TradeStatsReport> {
  const { fromMs, outcomes, startEquityCents } = await periodTrades(reports, input);
  return {
    period: input.period, fromMs, startEquityCents,
    report: computeReport(outcomes, { startingBalanceCents: startEquityCents, timeZone: input.timeZone }),
  };
}
