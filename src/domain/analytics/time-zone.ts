/**
 * Local calendar dates in a named IANA zone, from Intl.DateTimeFormat (pure JS, DST-aware).
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
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // Throws RangeError for an unknown zone — a configuration error, not a data error.
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The local wall-clock time at `atMs`, expressed as if it were a UTC instant (ms, whole seconds). */
function wallClockMs(timeZone: string, atMs: number): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(atMs)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts;
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

/** The zone's offset from UTC at `atMs`, in ms (New York in winter: −18,000,000). */
function offsetMsUncached(timeZone: string, atMs: number): number {
  const wholeSecondMs = Math.floor(atMs / 1000) * 1000;
  return wallClockMs(timeZone, wholeSecondMs) - wholeSecondMs;
}

const MAX_CACHED_DAYS = 100_000;
const dayOffsets = new Map<string, Map<number, number | null>>();

/**
 * The offset, memoised per UTC day: Intl is slow and a report asks about the same days many
 * times. A day is cached as constant only when its first and last second agree (real zones never
 * switch there and back within a day); a day holding a switch is answered per instant.
 */
function offsetMs(timeZone: string, atMs: number): number {
  let cache = dayOffsets.get(timeZone);
  if (!cache || cache.size > MAX_CACHED_DAYS) {
    cache = new Map();
    dayOffsets.set(timeZone, cache);
  }
  const day = Math.floor(atMs / MS_PER_DAY);
  let offset = cache.get(day);
  if (offset === undefined) {
    const first = offsetMsUncached(timeZone, day * MS_PER_DAY);
    offset = first === offsetMsUncached(timeZone, (day + 1) * MS_PER_DAY - 1000) ? first : null;
    cache.set(day, offset);
  }
  return offset ?? offsetMsUncached(timeZone, atMs);
}

export function localDateOf(timeZone: string, atMs: number): LocalDate {
  const wall = new Date(atMs + offsetMs(timeZone, atMs));
  return { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate() };
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
 * daylight-saving switch skips midnight. The offset at that instant is one of the offsets in
 * force a day either side, so each is tried and the earliest that lands on `date` wins.
 */
export function startOfLocalDayMs(timeZone: string, date: LocalDate): number {
  const wallMidnightMs = Date.UTC(date.year, date.month - 1, date.day);
  const offsets = new Set([-MS_PER_DAY, 0, MS_PER_DAY].map((shift) => offsetMs(timeZone, wallMidnightMs + shift)));
  const key = formatLocalDate(date);
  const candidates = [...offsets]
    .map((offset) => wallMidnightMs - offset)
    .filter((atMs) => formatLocalDate(localDateOf(timeZone, atMs)) === key);
  if (candidates.length === 0) throw new RangeError(`no instant starts ${key} in ${timeZone}`);
  return Math.min(...candidates);
}
