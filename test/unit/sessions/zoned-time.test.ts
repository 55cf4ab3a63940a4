import { describe, expect, it } from 'vitest';
import { instantAt, localDateTime, zoneOffsetMs } from '../../../src/domain/sessions/index.js';

const HOUR = 3_600_000;

/** The wall clock straight from Intl, with no cache: what localDateTime must agree with. */
function intlReading(zone: string, atMs: number): Record<string, number> {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
    hour: 'numeric', minute: 'numeric', second: 'numeric', weekday: 'short',
  }).formatToParts(atMs);
  const out: Record<string, number> = {};
  for (const p of parts) {
    if (p.type === 'weekday') out.weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(p.value);
    else if (p.type !== 'literal') out[p.type] = Number(p.value);
  }
  return out;
}

describe('zoned time (offsets memoised per UTC day)', () => {
  it('answers each side of a daylight-saving switch inside the same UTC day', () => {
    // New York springs forward at 2026-03-08 07:00Z (02:00 EST → 03:00 EDT).
    const switchAt = Date.UTC(2026, 2, 8, 7);
    expect(zoneOffsetMs('America/New_York', switchAt - 1000)).toBe(-5 * HOUR);
    expect(zoneOffsetMs('America/New_York', switchAt)).toBe(-4 * HOUR);
    // Asked again in the other order (the day is cached as "holds a switch" now).
    expect(zoneOffsetMs('America/New_York', switchAt)).toBe(-4 * HOUR);
    expect(zoneOffsetMs('America/New_York', switchAt - 1000)).toBe(-5 * HOUR);
    expect(localDateTime('America/New_York', switchAt - 1000)).toMatchObject({ hour: 1, minute: 59, second: 59 });
    expect(localDateTime('America/New_York', switchAt)).toMatchObject({ hour: 3, minute: 0, second: 0 });
  });

  it('agrees with Intl at instants spread over decades and zones, DST days included', () => {
    const zones = ['America/New_York', 'America/Chicago', 'Europe/London', 'Asia/Kolkata', 'Australia/Lord_Howe', 'UTC'];
    let x = 0x1234567;
    for (let i = 0; i < 3000; i++) {
      x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
      const zone = zones[(x >>> 0) % zones.length] as string;
      // 1990–2040, with every tenth instant pushed next to a whole hour (where switches happen).
      let atMs = Date.UTC(1990, 0, 1) + ((x >>> 0) / 2 ** 32) * 50 * 365 * 24 * HOUR;
      if (i % 10 === 0) atMs = Math.round(atMs / HOUR) * HOUR - 1000 * (i % 3);
      atMs = Math.floor(atMs / 1000) * 1000 + (i % 1000);
      const l = localDateTime(zone, atMs);
      const want = intlReading(zone, atMs);
      expect({ zone, atMs, ...l, millisecond: undefined }).toEqual({ zone, atMs, ...want, millisecond: undefined });
      expect(l.millisecond).toBe(atMs % 1000);
    }
  });

  it('instantAt inverts localDateTime on ordinary wall times', () => {
    const at = instantAt('America/Chicago', { year: 2026, month: 11, day: 21 }, 8 * 60 + 30);
    expect(at).toBe(Date.UTC(2026, 10, 21, 14, 30));
    expect(localDateTime('America/Chicago', at)).toMatchObject({ year: 2026, month: 11, day: 21, hour: 8, minute: 30, weekday: 6 });
  });
});
