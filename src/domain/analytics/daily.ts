/** Daily P&L: trades bucketed by the local calendar day they closed on. */
import { addDays, dayOfWeek, formatLocalDate, localDateOf, parseLocalDate } from './time-zone.js';
import type { DailyPnl, TradeOutcome } from './types.js';

/** One entry per local day that has at least one close, in date order. */
export function dailyPnl(
  trades: readonly Pick<TradeOutcome, 'closedAtMs' | 'netPnlCents'>[], timeZone: string,
): DailyPnl[] {
  const byDate = new Map<string, { netPnlCents: number; tradeCount: number }>();
  for (const trade of trades) {
    const date = formatLocalDate(localDateOf(timeZone, trade.closedAtMs));
    const day = byDate.get(date) ?? { netPnlCents: 0, tradeCount: 0 };
    day.netPnlCents += trade.netPnlCents;
    day.tradeCount += 1;
    byDate.set(date, day);
  }
  return [...byDate.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([date, day]) => ({ date, ...day }));
}

export interface FillOptions {
  /** Add zero days for Saturdays and Sundays too (default false: weekdays only). */
  readonly includeWeekends?: boolean;
}

/**
 * The series with a zero entry for every missing day between its first and last date, so a
 * day without trades counts as a flat day. Days already present (weekend ones too) are kept.
 */
export function fillMissingDays(days: readonly DailyPnl[], options: FillOptions = {}): DailyPnl[] {
  const first = days[0];
  const last = days[days.length - 1];
  if (!first || !last) return [];
  const present = new Map(days.map((day) => [day.date, day]));
  const filled: DailyPnl[] = [];
  for (let date = parseLocalDate(first.date); formatLocalDate(date) <= last.date; date = addDays(date, 1)) {
    const key = formatLocalDate(date);
    const weekend = dayOfWeek(date) === 0 || dayOfWeek(date) === 6;
    const existing = present.get(key);
    if (existing) filled.push(existing);
    else if (options.includeWeekends === true || !weekend) filled.push({ date: key, netPnlCents: 0, tradeCount: 0 });
  }
  return filled;
}
