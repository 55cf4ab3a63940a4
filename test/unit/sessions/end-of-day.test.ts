import { describe, expect, it } from 'vitest';
import { endOfDayCloses, nextLocalTime } from '../../../src/domain/sessions/end-of-day.js';
import { parseLocalTime } from '../../../src/domain/sessions/zoned-time.js';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString().replace('.000', '');

describe('next occurrence of a local time', () => {
  it.each([
    ['15:29 in Kolkata, from midnight UTC', 'Asia/Kolkata', '15:29', '2026-03-09T00:00:00Z', '2026-03-09T09:59:00Z'],
    ['15:29 in Kolkata, from exactly 15:29 (strictly after)', 'Asia/Kolkata', '15:29', '2026-03-09T09:59:00Z', '2026-03-10T09:59:00Z'],
    ['16:00 New York, Friday before DST → Saturday EST', 'America/New_York', '16:00', '2026-03-06T21:00:00Z', '2026-03-07T21:00:00Z'],
    ['16:00 New York, Saturday → Sunday, first day of EDT', 'America/New_York', '16:00', '2026-03-07T21:00:00Z', '2026-03-08T20:00:00Z'],
    ['16:00 New York, Saturday 31 Oct → Sunday, first day of EST', 'America/New_York', '16:00', '2026-10-31T20:00:00Z', '2026-11-01T21:00:00Z'],
    ['02:30 on the spring-forward night (does not exist) → 03:30 EDT', 'America/New_York', '02:30', '2026-03-08T00:00:00Z', '2026-03-08T07:30:00Z'],
    ['01:30 on the fall-back night (happens twice) → the first, EDT', 'America/New_York', '01:30', '2026-11-01T00:00:00Z', '2026-11-01T05:30:00Z'],
    ['01:30 right after its first occurrence → the next day, not the repeat', 'America/New_York', '01:30', '2026-11-01T05:30:00Z', '2026-11-02T06:30:00Z'],
  ])('GIVEN %s THEN %s', (_name, zone, hhmm, from, expected) => {
    expect(iso(nextLocalTime(zone, hhmm, at(from)))).toBe(expected);
  });

  it.each(['24:00', '9:30', '15:60', 'noon'])('GIVEN the malformed time %s THEN parseLocalTime is null and nextLocalTime throws', (text) => {
    expect(parseLocalTime(text)).toBeNull();
    expect(() => nextLocalTime('America/New_York', text, 0)).toThrow(RangeError);
  });
});

describe('end-of-day policies', () => {
  const book = [
    { positionId: 'winner', netPnlCents: 12_500 },
    { positionId: 'loser', netPnlCents: -4_000 },
    { positionId: 'scratch', netPnlCents: 0 },
    { positionId: 'unmarked', netPnlCents: null },
  ];

  it.each([
    ['flatten_all', ['winner', 'loser', 'scratch', 'unmarked']],
    ['close_losers', ['loser', 'scratch', 'unmarked']],
    ['none', []],
  ] as const)('GIVEN a winner, a loser, a scratch and an unmarked position WHEN the policy is %s THEN close %j', (policy, expected) => {
    expect(endOfDayCloses(policy, book)).toEqual(expected);
  });
});
