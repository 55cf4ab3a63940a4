import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { NewSignal, StoredSignal } from '../../src/app/ports.js';
import { testDatabaseKinds, useStores } from '../support/databases.js';

/**
 * SignalStore.insert with `sameAsRecent`: a signal stored under one of those keys and received
 * after the given time is this one. The check is the store's, made as it inserts — whatever
 * order racing signals reach it in, together in one batch or in batches one after the other.
 */
const WINDOW_MS = 60_000;
const BOUNDARY = Date.parse('2026-11-20T15:01:00Z');
const WINDOW = BOUNDARY / WINDOW_MS;

/** A webhook body keyed by its hash in window `window`, delivered at `atMs` (as receive.ts builds it). */
function hashed(window: number, atMs: number): NewSignal {
  return {
    source: 'tradingview', externalId: `1:h:abc:${window}`, channelKind: 'tradingview', channelId: null, channelName: 'link',
    guildId: null, authorId: null, authorName: 'TradingView', rawText: 'ES LONG 4750', postedAtMs: atMs, messageUrl: null,
    sameAsRecent: { externalIds: [`1:h:abc:${window - 1}`, `1:h:abc:${window + 1}`], receivedAfterMs: atMs - WINDOW_MS },
  };
}

describe.each(testDatabaseKinds())('signals that name recent keys on $name', (kind) => {
  let nowMs = BOUNDARY;
  const db = useStores(kind, () => nowMs);
  const storedCount = async () => {
    const result = await db.test.database.db.execute(sql`select count(*)::int as n from signals`);
    const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { n: number }[];
    return Number(rows[0]?.n);
  };
  const at = (ms: number) => { nowMs = ms; };
  const ids = (results: { signal: StoredSignal }[]) => results.map((r) => r.signal.id);

  it('GIVEN a signal stored 100 ms before the boundary WHEN its repeat names it 100 ms after THEN no second row: the first comes back', async () => {
    at(BOUNDARY - 100);
    const first = await db.stores.signals.insert(hashed(WINDOW - 1, BOUNDARY - 100));
    at(BOUNDARY + 100);
    const repeat = await db.stores.signals.insert(hashed(WINDOW, BOUNDARY + 100));
    expect(first.inserted).toBe(true);
    expect(repeat).toEqual({ inserted: false, signal: expect.objectContaining({ id: first.signal.id, externalId: '1:h:abc:' + String(WINDOW - 1) }) });
    expect(await storedCount()).toBe(1);
  });

  it('GIVEN a signal received exactly a window before WHEN a repeat names it THEN the repeat is a new signal (the window is "less than")', async () => {
    at(BOUNDARY - 100);
    const first = await db.stores.signals.insert(hashed(WINDOW - 1, BOUNDARY - 100));
    at(BOUNDARY - 100 + WINDOW_MS);
    const later = await db.stores.signals.insert(hashed(WINDOW, BOUNDARY - 100 + WINDOW_MS));
    expect(later.inserted).toBe(true);
    expect(later.signal.id).not.toBe(first.signal.id);
  });

  it('GIVEN the later delivery reached the store first WHEN the earlier one (the window before) arrives THEN it is the later one\'s duplicate', async () => {
    at(BOUNDARY + 100);
    const later = await db.stores.signals.insert(hashed(WINDOW, BOUNDARY + 100));
    const earlier = await db.stores.signals.insert(hashed(WINDOW - 1, BOUNDARY - 100));
    expect(ids([later, earlier])).toEqual([later.signal.id, later.signal.id]);
    expect(earlier.inserted).toBe(false);
    expect(await storedCount()).toBe(1);
  });

  it.each([['in order', [WINDOW - 1, WINDOW]], ['the later first', [WINDOW, WINDOW - 1]]])(
    'GIVEN both deliveries in one batch (%s) WHEN written THEN one row, and both callers get its id', async (_order, windows) => {
      at(BOUNDARY + 100);
      // The first insert goes alone; the two that follow wait for it and are written together.
      const unrelated = db.stores.signals.insert({ ...hashed(WINDOW, BOUNDARY), externalId: '2:id:other', sameAsRecent: undefined });
      const both = await Promise.all(windows.map((w) => db.stores.signals.insert(hashed(w, w === WINDOW ? BOUNDARY + 100 : BOUNDARY - 100))));
      await unrelated;
      expect(both.map((r) => r.inserted)).toEqual([true, false]);
      expect(ids(both)).toEqual([both[0]?.signal.id, both[0]?.signal.id]);
      expect(await storedCount()).toBe(2);
    });

  it('GIVEN a stored signal WHEN another source names its key THEN that is not the same signal', async () => {
    at(BOUNDARY - 100);
    await db.stores.signals.insert(hashed(WINDOW - 1, BOUNDARY - 100));
    at(BOUNDARY + 100);
    const other = await db.stores.signals.insert({ ...hashed(WINDOW, BOUNDARY + 100), source: 'manual' });
    expect(other.inserted).toBe(true);
  });
});
