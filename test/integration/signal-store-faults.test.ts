import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/adapters/store/index.js';
import { SignalRepository } from '../../src/adapters/store/signal-repo.js';
import type { NewSignal, SignalStore } from '../../src/app/ports.js';
import { testDatabaseKinds, useStores } from '../support/databases.js';
import { futuresMessage } from '../support/signals.js';

/**
 * Signal intake when part of a write goes wrong: each caller is told the truth about its own
 * row — stored, a duplicate, or not stored — whatever happened to the others in its batch.
 */
const NOW = Date.parse('2026-11-20T15:00:00Z');

function signal(externalId: string, overrides: Partial<NewSignal> = {}): NewSignal {
  return futuresMessage(externalId, 'ES LONG 4750 STOP 4745 T1 4755 T2 4760', NOW, overrides);
}

/** The same database, but every drizzle `select` fails — as when the connection resets after the INSERT committed. */
function failingSelects(db: Db): Db {
  return new Proxy(db, {
    get(target, prop, receiver) {
      if (prop === 'select') return () => { throw new Error('connection reset'); };
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
}

/**
 * The same database, but every INSERT of the batcher (a raw driver query) fails like a dropped
 * connection — an error with no SQLSTATE. Counts the attempts.
 */
function droppedInserts(db: Db): { db: Db; attempts: () => number } {
  let attempts = 0;
  const dropped = () => {
    attempts += 1;
    return Promise.reject(Object.assign(new Error('write ECONNRESET'), { code: 'ECONNRESET' }));
  };
  const client = new Proxy((db as unknown as { $client: object }).$client, {
    get: (target, prop, receiver) => (prop === 'query' || prop === 'unsafe' ? dropped : Reflect.get(target, prop, receiver) as unknown),
  });
  const wrapped = new Proxy(db, { get: (target, prop, receiver) => (prop === '$client' ? client : Reflect.get(target, prop, receiver) as unknown) });
  return { db: wrapped, attempts: () => attempts };
}

/** Insert all at once: the first goes alone, the rest wait for it and are written as one batch. */
const insertAll = (repo: SignalStore, keys: string[]) => Promise.allSettled(keys.map((k) => repo.insert(signal(k))));

describe.each(testDatabaseKinds())('signal intake faults on $name', (kind) => {
  const db = useStores(kind, () => NOW);

  it('GIVEN Discord messages with U+0000 or an unpaired surrogate in their text WHEN stored in one batch THEN every one is stored, without them', async () => {
    const sent = [signal('m-1'), signal('m-2', { rawText: 'ES LONG\u0000 4750 STOP 4745', authorName: 'j\u0000money' }),
      signal('m-3', { rawText: 'NQ \ud800SHORT' })];
    const results = await Promise.all(sent.map((s) => db.stores.signals.insert(s)));
    expect(results.map((r) => r.inserted)).toEqual([true, true, true]);
    expect(results[1]?.signal).toMatchObject({ rawText: 'ES LONG 4750 STOP 4745', authorName: 'jmoney' });
    expect(await db.stores.signals.get(results[1]?.signal.id ?? 0)).toMatchObject({ rawText: 'ES LONG 4750 STOP 4745', authorName: 'jmoney' });
    expect((await db.stores.signals.get(results[2]?.signal.id ?? 0))?.rawText).toBe('NQ \ufffdSHORT');
  });

  it('GIVEN a parse and reasons that echo U+0000 WHEN saved, the status set, or a journal batch committed THEN each write succeeds without it', async () => {
    const { signal: s } = await db.stores.signals.insert(signal('p-1'));
    const parse = { ok: false as const, confidence: 0.2, reasons: [{ code: 'NOT_AN_ALERT' as const, message: '2027\u0000 is not a date \udc00' }] };
    await db.stores.signals.saveParse(s.id, 'received', parse, { status: 'needs_review', reasonCode: 'LOW\u0000', reason: '2027\u0000 is not a date' });
    expect(await db.stores.signals.get(s.id)).toMatchObject({ status: 'needs_review', reasonCode: 'LOW', reason: '2027 is not a date',
      parse: { reasons: [{ code: 'NOT_AN_ALERT', message: '2027 is not a date \ufffd' }] } });
    await db.stores.signals.setStatus(s.id, 'needs_review', 'failed', 'INTERNAL_ERROR', 'params: 2027\u0000');
    expect(await db.stores.signals.get(s.id)).toMatchObject({ status: 'failed', reason: 'params: 2027' });
    const { version } = await db.stores.trades.loadJournal('paper');
    const empty = { broker: 'paper', mode: 'paper', basedOn: version, orders: [], fills: [], stopMoves: [], positions: [] };
    await db.stores.trades.commit({ ...empty, signal: { id: s.id, from: 'failed', status: 'rejected', reasonCode: 'NO_PRICE', reason: 'no quote for SPY\u0000' } });
    expect(await db.stores.signals.get(s.id)).toMatchObject({ status: 'rejected', reason: 'no quote for SPY' });
  });

  it('GIVEN one row the database refuses (U+0000 in its key) WHEN batched with others THEN only that caller gets the error; the rest are stored or found', async () => {
    const earlier = await db.stores.signals.insert(signal('dup'));
    const results = await insertAll(db.stores.signals, ['first', 'ok-1', 'bad-\u0000', 'dup', 'ok-2', 'ok-1']);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled']);
    const answered = results.map((r) => (r.status === 'fulfilled' ? [r.value.inserted, r.value.signal.externalId] : null));
    expect(answered).toEqual([[true, 'first'], [true, 'ok-1'], null, [false, 'dup'], [true, 'ok-2'], [false, 'ok-1']]);
    expect(results[3]).toMatchObject({ value: { signal: { id: earlier.signal.id } } });
    expect(results[2]).toMatchObject({ reason: { code: '22P05' } });
    expect(await db.stores.signals.countReceivedSince(NOW - 1000)).toBe(4);
  });

  it('GIVEN the database is down (not a data error) WHEN a batch fails THEN every caller gets the error after one row\'s retry, not a failing round trip each', async () => {
    const down = droppedInserts(db.test.database.db);
    const repo = new SignalRepository(down.db, () => NOW);
    const results = await insertAll(repo, Array.from({ length: 21 }, (_, i) => `down-${i}`));
    expect(results.every((r) => r.status === 'rejected' && (r.reason as Error).message === 'write ECONNRESET')).toBe(true);
    expect(down.attempts()).toBe(3); // the first alone; then the batch of 20, and its first row alone
  });

  it('GIVEN the lookup of already-stored rows fails after the INSERT committed WHEN batched THEN the inserted rows are still reported stored, and only the duplicate fails', async () => {
    const earlier = await db.stores.signals.insert(signal('dup'));
    const repo = new SignalRepository(failingSelects(db.test.database.db), () => NOW);
    const results = await insertAll(repo, ['first', 'new-1', 'dup', 'new-2', 'new-1']);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    const answered = results.map((r) => (r.status === 'fulfilled' ? [r.value.inserted, r.value.signal.externalId] : null));
    expect(answered).toEqual([[true, 'first'], [true, 'new-1'], null, [true, 'new-2'], [false, 'new-1']]);
    const ids = results.map((r) => (r.status === 'fulfilled' ? r.value.signal.id : null));
    expect(ids[4]).toBe(ids[1]);
    for (const id of ids.filter((i): i is number => i !== null)) expect((await db.stores.signals.get(id))?.status).toBe('received');
    // The duplicate's caller retries and learns its row is there.
    expect(await db.stores.signals.insert(signal('dup'))).toMatchObject({ inserted: false, signal: { id: earlier.signal.id } });
  });
});
