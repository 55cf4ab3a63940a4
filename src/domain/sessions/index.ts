export { calendarFor, CME_GLOBEX, NSE_EQUITY, US_EQUITY_OPTIONS, type CalendarName, type MarketCalendar, type WeeklyWindow } from './calendars.js';
export { endOfDayCloses, nextLocalTime, type EndOfDayCandidate, type EndOfDayPolicy } from './end-of-day.js';
export { isOpen, nextClose, nextOpen, sessionStart } from './market-hours.js';
export { isUsMarketHoliday, usMarketHolidays } from './us-holidays.js';
export { instantAt, localDateTime, parseLocalTime, zoneOffsetMs } from './zoned-time.js';
