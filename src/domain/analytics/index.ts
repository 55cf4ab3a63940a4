/**
 * Analytics: pure functions of closed trades. Money is integer cents throughout (averages are
 * rounded half away from zero); ratios are floats. See each module for definitions.
 */
export type {
  AnalyticsOptions, AnalyticsReport, AssetClass, DailyPnl, Drawdown, EquityPoint, GroupStats,
  TradeOutcome, TradeRef, TradeStats,
} from './types.js';
export { computeStats } from './stats.js';
export { computeReport, groupTrades, statsBy, GROUP_KEYS, NO_AUTHOR_KEY, type GroupKeyFn } from './grouping.js';
export { dailyPnl, fillMissingDays, type FillOptions } from './daily.js';
export { equityCurve, inCloseOrder, maxDrawdown } from './equity.js';
export {
  dailyReturns, sharpeRatio, sortinoRatio, TRADING_DAYS_PER_YEAR, MIN_DAYS_FOR_RATIOS,
} from './ratios.js';
export { filterByPeriod, periodStartMs, PERIODS, type Period } from './period.js';
export { divRoundHalfAwayFromZero } from './rounding.js';
export {
  addDays, dayOfWeek, formatLocalDate, localDateOf, parseLocalDate, startOfLocalDayMs, type LocalDate,
} from './time-zone.js';
