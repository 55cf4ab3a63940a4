/** Report periods measured on the local calendar of a named zone. */
import { addDays, dayOfWeek, localDateOf, startOfLocalDayMs } from './time-zone.js';
import type { TradeOutcome } from './types.js';

export type Period = 'today' | 'week' | 'month' | 'all';

export const PERIODS: readonly Period[] = ['today', 'week', 'month', 'all'];

/**
 * The instant a period starts: today = local midnight; week = Monday 00:00 local (ISO weeks
 * start on Monday); month = the 1st, 00:00 local; all = null (no lower bound).
 */
export function periodStartMs(period: Period, nowMs: number, timeZone: string): number | null {
  const today = localDateOf(timeZone, nowMs);
  switch (period) {
    case 'today':
      return startOfLocalDayMs(timeZone, today);
    case 'week': {
      const daysSinceMonday = (dayOfWeek(today) + 6) % 7;
      return startOfLocalDayMs(timeZone, addDays(today, -daysSinceMonday));
    }
    case 'month':
      return startOfLocalDayMs(timeZone, { ...today, day: 1 });
    case 'all':
      return null;
  }
}

/** Trades closed at or after the period's start (closes later than `nowMs` are kept too). */
export function filterByPeriod<T extends Pick<TradeOutcome, 'closedAtMs'>>(
  trades: readonly T[], period: Period, nowMs: number, timeZone: string,
): T[] {
  const startMs = periodStartMs(period, nowMs, timeZone);
  return startMs === null ? [...trades] : trades.filter((trade) => trade.closedAtMs >= startMs);
}
