import {
  filterByPeriod, periodStartMs, PERIODS, type Period, type TradeOutcome,
} from '../../domain/analytics/index.js';
import { realizedNetOf } from '../ports.js';
import type { ClosedTrade, ReportStore } from './ports.js';

export interface PeriodInput {
  period: Period;
  nowMs: number;
  /** Zone whose calendar defines today / this week / this month. */
  timeZone: string;
  startingBalanceCents: number;
}

export interface PeriodTrades {
  period: Period;
  /** First instant of the period; null for 'all'. */
  fromMs: number | null;
  /** Closed trades in the period, oldest close first. */
  trades: ClosedTrade[];
  outcomes: TradeOutcome[];
  /** Account equity when the period began: the starting balance plus every earlier closed trade. */
  startEquityCents: number;
}

export function isPeriod(value: string): value is Period {
  return (PERIODS as readonly string[]).includes(value);
}

/** Source for analytics: the channel kind of the signal, else how it arrived, else 'manual'. */
export function toOutcome(t: ClosedTrade): TradeOutcome {
  const p = t.position;
  return {
    id: p.id, symbol: p.symbol, assetClass: p.assetClass, source: t.channelKind ?? t.signalSource ?? 'manual',
    author: t.authorName ?? t.authorId, broker: p.broker, openedAtMs: p.openedAtMs,
    closedAtMs: p.closedAtMs ?? p.updatedAtMs, netPnlCents: realizedNetOf(p), commissionCents: p.commissionCents,
  };
}

/** The closed trades of a period, and the equity the account had when it began. */
export async function periodTrades(store: ReportStore, input: PeriodInput): Promise<PeriodTrades> {
  const fromMs = periodStartMs(input.period, input.nowMs, input.timeZone);
  const all = await store.closedTrades(null);
  const withOutcome = all.map((trade) => ({ trade, outcome: toOutcome(trade) }));
  const inPeriod = filterByPeriod(withOutcome.map((w) => ({ ...w, closedAtMs: w.outcome.closedAtMs })),
    input.period, input.nowMs, input.timeZone);
  const inIds = new Set(inPeriod.map((w) => w.outcome.id));
  const earlierCents = withOutcome.filter((w) => !inIds.has(w.outcome.id)).reduce((sum, w) => sum + w.outcome.netPnlCents, 0);
  return {
    period: input.period, fromMs, trades: inPeriod.map((w) => w.trade), outcomes: inPeriod.map((w) => w.outcome),
    startEquityCents: input.startingBalanceCents + earlierCents,
  };
}
