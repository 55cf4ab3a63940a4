import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { NewSignal } from '../../src/app/ports.js';
import { SignalTakenError } from '../../src/app/conflicts.js';
import { testDatabaseKinds, useStores } from '../support/databases.js';
import { futuresMessage } from '../support/signals.js';

const NOW = Date.parse('2026-11-20T15:00:00Z');

function signal(externalId: string, overrides: Partial<NewSignal> = {}): NewSignal {
  return futuresMessage(externalId, 'ES LONG 4750 STOP 4745 T1 4755 T2 4760', NOW, overrides);
}

describe.each(testDatabaseKinds())('store on $name', (kind) => {
  const db = useStores(kind, () => NOW);

  it('GIVEN a fresh database WHEN migrations ran THEN every table exists', async () => {
    const rows = await db.test.database.db.execute(sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`);
    const names = (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows).map((r) => (r as { table_name: string }).table_name);
    expect(names).toEqual(expect.arrayContaining(['audit_log', 'bot_state', 'fills', 'orders', 'positions', 'signals']));
  });

  it('GIVEN a stored signal WHEN the same message id arrives again THEN no second row is written', async () => {
    const first = await db.stores.signals.insert(signal('m-1'));
    const again = await db.stores.signals.insert(signal('m-1', { rawText: 'edited text' }));
    expect(first.inserted).toBe(true);
    expect(again.inserted).toBe(false);
    expect(again.signal.id).toBe(first.signal.id);
    expect(again.signal.rawText).toBe('ES LONG 4750 STOP 4745 T1 4755 T2 4760');
    expect(await db.stores.signals.countReceivedSince(NOW - 1000)).toBe(1);
  });

  it('GIVEN many concurrent inserts with repeats WHEN batched together THEN each key is stored once and every caller learns which', async () => {
    const keys = Array.from({ length: 300 }, (_, i) => `c-${i % 120}`);
    const results = await Promise.all(keys.map((k) => db.stores.signals.insert(signal(k))));
    expect(results.filter((r) => r.inserted)).toHaveLength(120);
    const idByKey = new Map<string, number>();
    for (const r of results) {
      const seen = idByKey.get(r.signal.externalId);
      if (seen !== undefined) expect(r.signal.id).toBe(seen);
      idByKey.set(r.signal.externalId, r.signal.id);
    }
    const again = await Promise.all(['c-1', 'c-2', 'new-1'].map((k) => db.stores.signals.insert(signal(k))));
    expect(again.map((r) => r.inserted)).toEqual([false, false, true]);
    expect(await db.stores.signals.countReceivedSince(NOW - 1000)).toBe(121);
  });

  it('GIVEN the same external id from two sources WHEN stored THEN both are kept', async () => {
    await db.stores.signals.insert(signal('x'));
    const other = await db.stores.signals.insert(signal('x', { source: 'tradingview', channelKind: 'tradingview' }));
    expect(other.inserted).toBe(true);
  });

  it('GIVEN signals WHEN statuses change THEN unfinished lists only received ones, oldest first', async () => {
    const a = await db.stores.signals.insert(signal('a'));
    const b = await db.stores.signals.insert(signal('b'));
    const c = await db.stores.signals.insert(signal('c', { status: 'ignored', reasonCode: 'BOT_STOPPED', reason: 'the bot is stopped' }));
    await db.stores.signals.setStatus(b.signal.id, 'received', 'not_alert', 'NOT_AN_ALERT', 'chatter');
    expect((await db.stores.signals.unfinished()).map((s) => s.id)).toEqual([a.signal.id]);
    const stored = await db.stores.signals.get(c.signal.id);
    expect(stored).toMatchObject({ status: 'ignored', reasonCode: 'BOT_STOPPED', reason: 'the bot is stopped' });
  });

  it('GIVEN a parse WHEN saved with or without an outcome THEN the status changes only with one', async () => {
    const a = await db.stores.signals.insert(signal('p1'));
    const b = await db.stores.signals.insert(signal('p2'));
    const parse = { ok: false as const, confidence: 0, reasons: [{ code: 'NOT_AN_ALERT' as const, message: 'chatter' }] };
    await db.stores.signals.saveParse(a.signal.id, 'received', parse);
    await db.stores.signals.saveParse(b.signal.id, 'received', parse, { status: 'not_alert', reasonCode: 'NOT_AN_ALERT', reason: 'chatter' });
    expect(await db.stores.signals.get(a.signal.id)).toMatchObject({ status: 'received', reasonCode: null, parse, confidence: 0 });
    expect(await db.stores.signals.get(b.signal.id)).toMatchObject({ status: 'not_alert', reasonCode: 'NOT_AN_ALERT', reason: 'chatter', parse });
  });

  it('GIVEN a signal another bot moved on WHEN its parse or status is written from the status read before THEN SignalTakenError names what it is now, and nothing changes', async () => {
    const a = await db.stores.signals.insert(signal('t1'));
    const parse = { ok: false as const, confidence: 0, reasons: [{ code: 'NOT_AN_ALERT' as const, message: 'chatter' }] };
    await db.stores.signals.setStatus(a.signal.id, 'received', 'executed', null, null); // the other bot
    await expect(db.stores.signals.setStatus(a.signal.id, 'received', 'rejected', 'DUPLICATE', 'seen'))
      .rejects.toMatchObject({ name: 'SignalTakenError', code: 'SIGNAL_TAKEN', signalId: a.signal.id, expected: 'received', found: 'executed' });
    await expect(db.stores.signals.saveParse(a.signal.id, 'received', parse, { status: 'not_alert', reasonCode: 'NOT_AN_ALERT', reason: 'chatter' }))
      .rejects.toBeInstanceOf(SignalTakenError);
    await expect(db.stores.signals.saveParse(a.signal.id, 'received', parse)).rejects.toBeInstanceOf(SignalTakenError);
    expect(await db.stores.signals.get(a.signal.id)).toMatchObject({ status: 'executed', reasonCode: null, parse: null });
    await expect(db.stores.signals.setStatus(999_999, 'received', 'failed', null, null)).rejects.toMatchObject({ found: null });
  });

  it('GIVEN a journal batch for a signal another bot moved on WHEN committed THEN SignalTakenError, and none of the batch is stored', async () => {
    const s = await db.stores.signals.insert(signal('t2'));
    await db.stores.signals.setStatus(s.signal.id, 'received', 'rejected', 'DUPLICATE', 'seen'); // the other bot
    const order = {
      orderId: 'O9', signalId: String(s.signal.id), positionId: 'P9', symbol: 'ES', side: 'buy' as const, type: 'market' as const,
      qtyContracts: 1, filledContracts: 0, purpose: 'entry' as const, targetIndex: null, exitPlan: null,
      status: 'accepted' as const, statusReason: null, createdAtMs: NOW, updatedAtMs: NOW, seq: 1,
    };
    const { version } = await db.stores.trades.loadJournal('paper');
    await expect(db.stores.trades.commit({ broker: 'paper', mode: 'paper', basedOn: version, orders: [order], fills: [], stopMoves: [], positions: [],
      signal: { id: s.signal.id, from: 'received', status: 'executed', reasonCode: null, reason: null } }))
      .rejects.toMatchObject({ name: 'SignalTakenError', found: 'rejected' });
    expect((await db.stores.trades.loadJournal('paper')).orders).toEqual([]);
    expect(await db.stores.signals.get(s.signal.id)).toMatchObject({ status: 'rejected', reasonCode: 'DUPLICATE' });
  });

  it('GIVEN a batch computed from an older journal version WHEN committed THEN JournalConflictError, none of it is stored, and the version stays', async () => {
    const { version } = await db.stores.trades.loadJournal('paper');
    const empty = { broker: 'paper', mode: 'paper', orders: [], fills: [], stopMoves: [], positions: [], signal: null };
    await db.stores.trades.commit({ ...empty, basedOn: version }); // another bot's batch
    const s = await db.stores.signals.insert(signal('v1'));
    const stale = { ...empty, basedOn: version, signal: { id: s.signal.id, from: 'received' as const, status: 'executed' as const, reasonCode: null, reason: null } };
    await expect(db.stores.trades.commit(stale))
      .rejects.toMatchObject({ name: 'JournalConflictError', code: 'JOURNAL_CONFLICT', broker: 'paper', basedOn: version, found: version + 1 });
    expect((await db.stores.signals.get(s.signal.id))?.status).toBe('received');
    expect((await db.stores.trades.loadJournal('paper')).version).toBe(version + 1);
    expect((await db.stores.trades.loadJournal('another-broker')).version).toBe(0); // one version per broker
  });

  it('GIVEN a journal batch WHEN its records are committed twice THEN one order, one fill, one position, and the signal is executed', async () => {
    const s = await db.stores.signals.insert(signal('e'));
    const order = {
      orderId: 'O1', signalId: String(s.signal.id), positionId: 'P1', symbol: 'ES', side: 'buy' as const, type: 'market' as const,
      qtyContracts: 2, filledContracts: 2, purpose: 'entry' as const, targetIndex: null,
      exitPlan: { stopMicros: 4_745_000_000, targetsMicros: [4_755_000_000, 4_760_000_000], trailing: null },
      status: 'filled' as const, statusReason: null, createdAtMs: NOW, updatedAtMs: NOW, seq: 1,
    };
    const fill = {
      fillId: 'F2', orderId: 'O1', positionId: 'P1', symbol: 'ES', side: 'buy' as const, qtyContracts: 2, priceMicros: 4_750_250_000,
      commissionCents: 124, atMs: NOW, priceSource: 'ask' as const, reason: 'entry' as const, targetIndex: null, slippageTicks: 1, seq: 2,
    };
    const position = {
      id: 'P1', signalId: s.signal.id, broker: 'paper', mode: 'paper', symbol: 'ES', assetClass: 'futures' as const, side: 'long' as const,
      qtyOpen: 2, qtyEntered: 2, avgEntry: '4750.25', stop: '4745', targets: ['4755', '4760'], targetsHit: 0, status: 'open' as const,
      realizedGrossCents: 0, commissionCents: 124, openedAtMs: NOW, updatedAtMs: NOW, closedAtMs: null,
    };
    const { version } = await db.stores.trades.loadJournal('paper'); // the tests share one database
    const batch = {
      broker: 'paper', mode: 'paper', basedOn: version, orders: [order], fills: [{ fill, realizedNetCents: -124 }],
      stopMoves: [{ kind: 'stop_moved' as const, seq: 3, positionId: 'P1', fromMicros: 4_745_000_000, toMicros: 4_750_250_000,
        bestMicros: null, cause: 'breakeven' as const, atMs: NOW }],
      positions: [position], signal: { id: s.signal.id, from: 'received' as const, status: 'executed' as const, reasonCode: null, reason: null },
    };
    await db.stores.trades.commit(batch);
    await db.stores.trades.commit({ ...batch, basedOn: version + 1, signal: null });
    const counts = await db.test.database.db.execute(sql`select (select count(*) from orders) as o, (select count(*) from fills) as f, (select count(*) from positions) as p, (select count(*) from stop_moves) as m`);
    const row = (Array.isArray(counts) ? counts[0] : (counts as { rows: unknown[] }).rows[0]) as Record<string, unknown>;
    expect([Number(row.o), Number(row.f), Number(row.p), Number(row.m)]).toEqual([1, 1, 1, 1]);
    expect((await db.stores.signals.get(s.signal.id))?.status).toBe('executed');
    expect(await db.stores.trades.openPositions('es')).toEqual([position]);

    const journal = await db.stores.trades.loadJournal('paper');
    expect(journal).toEqual({ orders: [order], fills: [fill], stopMoves: batch.stopMoves, version: version + 2 });
  });

  it('GIVEN a position closes WHEN committed THEN it leaves the open list and is listed as closed', async () => {
    const base = {
      id: 'P9', signalId: null, broker: 'paper', mode: 'paper', symbol: 'NQ', assetClass: 'futures' as const, side: 'short' as const,
      qtyOpen: 1, qtyEntered: 1, avgEntry: '16250.5', stop: null, targets: [], targetsHit: 0, status: 'open' as const,
      realizedGrossCents: 0, commissionCents: 62, openedAtMs: NOW, updatedAtMs: NOW, closedAtMs: null,
    };
    const empty = { broker: 'paper', mode: 'paper', orders: [], fills: [], stopMoves: [], signal: null };
    const { version } = await db.stores.trades.loadJournal('paper'); // the tests share one database
    await db.stores.trades.commit({ ...empty, basedOn: version, positions: [base] });
    const closed = { ...base, qtyOpen: 0, status: 'closed' as const, realizedGrossCents: 5000, commissionCents: 124, closedAtMs: NOW + 60_000 };
    await db.stores.trades.commit({ ...empty, basedOn: version + 1, positions: [closed] });
    expect(await db.stores.trades.openPositions()).toEqual([]);
    expect(await db.stores.trades.closedPositions(NOW)).toEqual([closed]);
    expect(await db.stores.trades.closedPositions(NOW + 120_000)).toEqual([]);
  });

  it('GIVEN no bot state WHEN read THEN defaults are stored, and a stop survives a re-read', async () => {
    const initial = await db.stores.botState.get({ running: true, mode: 'paper' });
    expect(initial).toMatchObject({ running: true, mode: 'paper' });
    await db.stores.botState.setRunning(false, 'admin-1', NOW + 5);
    const reread = await db.stores.botState.get({ running: true, mode: 'paper' });
    expect(reread).toMatchObject({ running: false, updatedBy: 'admin-1' });
  });

  it('GIVEN control attempts WHEN audited THEN they are listed newest first', async () => {
    await db.stores.audit.record({ atMs: NOW, actorId: 'u1', actorName: 'a', action: 'bot.stop', allowed: false, interactionId: 'i1' });
    await db.stores.audit.record({ atMs: NOW + 1, actorId: 'u2', actorName: 'b', action: 'bot.stop', allowed: true, interactionId: 'i2' });
    const recent = await db.stores.audit.recent(10);
    expect(recent.map((r) => [r.actorId, r.allowed])).toEqual([['u2', true], ['u1', false]]);
  });
});
