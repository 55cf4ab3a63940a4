/**
 * Wall-clock time in a named IANA zone, from Intl.DateTimeFormat (built into JS; no I/O), with
 * each day's offset memoised. The one time-zone module: sessions, risk days and reports use it.
 * Instants are epoch ms (UTC). Local dates are plain {year, month 1–12, day} values.
 */

export interface LocalDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export interface LocalDateTime extends LocalDate {
  /** 0 = Sunday … 6 = Saturday. */
  readonly weekday: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
}

const MS_PER_MINUTE = 60_000;
export const MS_PER_DAY = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric',
      day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(zone, f);
  }
  return f;
}

export function weekdayOf(date: LocalDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

/** The wall-clock reading in `zone` at `atMs`. */
export function localDateTime(zone: string, atMs: number): LocalDateTime {
  const wall = new Date(atMs + zoneOffsetMs(zone, atMs));
  return {
    year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate(), weekday: wall.getUTCDay(),
    hour: wall.getUTCHours(), minute: wall.getUTCMinutes(), second: wall.getUTCSeconds(), millisecond: wall.getUTCMilliseconds(),
  };
}

/** The offset read from Intl (slow: formats the instant and parses the parts back). */
function offsetFromIntl(zone: string, atMs: number): number {
  const wholeSecondMs = Math.floor(atMs / 1000) * 1000;
  const f: Record<string, number> = {};
  for (const part of formatter(zone).formatToParts(wholeSecondMs)) {
    if (part.type !== 'literal') f[part.type] = Number(part.value);
  }
  const wallMs = Date.UTC(f.year ?? 0, (f.month ?? 1) - 1, f.day ?? 1, f.hour ?? 0, f.minute ?? 0, f.second ?? 0);
  return wallMs - wholeSecondMs;
}

const MAX_CACHED_DAYS = 100_000;
const dayOffsets = new Map<string, Map<number, number | null>>();

/**
 * UTC offset of `zone` at `atMs` in ms (New York in winter: −5 h). Memoised per UTC day: a
 * day whose first and last second agree is cached as constant (real zones never switch there
 * and back within a day); a day holding a switch is answered per instant from Intl. Every
 * session check and report asks about the same few days over and over.
 */
export function zoneOffsetMs(zone: string, atMs: number): number {
  let cache = dayOffsets.get(zone);
  if (!cache || cache.size > MAX_CACHED_DAYS) {
    cache = new Map();
    dayOffsets.set(zone, cache);
  }
  const day = Math.floor(atMs / MS_PER_DAY);
  let offset = cache.get(day);
  if (offset === undefined) {
    const first = offsetFromIntl(zone, day * MS_PER_DAY);
    offset = first === offsetFromIntl(zone, (day + 1) * MS_PER_DAY - 1000) ? first : null;
    cache.set(day, offset);
  }
  return offset ?? offsetFromIntl(zone, atMs);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function isoDate(date: LocalDate): string {
  return `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

/**
 * The instant at which `zone`'s clock reads `date` + `minuteOfDay`. Disambiguation follows
 * Temporal's 'compatible': a wall time repeated by a fall-back maps to its earlier instant; one
 * skipped by a spring-forward maps to the instant just as far past the gap (02:30 → 03:30 EDT).
 */
export function instantAt(zone: string, date: LocalDate, minuteOfDay: number): number {
  const wallMs = Date.UTC(date.year, date.month - 1, date.day) + minuteOfDay * MS_PER_MINUTE;
  // Real zones change offset at most once within a day either side of a wall time.
  const offsetBefore = zoneOffsetMs(zone, wallMs - MS_PER_DAY);
  const offsetAfter = zoneOffsetMs(zone, wallMs + MS_PER_DAY);
  const candidates = [wallMs - offsetBefore, wallMs - offsetAfter]
    .filter((t) => zoneOffsetMs(zone, t) === wallMs - t)
    .sort((a, b) => a - b);
  return candidates[0] ?? wallMs - offsetBefore;
}

/** Minutes since local midnight for "HH:MM" (00:00–23:59); null when malformed. */
export function parseLocalTime(text: string): number | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}
