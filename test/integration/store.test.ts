import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createStores } from '../../src/adapters/store/index.js';
import type { NewSignal, Stores } from '../../src/app/ports.js';
import { testDatabaseKinds, truncateAll, type TestDatabase } from '../support/databases.js';

const NOW = Date.parse('2026-11-20T15:00:00Z');

function signal(externalId: string, overrides: Partial<NewSignal> = {}): NewSignal {
  return {
    source: 'discord', externalId, channelKind: 'futures', channelId: '1', channelName: 'twi_futures', guildId: '9',
    authorId: '7', authorName: 'jmoney', rawText: 'ES LONG 4750 STOP 4745 T1 4755 T2 4760', postedAtMs: NOW,
    messageUrl: null, ...overrides,
  };
}

describe.each(testDatabaseKinds())('store on $name', (kind) => {
  let test: TestDatabase;
  let stores: Stores;

  beforeAll(async () => {
    test = await kind.open();
    stores = createStores(test.database, () => NOW);
  });
  beforeEach(async () => {
    await truncateAll(test);
  });
  afterAll(async () => {
    await test.dispose();
  });

  it('GIVEN a fresh database WHEN migrations ran THEN every table exists', async () => {
    const rows = await test.database.db.execute(sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`);
    const names = (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows).map((r) => (r as { table_name: string }).table_name);
    expect(names).toEqual(expect.arrayContaining(['audit_log', 'bot_state', 'fills', 'orders', 'positions', 'signals']));
  });

  it('GIVEN a stored signal WHEN the same message id arrives again THEN no second row is written', async () => {
    const first = await stores.signals.insert(signal('m-1'));
    const again = await stores.signals.insert(signal('m-1', { rawText: 'edited text' }));
    expect(first.inserted).toBe(true);
    expect(again.inserted).toBe(false);
    expect(again.signal.id).toBe(first.signal.id);
    expect(again.signal.rawText).toBe('ES LONG 4750 STOP 4745 T1 4755 T2 4760');
    expect(await stores.signals.countReceivedSince(NOW - 1000)).toBe(1);
  });

  it('GIVEN the same external id from two sources WHEN stored THEN both are kept', async () => {
    await stores.signals.insert(signal('x'));
    const other = await stores.signals.insert(signal('x', { source: 'tradingview', channelKind: 'tradingview' }));
    expect(other.inserted).toBe(true);
  });

  it('GIVEN signals WHEN statuses change THEN unfinished lists only received ones, oldest first', async () => {
    const a = await stores.signals.insert(signal('a'));
    const b = await stores.signals.insert(signal('b'));
    const c = await stores.signals.insert(signal('c', { status: 'ignored', reasonCode: 'BOT_STOPPED', reason: 'the bot is stopped' }));
    await stores.signals.setStatus(b.signal.id, 'not_alert', 'NOT_AN_ALERT', 'chatter');
    expect((await stores.signals.unfinished()).map((s) => s.id)).toEqual([a.signal.id]);
    const stored = await stores.signals.get(c.signal.id);
    expect(stored).toMatchObject({ status: 'ignored', reasonCode: 'BOT_STOPPED', reason: 'the bot is stopped' });
  });

  it('GIVEN an entry WHEN recorded twice with one client order id THEN one order, one fill, one position', async () => {
    const s = await stores.signals.insert(signal('e'));
    const entry = {
      signalId: s.signal.id, clientOrderId: `sig-${s.signal.id}-entry`, broker: 'paper', mode: 'paper', symbol: 'ES',
      assetClass: 'futures' as const, side: 'long' as const, qty: 2, stop: '4745', targets: ['4755', '4760'],
      fill: { qty: 2, price: '4750.25', priceSource: 'alert', commissionCents: 124, realizedPnlCents: 0, filledAtMs: NOW },
    };
    const first = await stores.trades.recordEntry(entry);
    const second = await stores.trades.recordEntry(entry);
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(second.position.id).toBe(first.position.id);
    expect(first.position).toMatchObject({ avgEntry: '4750.25', stop: '4745', targets: ['4755', '4760'], qtyOpen: 2, status: 'open' });
    const counts = await test.database.db.execute(sql`select (select count(*) from orders) as o, (select count(*) from fills) as f, (select count(*) from positions) as p`);
    const row = (Array.isArray(counts) ? counts[0] : (counts as { rows: unknown[] }).rows[0]) as Record<string, unknown>;
    expect([Number(row.o), Number(row.f), Number(row.p)]).toEqual([1, 1, 1]);
    expect((await stores.signals.get(s.signal.id))?.status).toBe('executed');
    expect(await stores.trades.openPositions('es')).toHaveLength(1);
  });

  it('GIVEN no bot state WHEN read THEN defaults are stored, and a stop survives a re-read', async () => {
    const initial = await stores.botState.get({ running: true, mode: 'paper' });
    expect(initial).toMatchObject({ running: true, mode: 'paper' });
    await stores.botState.setRunning(false, 'admin-1', NOW + 5);
    const reread = await stores.botState.get({ running: true, mode: 'paper' });
    expect(reread).toMatchObject({ running: false, updatedBy: 'admin-1' });
  });

  it('GIVEN control attempts WHEN audited THEN they are listed newest first', async () => {
    await stores.audit.record({ atMs: NOW, actorId: 'u1', actorName: 'a', action: 'bot.stop', allowed: false, interactionId: 'i1' });
    await stores.audit.record({ atMs: NOW + 1, actorId: 'u2', actorName: 'b', action: 'bot.stop', allowed: true, interactionId: 'i2' });
    const recent = await stores.audit.recent(10);
    expect(recent.map((r) => [r.actorId, r.allowed])).toEqual([['u2', true], ['u1', false]]);
  });
});
