/**
 * Civil-date arithmetic for option expiries, in whole days since 1970-01-01 ("epoch days").
 * US equity options expire on New York dates, so a post's date is its date in New York —
 * computed from the US daylight-saving rules (since 1987) rather than through Intl, to stay
 * fast and independent of the host's time zone data. Expiries skip market holidays.
 */
import { usMarketHolidays } from '../sessions/us-holidays.js';

export interface CivilDate {
  y: number;
  m: number;
  d: number;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilFromDays(days: number): CivilDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: era * 400 + yoe + (m <= 2 ? 1 : 0), m, d };
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(days: number): number {
  return (((days + 4) % 7) + 7) % 7;
}

export function isValidDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= daysInMonth(y, m);
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** The n-th given weekday (0 = Sunday) of a month, as epoch days. */
function nthWeekday(y: number, m: number, dow: number, n: number): number {
  const first = daysFromCivil(y, m, 1);
  return first + ((dow - weekday(first) + 7) % 7) + 7 * (n - 1);
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** The New York civil date of an instant, as epoch days. */
export function newYorkDays(instantMs: number): number {
  // UTC−5 and UTC−4 give the same date except from 04:00 to 05:00 UTC: only then does the
  // daylight-saving rule decide.
  const est = Math.floor((instantMs - 5 * HOUR_MS) / DAY_MS);
  if (est === Math.floor((instantMs - 4 * HOUR_MS) / DAY_MS)) return est;
  const utcDays = Math.floor(instantMs / DAY_MS);
  const { y } = civilFromDays(utcDays);
  // Since 2007: second Sunday of March to first Sunday of November; 1987–2006: first Sunday of
  // April to last Sunday of October. 02:00 EST = 07:00 UTC; 02:00 EDT = 06:00 UTC.
  const startDay = y >= 2007 ? nthWeekday(y, 3, 0, 2) : nthWeekday(y, 4, 0, 1);
  const endDay = y >= 2007 ? nthWeekday(y, 11, 0, 1) : nthWeekday(y, 11, 0, 1) - 7;
  const dstStartMs = startDay * DAY_MS + 7 * HOUR_MS;
  const dstEndMs = endDay * DAY_MS + 6 * HOUR_MS;
  const offsetHours = instantMs >= dstStartMs && instantMs < dstEndMs ? -4 : -5;
  return Math.floor((instantMs + offsetHours * HOUR_MS) / DAY_MS);
}

/** Epoch days → "YYYY-MM-DD". */
export function isoDate(days: number): string {
  const { y, m, d } = civilFromDays(days);
  return `${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

export function isWeekend(days: number): boolean {
  const w = weekday(days);
  return w === 0 || w === 6;
}

const holidayYears = new Map<number, ReadonlySet<number>>();
/** The year looked up last, as a range of epoch days: most lookups stay within one year. */
let lastYear = { from: 0, to: -1, holidays: new Set<number>() as ReadonlySet<number> };

/**
 * A full-day closure of US equity option markets (sessions/us-holidays.ts: Good Friday, July 4th,
 * Christmas, …). The set of each year is built once, as epoch days.
 */
export function isMarketHoliday(days: number): boolean {
  if (days < lastYear.from || days > lastYear.to) {
    const { y } = civilFromDays(days);
    let set = holidayYears.get(y);
    if (set === undefined) {
      set = new Set([...usMarketHolidays(y)].map((iso) => daysFromCivil(+iso.slice(0, 4), +iso.slice(5, 7), +iso.slice(8, 10))));
      if (y >= 1970 && y <= 2200) holidayYears.set(y, set); // a year written in an alert cannot grow the cache without bound
    }
    lastYear = { from: daysFromCivil(y, 1, 1), to: daysFromCivil(y, 12, 31), holidays: set };
  }
  return lastYear.holidays.has(days);
}

/** A weekday on which the market is open. */
export function isTradingDay(days: number): boolean {
  return !isWeekend(days) && !isMarketHoliday(days);
}

/** The first trading day on or after `days`, then `n` more trading days. */
export function addTradingDays(days: number, n: number): number {
  let d = days;
  while (!isTradingDay(d)) d++;
  for (let left = n; left > 0; ) {
    d++;
    if (isTradingDay(d)) left--;
  }
  return d;
}

/** The last trading day on or before `days`: an expiry that falls on a holiday is a day early. */
function tradingDayOnOrBefore(days: number): number {
  let d = days;
  while (!isTradingDay(d)) d--;
  return d;
}

/**
 * This week's expiry on or after `days` (`weeksAhead` weeks later): Friday, or Thursday when
 * the Friday is a holiday (Good Friday, a Friday July 4th). Posted on a holiday Friday, it is
 * next week's.
 */
export function weeklyExpiry(days: number, weeksAhead: number): number {
  const friday = days + ((5 - weekday(days) + 7) % 7) + 7 * weeksAhead;
  const expiry = tradingDayOnOrBefore(friday);
  return expiry >= days ? expiry : tradingDayOnOrBefore(friday + 7);
}

/** The monthly expiry on or after `days`: the third Friday (a day early on a holiday), rolling to next month. */
export function monthlyExpiry(days: number): number {
  const { y, m } = civilFromDays(days);
  const third = tradingDayOnOrBefore(nthWeekday(y, m, 5, 3));
  if (third >= days) return third;
  return tradingDayOnOrBefore(m === 12 ? nthWeekday(y + 1, 1, 5, 3) : nthWeekday(y, m + 1, 5, 3));
}

/**
 * Milliseconds of an ISO-8601 instant. The shape every caller sends —
 * `YYYY-MM-DDTHH:MM:SS[.fff]Z` — is read directly (it is on the hot path of every options
 * alert); anything else goes through Date.parse. NaN when it is not a time.
 */
export function instantMs(iso: string): number {
  if (iso.length >= 20 && iso.length <= 24 && iso.charCodeAt(iso.length - 1) === 90 /* Z */ && iso[10] === 'T') {
    const y = digits(iso, 0, 4), mo = digits(iso, 5, 2), d = digits(iso, 8, 2);
    const h = digits(iso, 11, 2), mi = digits(iso, 14, 2), sec = digits(iso, 17, 2);
    const ms = iso.length === 20 ? 0 : iso[19] === '.' ? digits(iso, 20, iso.length - 21) * 10 ** (24 - iso.length) : -1;
    if (y >= 0 && mo >= 1 && mo <= 12 && d >= 1 && isValidDate(y, mo, d) && h <= 23 && mi <= 59 && sec <= 59 && ms >= 0
      && iso[4] === '-' && iso[7] === '-' && iso[13] === ':' && iso[16] === ':') {
      return daysFromCivil(y, mo, d) * DAY_MS + h * HOUR_MS + mi * 60_000 + sec * 1000 + ms;
    }
  }
  return Date.parse(iso);
}

/** The non-negative integer of `len` decimal digits at `from`, or -1. */
export function digits(s: string, from: number, len: number): number {
  if (len < 1) return -1;
  let v = 0;
  for (let i = from; i < from + len; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
    v = v * 10 + (c - 48);
  }
  return v;
}
