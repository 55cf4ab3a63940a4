import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/adapters/store/index.js';
import { SignalRepository } from '../../src/adapters/store/signal-repo.js';
import type { NewSignal } from '../../src/app/ports.js';
import { testDatabaseKinds, useStores } from '../support/databases.js';

/**
 * Signal intake when part of a write goes wrong: each caller is told the truth about its own
 * row — stored, a duplicate, or not stored — whatever happened to the others in its batch.
 */
const NOW = Date.parse('2026-11-20T15:00:00Z');

function signal(externalId: string, overrides: Partial<NewSignal> = {}): NewSignal {
  return {
    source: 'discord', externalId, channelKind: 'futures', channelId: '1', channelName: 'twi_futures', guildId: '9',
    authorId: '7', authorName: 'jmoney', rawText: 'ES LONG 4750 STOP 4745 T1 4755 T2 4760', postedAtMs: NOW,
    messageUrl: null, ...overrides,
  };
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

/** Insert all at once: the first goes alone, the rest wait for it and are written as one batch. */
const insertAll = (repo: SignalRepository, keys: string[]) => Promise.allSettled(keys.map((k) => repo.insert(signal(k))));

describe.each(testDatabaseKinds())('signal intake faults on $name', (kind) => {
  const db = useStores(kind, () => NOW);

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
