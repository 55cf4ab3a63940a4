import { instantAt, localDateTime } from '../sessions/zoned-time.js';

/**
 * Local calendar dates in a named IANA zone (the offsets come from sessions/zoned-time).
 * A local date is held as `{ year, month, day }`; arithmetic on it goes through Date.UTC so it
 * never depends on the host's zone.
 */

export interface LocalDate {
  readonly year: number;
  /** 1–12 */
  readonly month: number;
  readonly day: number;
}

const MS_PER_DAY = 86_400_000;

export function localDateOf(timeZone: string, atMs: number): LocalDate {
  const { year, month, day } = localDateTime(timeZone, atMs);
  return { year, month, day };
}

/** 'YYYY-MM-DD'. */
export function formatLocalDate(date: LocalDate): string {
  const pad = (n: number, width: number): string => String(n).padStart(width, '0');
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

export function parseLocalDate(text: string): LocalDate {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${text}`);
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day) + days * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: LocalDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

/**
 * The first instant of `date` in `timeZone` — local midnight, or the end of the gap when a
 * daylight-saving switch skips midnight (sessions' instantAt, which resolves wall times the
 * same way).
 */
export function startOfLocalDayMs(timeZone: string, date: LocalDate): number {
  return instantAt(timeZone, date, 0);
}
