/**
 * Trading calendars as weekly windows of local wall-clock time in a named zone. Local time makes
 * daylight saving automatic: "Sunday 18:00 New York" is 22:00Z in summer and 23:00Z in winter.
 */
import type { SessionCalendar } from '../trading/instruments.js';
import { isUsMarketHoliday } from './us-holidays.js';
import type { LocalDate } from './zoned-time.js';

/** One session: opens at `openDay` `openMinute` and closes (exclusive) at `closeDay` `closeMinute`. */
export interface WeeklyWindow {
  /** 0 = Sunday … 6 = Saturday, local to the calendar's zone. */
  readonly openDay: number;
  readonly openMinute: number;
  readonly closeDay: number;
  readonly closeMinute: number;
}

export interface MarketCalendar {
  readonly name: CalendarName;
  readonly zone: string;
  /** Sorted by open; a window never crosses Saturday → Sunday. */
  readonly windows: readonly WeeklyWindow[];
  /** A session whose open falls on such a local date does not happen. */
  readonly isHoliday: (openDate: LocalDate) => boolean;
}

export type CalendarName = SessionCalendar | 'nse-equity';

const hm = (h: number, m = 0) => h * 60 + m;
const NO_HOLIDAYS = (): boolean => false;

/**
 * CME Globex equity-index futures: Sunday 18:00 to Friday 17:00 New York, halted 17:00–18:00
 * daily. Exchange holidays and their early halts are not modelled (the app can refuse orders
 * with ENFORCE_MARKET_HOURS off, or a kill switch, on those days).
 */
export const CME_GLOBEX: MarketCalendar = {
  name: 'cme-globex', zone: 'America/New_York', isHoliday: NO_HOLIDAYS,
  windows: [0, 1, 2, 3, 4].map((day) => ({ openDay: day, openMinute: hm(18), closeDay: day + 1, closeMinute: hm(17) })),
};

/** US equity options: 09:30–16:00 New York, Monday–Friday, closed on US market holidays. */
export const US_EQUITY_OPTIONS: MarketCalendar = {
  name: 'us-equity-options', zone: 'America/New_York', isHoliday: isUsMarketHoliday,
  windows: [1, 2, 3, 4, 5].map((day) => ({ openDay: day, openMinute: hm(9, 30), closeDay: day, closeMinute: hm(16) })),
};

/** NSE (India) equity and F&O: 09:15–15:30 Asia/Kolkata, Monday–Friday; holidays not modelled. */
export const NSE_EQUITY: MarketCalendar = {
  name: 'nse-equity', zone: 'Asia/Kolkata', isHoliday: NO_HOLIDAYS,
  windows: [1, 2, 3, 4, 5].map((day) => ({ openDay: day, openMinute: hm(9, 15), closeDay: day, closeMinute: hm(15, 30) })),
};

const CALENDARS: Readonly<Record<CalendarName, MarketCalendar>> = {
  'cme-globex': CME_GLOBEX,
  'us-equity-options': US_EQUITY_OPTIONS,
  'nse-equity': NSE_EQUITY,
};

export function calendarFor(name: CalendarName): MarketCalendar {
  return CALENDARS[name];
}
