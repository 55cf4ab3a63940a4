/**
 * Full-day closures of US equity (and equity option) markets, by rule, so no table goes stale:
 * New Year's Day, Martin Luther King Jr. Day, Washington's Birthday, Good Friday, Memorial Day,
 * Juneteenth (from 2022), Independence Day, Labor Day, Thanksgiving, Christmas. A Saturday
 * holiday is observed on Friday and a Sunday one on Monday — except New Year's Day on a
 * Saturday, which NYSE does not move into the old year. Early (13:00) closes are not modelled,
 * nor one-off closures (national days of mourning).
 */
import { addDays, isoDate, weekdayOf, type LocalDate } from './zoned-time.js';

/** The n-th (1-based) `weekday` of a month, or the last one when n = -1. */
function nthWeekday(year: number, month: number, weekday: number, n: number): LocalDate {
  if (n > 0) {
    const first = weekdayOf({ year, month, day: 1 });
    return { year, month, day: 1 + ((weekday - first + 7) % 7) + (n - 1) * 7 };
  }
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const last = weekdayOf({ year, month, day: lastDay });
  return { year, month, day: lastDay - ((last - weekday + 7) % 7) };
}

/** Easter Sunday (Gregorian; anonymous algorithm, Meeus/Jones/Butcher). */
function easterSunday(year: number): LocalDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  return { year, month, day: ((h + l - 7 * m + 114) % 31) + 1 };
}

function observed(date: LocalDate): LocalDate {
  const weekday = weekdayOf(date);
  if (weekday === 6) return addDays(date, -1);
  if (weekday === 0) return addDays(date, 1);
  return date;
}

/** ISO dates (YYYY-MM-DD) on which US equity option markets are closed all day in `year`. */
export function usMarketHolidays(year: number): Set<string> {
  const days: LocalDate[] = [
    nthWeekday(year, 1, 1, 3), // Martin Luther King Jr. Day
    nthWeekday(year, 2, 1, 3), // Washington's Birthday
    addDays(easterSunday(year), -2), // Good Friday
    nthWeekday(year, 5, 1, -1), // Memorial Day
    observed({ year, month: 7, day: 4 }),
    nthWeekday(year, 9, 1, 1), // Labor Day
    nthWeekday(year, 11, 4, 4), // Thanksgiving
    observed({ year, month: 12, day: 25 }),
  ];
  const newYear = { year, month: 1, day: 1 };
  if (weekdayOf(newYear) !== 6) days.push(observed(newYear));
  if (year >= 2022) days.push(observed({ year, month: 6, day: 19 }));
  return new Set(days.map(isoDate));
}

const cache = new Map<number, Set<string>>();

export function isUsMarketHoliday(date: LocalDate): boolean {
  let set = cache.get(date.year);
  if (!set) {
    set = usMarketHolidays(date.year);
    cache.set(date.year, set);
  }
  return set.has(isoDate(date));
}
