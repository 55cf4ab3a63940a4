import { instantAt, localDateTime } from '../domain/sessions/index.js';

/** The start of the calendar day containing `atMs` in `timeZone`, as epoch ms (DST-correct). */
export function startOfDayMs(atMs: number, timeZone: string): number {
  return instantAt(timeZone, localDateTime(timeZone, atMs), 0);
}
