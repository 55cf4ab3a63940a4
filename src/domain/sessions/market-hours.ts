/**
 * Is a market open, and when does it next open or close — pure functions of a calendar and an
 * instant (epoch ms). Windows are half-open: open at the open minute, closed at the close minute.
 */
import type { MarketCalendar, WeeklyWindow } from './calendars.js';
import { addDays, instantAt, localDateTime, type LocalDate } from './zoned-time.js';

const MINUTES_PER_DAY = 1440;
/** How far to search for a session; a market shut for longer is out of scope. */
const SEARCH_DAYS = 21;

function weekMinute(day: number, minuteOfDay: number): number {
  return day * MINUTES_PER_DAY + minuteOfDay;
}

interface OpenSession {
  readonly window: WeeklyWindow;
  readonly openDate: LocalDate;
}

/** The session in progress at `atMs`, if any. */
function sessionAt(calendar: MarketCalendar, atMs: number): OpenSession | null {
  const local = localDateTime(calendar.zone, atMs);
  // Minutes of the local week, with seconds as a fraction so 16:59:59 is still before 17:00.
  const now = weekMinute(local.weekday, local.hour * 60 + local.minute) + (local.second * 1000 + local.millisecond) / 60_000;
  for (const window of calendar.windows) {
    const open = weekMinute(window.openDay, window.openMinute);
    const close = weekMinute(window.closeDay, window.closeMinute);
    if (now < open || now >= close) continue;
    const openDate = addDays(local, window.openDay - local.weekday);
    if (!calendar.isHoliday(openDate)) return { window, openDate };
  }
  return null;
}

export function isOpen(calendar: MarketCalendar, atMs: number): boolean {
  return sessionAt(calendar, atMs) !== null;
}

/** Session opens on the local day `dayOffset` days from `from`, earliest first. */
function opensOn(calendar: MarketCalendar, from: LocalDate, dayOffset: number): number[] {
  const date = addDays(from, dayOffset);
  const weekday = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  if (calendar.isHoliday(date)) return [];
  return calendar.windows.filter((w) => w.openDay === weekday).map((w) => instantAt(calendar.zone, date, w.openMinute));
}

/** `atMs` itself when the market is open, else the instant the next session opens. */
export function nextOpen(calendar: MarketCalendar, atMs: number): number {
  if (isOpen(calendar, atMs)) return atMs;
  const local = localDateTime(calendar.zone, atMs);
  for (let day = 0; day <= SEARCH_DAYS; day += 1) {
    const next = opensOn(calendar, local, day).find((t) => t > atMs);
    if (next !== undefined) return next;
  }
  throw new Error(`${calendar.name}: no session within ${SEARCH_DAYS} days`);
}

/** When the session in progress closes; when closed, when the next session will close. */
export function nextClose(calendar: MarketCalendar, atMs: number): number {
  const session = sessionAt(calendar, atMs);
  if (session === null) return nextClose(calendar, nextOpen(calendar, atMs));
  const { window, openDate } = session;
  return instantAt(calendar.zone, addDays(openDate, window.closeDay - window.openDay), window.closeMinute);
}

/**
 * When the latest session that opened at or before `atMs` opened — the start of the "trading
 * day" that daily limits and counters belong to (after the close it is still that day's).
 */
export function sessionStart(calendar: MarketCalendar, atMs: number): number {
  const local = localDateTime(calendar.zone, atMs);
  for (let day = 0; day >= -SEARCH_DAYS; day -= 1) {
    const opens = opensOn(calendar, local, day).filter((t) => t <= atMs);
    if (opens.length > 0) return Math.max(...opens);
  }
  throw new Error(`${calendar.name}: no session within ${SEARCH_DAYS} days`);
}
