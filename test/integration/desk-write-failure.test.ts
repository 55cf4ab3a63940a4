import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStores } from '../../src/adapters/store/index.js';
import { createLogger } from '../../src/adapters/log/logger.js';
import { startTradingCore, type TradingCore } from '../../src/app/core.js';
import type { AppDeps, NewSignal, Notice, TradeStore } from '../../src/app/ports.js';
import { TestClock } from '../../src/domain/clock.js';
import { testCoreConfig } from '../support/core-config.js';
import { testDatabaseKinds, useDatabase } from '../support/databases.js';
import { eventually } from '../support/app-harness.js';
import { faultyTrades, type Faults } from '../support/faulty-trades.js';
import { futuresMessage } from '../support/signals.js';

/** Friday 2026-11-20 10:00 New York: CME Globex open. */
const FRIDAY_OPEN = Date.parse('2026-11-20T15:00:00Z');
const log = createLogger({ level: 'silent' });

/**
 * The journal write fails (the database drops out) while the engine has already moved on in
 * memory. The desk must never store what it computed from state the store did not get, and
 * must trade nothing until it has rebuilt itself from the store.
 */
describe.each(testDatabaseKinds())('the desk after a failed journal write, on $name', (kind) => {
  const test = useDatabase(kind);
  let clock: TestClock;
  let deps: AppDeps;
  let real: TradeStore;
  let core: TradingCore;
  let notices: Notice[];
  let faults: Faults;
  let n = 0;

  beforeEach(async () => {
    clock = new TestClock(FRIDAY_OPEN);
    notices = [];
    const stores = createStores(test.database, () => clock.nowMs());
    real = stores.trades;
    const faulty = faultyTrades(real);
    faults = faulty.faults;
    const trades = faulty.trades;
    deps = { stores: { ...stores, trades }, clock, notifier: { notify: (x) => { notices.push(x); return Promise.resolve(); } } };
    core = await startTradingCore(deps, testCoreConfig(), log);
  });
  afterEach(() => {
    core.desk.stop();
  });

  const signal = (text: string): NewSignal => futuresMessage(`m-${++n}`, text, clock.nowMs());
  const quote = (bid: string, ask: string) =>
    core.desk.push({ symbol: 'ES', bid, ask, last: null, ts: new Date(clock.nowMs()).toISOString() });
  const positions = (c: TradingCore) => c.desk.paperEngine.openPositions().map((p) => `${p.positionId}:${p.side}:${p.qtyContracts}`);
  async function alert(text: string) {
    const { signal: s } = await core.pipeline.ingest(signal(text), true);
    await core.pipeline.drain();
    await core.desk.drain();
    return deps.stores.signals.get(s.id);
  }

  it('GIVEN an exit computed while the entry write was in flight WHEN that write fails THEN the exit is never stored, and a restart agrees with the live desk', async () => {
    quote('4749.75', '4750.00');
    let open!: () => void;
    faults.gate = new Promise<void>((r) => { open = r; });
    const called = new Promise<void>((r) => { faults.onCommit = r; });
    faults.failCommits = 1;
    await core.pipeline.ingest(signal('ES LONG 4750 STOP 4745 T1 4755 T2 4760'), true);
    await called; // the entry batch is being written
    clock.advance(1000);
    quote('4755.00', '4755.25'); // T1 touched in memory: an exit batch queued behind the entry
    faults.gate = null;
    open();
    await core.pipeline.drain();
    await core.desk.drain();
    expect(core.desk.storeProblem).toBeNull(); // the database answered the rebuild
    expect(await real.openPositions()).toEqual([]);
    clock.advance(1000);
    expect((await alert('ES LONG 4755 STOP 4745'))?.status).toBe('executed');
    const live = positions(core);
    expect(live).toEqual(['P1:long:1']);
    const restarted = await startTradingCore(deps, testCoreConfig(), log);
    expect(positions(restarted)).toEqual(live);
    expect((await real.openPositions()).map((p) => p.qtyOpen)).toEqual([1]);
  });

  it('GIVEN the write and the rebuild both fail THEN the desk trades nothing and reacts to no quote until a retried rebuild succeeds', async () => {
    quote('4749.75', '4750.00');
    faults.failCommits = 1;
    faults.failLoads = 1;
    const first = await alert('ES LONG 4750 STOP 4745 T1 4760');
    expect(first).toMatchObject({ status: 'failed', reasonCode: 'INTERNAL_ERROR' });
    expect(core.desk.storeProblem).toContain('database down (commit)');
    // The engine may still hold the unstored position; it must not act on it or open more.
    notices = [];
    quote('4760.00', '4760.25');
    await core.desk.drain();
    expect(notices).toEqual([]);
    expect((await alert('NQ LONG 16000 STOP 15950'))?.status).toBe('failed');
    // The retry (1 s later) finds the database back: memory is the store again.
    await eventually(() => (core.desk.storeProblem === null ? true : undefined), 5000, 'the rebuild retry');
    expect(positions(core)).toEqual([]);
    expect(await real.openPositions()).toEqual([]);
    expect(await alert('ES LONG 4760 STOP 4755')).toMatchObject({ status: 'executed', reason: null });
    // Priced at the quote that came while it was out of step: the book was kept, only exits were not checked.
    const entry = (await real.loadJournal('paper')).fills.at(-1);
    expect(entry).toMatchObject({ reason: 'entry', priceMicros: 4_760_250_000 + (entry?.slippageTicks ?? 0) * 250_000 });
  });

  it('GIVEN a failed entry write THEN the same alert again is not refused as a duplicate of a trade that never happened', async () => {
    quote('4749.75', '4750.00');
    faults.failCommits = 1;
    expect((await alert('ES LONG 4750 STOP 4745'))?.status).toBe('failed');
    expect((await alert('ES LONG 4750 STOP 4745'))?.status).toBe('executed');
  });

  it('GIVEN a failed write THEN the rebuilt engine still knows the last quotes: an exit alert right after fills at the market', async () => {
    quote('4749.75', '4750.00');
    expect((await alert('ES LONG 4750 STOP 4745'))?.status).toBe('executed');
    clock.advance(1000);
    quote('4752.00', '4752.25');
    faults.failCommits = 1;
    expect((await alert('NQ LONG 16250 STOP 16230'))?.status).toBe('failed');
    expect(core.desk.storeProblem).toBeNull(); // rebuilt from the store
    expect(await alert('ES out')).toMatchObject({ status: 'executed', reason: null });
    expect(await real.openPositions()).toEqual([]);
    const exit = (await real.loadJournal('paper')).fills.at(-1);
    expect(exit).toMatchObject({ reason: 'alert_close', priceMicros: 4_752_000_000 - (exit?.slippageTicks ?? 0) * 250_000 }); // the bid, less slippage
  });

  it('GIVEN a rebuild for another bot\'s trade under way WHEN an alert comes THEN it waits for the rebuilt engine and is traded, not failed', async () => {
    // This bot's rebuild can be held at its last step (the session marks): engine and version in place, yet not over.
    let gate: Promise<void> | null = null, open: () => void = () => undefined, reached!: () => void;
    const held = new Promise<void>((r) => { reached = r; });
    const marks = deps.stores.sessionMarks;
    const sessionMarks = { ...marks, load: async (at: number) => { if (gate) { reached(); await gate; } return marks.load(at); } };
    const mine = await startTradingCore({ ...deps, stores: { ...deps.stores, sessionMarks } }, testCoreConfig(), log);
    const other = await startTradingCore({ ...deps, stores: { ...deps.stores, trades: real }, notifier: { notify: () => Promise.resolve() } },
      testCoreConfig(), log);
    const push = (c: TradingCore, symbol: string, bid: string, ask: string) =>
      c.desk.push({ symbol, bid, ask, last: null, ts: new Date(clock.nowMs()).toISOString() });
    try {
      push(mine, 'NQ', '16249.75', '16250.00');
      push(other, 'ES', '4749.75', '4750.00');
      await other.pipeline.ingest(signal('ES LONG 4750 STOP 4745'), true); // a webhook alert only the other bot got
      await other.pipeline.drain();
      await other.desk.drain();
      gate = new Promise<void>((r) => { open = r; });
      const watched = mine.desk.catchUp(); // the 5 s watch finds the other bot's trade and rebuilds
      await held;
      const { signal: nq } = await mine.pipeline.ingest(signal('NQ LONG 16250 STOP 16230'), true);
      await new Promise((r) => setTimeout(r, 50)); // the alert reaches the desk while the rebuild is held
      gate = null;
      open();
      expect(await watched).toBe(true);
      await mine.pipeline.drain();
      await mine.desk.drain();
      expect(await deps.stores.signals.get(nq.id)).toMatchObject({ status: 'executed', reason: null });
      expect((await real.openPositions()).map((p) => p.symbol).sort()).toEqual(['ES', 'NQ']);
      expect(positions(mine)).toHaveLength(2);
    } finally {
      open();
      mine.desk.stop();
      other.desk.stop();
    }
  });
});
