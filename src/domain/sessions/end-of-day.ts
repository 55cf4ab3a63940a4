/** The end-of-day routine's two pure halves: when it runs, and which positions it closes. */
import type { Cents } from '../trading/money.js';
import { addDays, instantAt, localDateTime, parseLocalTime } from './zoned-time.js';

/**
 * The next instant strictly after `afterMs` at which `zone`'s clock reads `hhmm` ("15:29").
 * Once per local day: a time repeated by a fall-back fires at its first occurrence; one skipped
 * by a spring-forward fires just past the gap. Throws on a malformed time (validate config with
 * `parseLocalTime`).
 */
export function nextLocalTime(zone: string, hhmm: string, afterMs: number): number {
  const minuteOfDay = parseLocalTime(hhmm);
  if (minuteOfDay === null) throw new RangeError(`not a local time "HH:MM": ${hhmm}`);
  const today = localDateTime(zone, afterMs);
  for (let day = 0; day <= 2; day += 1) {
    const at = instantAt(zone, addDays(today, day), minuteOfDay);
    if (at > afterMs) return at;
  }
  throw new Error(`unreachable: ${hhmm} in ${zone} did not occur within two days`);
}

/**
 * flatten_all closes every open position; close_losers holds winners overnight and closes the
 * rest (seed 002's 15:29 Asia/Kolkata routine); none leaves everything open.
 */
export type EndOfDayPolicy = 'flatten_all' | 'close_losers' | 'none';

export interface EndOfDayCandidate {
  readonly positionId: string;
  /** The position's net P&L (realized + unrealized − commissions); null when it has no mark. */
  readonly netPnlCents: Cents | null;
}

/**
 * Which positions to close. Under close_losers only a position known to be in profit (> 0 net)
 * is held — breakeven and unmarked positions are closed, as they cannot be shown to be winners.
 */
export function endOfDayCloses(policy: EndOfDayPolicy, candidates: readonly EndOfDayCandidate[]): string[] {
  if (policy === 'none') return [];
  if (policy === 'flatten_all') return candidates.map((c) => c.positionId);
  return candidates.filter((c) => c.netPnlCents === null || c.netPnlCents <= 0).map((c) => c.positionId);
}
