/** The same figures per asset class, source channel, author and broker. */
import { computeStats } from './stats.js';
import type { AnalyticsOptions, AnalyticsReport, GroupStats, TradeOutcome } from './types.js';

/** The group key for trades whose author is unknown (TradingView, manual /trade). */
export const NO_AUTHOR_KEY = '(none)';

export type GroupKeyFn = (trade: TradeOutcome) => string;

export const GROUP_KEYS = {
  assetClass: (trade) => trade.assetClass,
  source: (trade) => trade.source,
  author: (trade) => trade.author ?? NO_AUTHOR_KEY,
  broker: (trade) => trade.broker,
} as const satisfies Record<string, GroupKeyFn>;

/** Partition trades by key; every trade lands in exactly one group. Keys sorted for stable output. */
export function groupTrades(trades: readonly TradeOutcome[], keyOf: GroupKeyFn): Map<string, TradeOutcome[]> {
  const groups = new Map<string, TradeOutcome[]>();
  for (const trade of trades) {
    const key = keyOf(trade);
    const group = groups.get(key);
    if (group) group.push(trade);
    else groups.set(key, [trade]);
  }
  return new Map([...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * Stats per group. Each group is measured as if it alone had traded the account: its drawdown
 * and daily returns start from the same starting balance.
 */
export function statsBy(trades: readonly TradeOutcome[], keyOf: GroupKeyFn, options: AnalyticsOptions): GroupStats[] {
  return [...groupTrades(trades, keyOf)].map(([key, group]) => ({ key, stats: computeStats(group, options) }));
}

export function computeReport(trades: readonly TradeOutcome[], options: AnalyticsOptions): AnalyticsReport {
  return {
    overall: computeStats(trades, options),
    byAssetClass: statsBy(trades, GROUP_KEYS.assetClass, options),
    bySource: statsBy(trades, GROUP_KEYS.source, options),
    byAuthor: statsBy(trades, GROUP_KEYS.author, options),
    byBroker: statsBy(trades, GROUP_KEYS.broker, options),
  };
}
