import type { AccountSnapshot } from '../../domain/risk/index.js';
import { CME_GLOBEX, sessionStart } from '../../domain/sessions/index.js';
import type { Clock } from '../../domain/clock.js';
import type { DailySummary, Notifier, TradeStore } from '../ports.js';

export interface SummaryDeps {
  trades: TradeStore;
  notifier: Notifier;
  clock: Clock;
  desk: { snapshot(nowMs: number): AccountSnapshot; account(): { unrealizedCents: number } };
}

/**
 * The day in numbers. The trading day is CME Globex's session (from 18:00 New York the evening
 * before), the same day the daily loss limit counts, so the summary and /risk agree.
 */
export async function buildDailySummary(deps: SummaryDeps): Promise<DailySummary> {
  const atMs = deps.clock.nowMs();
  const sessionStartMs = sessionStart(CME_GLOBEX, atMs);
  const snapshot = deps.desk.snapshot(atMs);
  const [closed, open] = await Promise.all([deps.trades.closedPositions(sessionStartMs), deps.trades.openPositions()]);
  return {
    atMs, sessionStartMs, tradesToday: snapshot.tradesToday, closedToday: closed.length,
    realizedNetCents: snapshot.sessionRealizedNetCents, unrealizedCents: deps.desk.account().unrealizedCents, open,
  };
}

/** The scheduled job (DAILY_SUMMARY_TIME): build the summary and DM it to every subscriber. */
export async function sendDailySummary(deps: SummaryDeps): Promise<DailySummary> {
  const summary = await buildDailySummary(deps);
  await deps.notifier.notify({ kind: 'daily_summary', summary });
  return summary;
}
