/**
 * The start of the calendar day containing `atMs` in `timeZone`, as epoch ms.
 * Uses Intl (built in) to find the zone's offset; correct across daylight-saving changes.
 */
export function startOfDayMs(atMs: number, timeZone: string): number {
  const parts = zonedParts(atMs, timeZone);
  const guessUtc = Date.UTC(parts.year, parts.month - 1, parts.day);
  // The zone's offset at local midnight may differ from the offset now (DST); refine once.
  let result = guessUtc - offsetMs(guessUtc, timeZone);
  result = guessUtc - offsetMs(result, timeZone);
  return result;
}

function zonedParts(atMs: number, timeZone: string): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const fmt = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  });
  const get = (type: string) => Number(fmt.formatToParts(atMs).find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

/** Zone offset (local − UTC) in ms at the instant `atMs`. */
function offsetMs(atMs: number, timeZone: string): number {
  const p = zonedParts(atMs, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(atMs / 1000) * 1000;
}
