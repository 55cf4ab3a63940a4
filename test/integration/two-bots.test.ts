import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStores } from '../../src/adapters/store/index.js';
import { createLogger } from '../../src/adapters/log/logger.js';
import { startTradingCore, type TradingCore } from '../../src/app/core.js';
import { closeAtMarket } from '../../src/app/trading/close.js';
import { applyStopMove, planStopMove } from '../../src/app/trading/stop-move.js';
import type { AppDeps, NewSignal, Notice, StoredSignal } from '../../src/app/ports.js';
import { TestClock } from '../../src/domain/clock.js';
import { testCoreConfig } from '../support/core-config.js';
import { testDatabaseKinds, useDatabase } from '../support/databases.js';
import { futuresMessage } from '../support/signals.js';

/** Friday 2026-11-20 10:00 New York: CME Globex open. */
const FRIDAY_OPEN = Date.parse('2026-11-20T15:00:00Z');
const log = createLogger({ level: 'silent' });

/**
 * Two bots on one database: the instance lock lets only one run, but a bot whose lock was taken
 * can run for up to 30 s before its watchdog notices. Both may then reach the same stored signal.
 * Whatever each of them does, the signal is acted on once: one order, one set of DMs, one status,
 * and the bot that lost ends up with the engine the store holds.
 */
describe.each(testDatabaseKinds())('two bots on one database, on $name', (kind) => {
  const test = useDatabase(kind);
  let clock: TestClock;
  let bots: Bot[];
  let n = 0;

  interface Bot { core: TradingCore; deps: AppDeps; notices: Notice[] }

  async function startBot(env: Record<string, string> = {}): Promise<Bot> {
    const notices: Notice[] = [];
    const deps: AppDeps = {
      stores: createStores(test.database, () => clock.nowMs()), clock,
      notifier: { notify: (x) => { notices.push(x); return Promise.resolve(); } },
    };
    return { core: await startTradingCore(deps, testCoreConfig(env), log), deps, notices };
  }

  beforeEach(async () => {
    clock = new TestClock(FRIDAY_OPEN);
    bots = [await startBot(), await startBot()];
  });
  afterEach(() => {
    for (const b of bots) b.core.desk.stop();
  });

  const signal = (text: string): NewSignal => futuresMessage(`m-${++n}`, text, clock.nowMs());
  const quote = (bid: string, ask: string) => {
    for (const { core } of bots) core.desk.push({ symbol: 'ES', bid, ask, last: null, ts: new Date(clock.nowMs()).toISOString() });
  };
  const positions = (core: TradingCore) => core.desk.paperEngine.openPositions().map((p) => `${p.positionId}:${p.side}:${p.qtyContracts}`);
  const settle = async () => {
    for (const { core } of bots) { await core.pipeline.drain(); await core.desk.drain(); }
    for (const { core } of bots) { await core.pipeline.drain(); await core.desk.drain(); }
  };
  const kinds = (notices: Notice[]) => notices.map((x) => x.kind);

  /** Both bots get the same message while held, then both go: they race for it. */
  async function race(text: string): Promise<StoredSignal> {
    const open = bots.map(({ core }) => core.pipeline.hold());
    const message = signal(text);
    const first = await bots[0]!.core.pipeline.ingest(message, true);
    const second = await bots[1]!.core.pipeline.ingest(message, true);
    expect([first.status, second.status]).toEqual(['stored', 'duplicate']);
    for (const go of open) go();
    await settle();
    return (await bots[0]!.deps.stores.signals.get(first.signal.id)) as StoredSignal;
  }

  it('GIVEN both bots reach one routed alert THEN one of them trades it: one position stored, one fill DM, one exit', async () => {
    quote('4749.75', '4750.00');
    const stored = await race('ES LONG 4750 STOP 4745 T1 4755');
    expect(stored.status).toBe('executed');
    const all = bots.flatMap((b) => kinds(b.notices));
    expect(all.filter((k) => k === 'entry_filled')).toHaveLength(1);
    expect(all).not.toContain('order_rejected');
    const store = await bots[0]!.deps.stores.trades.openPositions();
    expect(store.map((p) => p.qtyOpen)).toEqual([1]);
    clock.advance(1000);
    quote('4755.00', '4755.25'); // T1: whichever engines hold the position exit it; one exit is stored and told
    await settle();
    expect(await bots[0]!.deps.stores.trades.openPositions()).toEqual([]);
    expect((await bots[0]!.deps.stores.trades.loadJournal('paper')).fills.map((f) => f.reason)).toEqual(['entry', 'target']);
    expect(bots.flatMap((b) => kinds(b.notices)).filter((k) => k === 'exit_filled')).toHaveLength(1);
    expect(bots.map((b) => b.core.desk.storeProblem)).toEqual([null, null]);
  });

  it('GIVEN an alert approved in review that both bots find on start THEN it is traded once', async () => {
    quote('4749.75', '4750.00');
    const held = await race('maybe ES LONG 4750 STOP 4745');
    expect(held.status).toBe('needs_review');
    await bots[0]!.deps.stores.reviews.decide({ signalId: held.id, decision: 'approved', actorId: '1', actorName: 'admin', decidedAtMs: clock.nowMs() });
    const open = bots.map(({ core }) => core.pipeline.hold());
    expect(await Promise.all(bots.map(({ core }) => core.pipeline.resume()))).toEqual([1, 1]);
    for (const go of open) go();
    await settle();
    expect((await bots[0]!.deps.stores.signals.get(held.id))?.status).toBe('executed');
    expect(bots.flatMap((b) => kinds(b.notices)).filter((k) => k === 'entry_filled')).toHaveLength(1);
    // A bot that found the signal already executed never touched its desk: its engine learns of the
    // trade at its next look at the store (before an alert, and every 5 s in the app).
    for (const { core } of bots) await core.desk.catchUp();
    expect(positions(bots[0]!.core)).toHaveLength(1);
    expect(positions(bots[0]!.core)).toEqual(positions(bots[1]!.core));
  });

  it('GIVEN each bot trades an alert only it saw THEN the second write is refused, nothing stored is overwritten, and that bot rebuilds and trades it', async () => {
    quote('4749.75', '4750.00');
    for (const { core } of bots) core.desk.push({ symbol: 'NQ', bid: '16249.75', ask: '16250.00', last: null, ts: new Date(clock.nowMs()).toISOString() });
    const [a, b] = bots as [Bot, Bot];
    const first = await a.core.pipeline.ingest(signal('ES LONG 4750 STOP 4745'), true); // a webhook reaches one bot only
    await settle();
    // b's engine does not know a's trade: its order would take a's ids and overwrite a's records.
    // Its write is refused; it rebuilds from the store and trades the alert again on that.
    const second = await b.core.pipeline.ingest(signal('NQ LONG 16250 STOP 16230'), true);
    await settle();
    const stored = async (id: number) => (await a.deps.stores.signals.get(id)) as StoredSignal;
    expect(await stored(first.signal.id)).toMatchObject({ status: 'executed' });
    expect(await stored(second.signal.id)).toMatchObject({ status: 'executed' });
    const open = await a.deps.stores.trades.openPositions();
    expect(open.map((p) => [p.symbol, p.signalId])).toEqual([['ES', first.signal.id], ['NQ', second.signal.id]]);
    expect(new Set(open.map((p) => p.id)).size).toBe(2);
    expect(kinds(a.notices).filter((k) => k === 'entry_filled')).toHaveLength(1);
    expect(kinds(b.notices).filter((k) => k === 'entry_filled')).toHaveLength(1);
    expect(b.core.desk.storeProblem).toBeNull();
    expect(positions(b.core)).toEqual(open.map((p) => `${p.id}:long:1`)); // rebuilt from the store, then traded
  });

  it('GIVEN both bots reach one low-confidence alert THEN admins get one review DM', async () => {
    const stored = await race('ES LONG 4750 STOP 4755');
    expect(stored.status).toBe('needs_review');
    expect(bots.flatMap((b) => kinds(b.notices)).filter((k) => k === 'review_needed')).toHaveLength(1);
  });

  it('GIVEN both bots reach one alert the desk refuses THEN one refusal DM, and the status is the refusal', async () => {
    quote('4749.75', '4750.00');
    const stored = await race('ES LONG 4780 STOP 4775'); // 0.6% from the market: outside the risk check's 0.5% band
    expect(stored.status).toBe('rejected');
    expect(bots.flatMap((b) => kinds(b.notices)).filter((k) => k === 'order_rejected')).toHaveLength(1);
  });

  it('GIVEN a position only one bot traded WHEN its exit reaches the other bot THEN that bot rebuilds from the store first and closes it, at the market', async () => {
    quote('4749.75', '4750.00');
    const [a, b] = bots as [Bot, Bot];
    await a.core.pipeline.ingest(signal('ES LONG 4750 STOP 4745'), true); // a webhook reaches one bot only
    await settle();
    expect(positions(b.core)).toEqual([]); // b has written nothing since: no refused write has told it
    clock.advance(1000);
    quote('4752.00', '4752.25');
    const exit = await b.core.pipeline.ingest(signal('ES out'), true);
    await settle();
    expect(await b.deps.stores.signals.get(exit.signal.id)).toMatchObject({ status: 'executed', reason: null });
    expect(await b.deps.stores.trades.openPositions()).toEqual([]);
    expect(kinds(b.notices)).toContain('exit_filled');
    expect(positions(b.core)).toEqual([]);
  });

  /** Bot a opens ES under a one-contract-per-symbol limit; bot b starts after it, so its engine holds ES too. */
  async function twoBotsHoldingEs(): Promise<[Bot, Bot]> {
    for (const b of bots) b.core.desk.stop();
    const a = await startBot({ MAX_CONTRACTS_PER_SYMBOL: '1' });
    bots = [a];
    quote('4749.75', '4750.00');
    await a.core.pipeline.ingest(signal('ES LONG 4750 STOP 4745'), true);
    await settle();
    const b = await startBot({ MAX_CONTRACTS_PER_SYMBOL: '1' }); // loads the open position
    bots.push(b);
    quote('4751.00', '4751.25');
    return [a, b];
  }

  it('GIVEN the other bot closed a position this one still holds WHEN a new alert would be refused on the stale engine THEN this bot rebuilds first and trades it', async () => {
    const [a, b] = await twoBotsHoldingEs();
    await a.core.desk.closePositions(a.core.desk.openPositionIds(), 'manual'); // a /close on a: b's engine still holds it
    expect(positions(b.core)).toHaveLength(1);
    // On b's engine the limit is reached (1 ES contract open): without a look at the store, a refusal nobody stores a trade for.
    const next = await b.core.pipeline.ingest(signal('ES LONG 4751 STOP 4746'), true);
    await settle();
    expect(await b.deps.stores.signals.get(next.signal.id)).toMatchObject({ status: 'executed', reason: null });
    const open = await b.deps.stores.trades.openPositions();
    expect(open.map((p) => p.signalId)).toEqual([next.signal.id]);
    expect(positions(b.core)).toEqual(open.map((p) => `${p.id}:long:1`));
  });

  it('GIVEN the other bot closes a position between this bot\'s look at the store and its refusal WHEN the refusal is written THEN it is refused in turn, and the alert traded on the rebuilt engine', async () => {
    const [a, b] = await twoBotsHoldingEs();
    // The narrowest window: a closes the position right after b read the journal's version, so b's
    // look finds nothing new and b's engine, still holding ES, denies the per-symbol limit.
    let armed = true;
    const trades = b.deps.stores.trades;
    const journalVersion = trades.journalVersion.bind(trades);
    trades.journalVersion = async (broker) => {
      const version = await journalVersion(broker);
      if (armed) {
        armed = false;
        await a.core.desk.closePositions(a.core.desk.openPositionIds(), 'manual');
        await a.core.desk.drain();
      }
      return version;
    };
    const next = await b.core.pipeline.ingest(signal('ES LONG 4751 STOP 4746'), true);
    await settle();
    expect(armed).toBe(false);
    expect(await b.deps.stores.signals.get(next.signal.id)).toMatchObject({ status: 'executed', reason: null });
    expect(kinds(b.notices)).not.toContain('order_rejected');
    const open = await b.deps.stores.trades.openPositions();
    expect(open.map((p) => p.signalId)).toEqual([next.signal.id]);
  });

  it('GIVEN a position only one bot traded WHEN that bot is gone THEN the other finds it at its next look at the store and exits it at the stop', async () => {
    quote('4749.75', '4750.00');
    const [a, b] = bots as [Bot, Bot];
    await a.core.pipeline.ingest(signal('ES LONG 4750 STOP 4745'), true);
    await settle();
    a.core.desk.stop();
    bots = [b]; // a deploy stopped a: only b gets quotes from now on
    expect(await b.core.desk.catchUp()).toBe(true);
    expect(await b.core.desk.catchUp()).toBe(false); // in step now: nothing to do
    clock.advance(1000);
    quote('4744.75', '4745.00'); // through the stop
    await settle();
    expect(await b.deps.stores.trades.openPositions()).toEqual([]);
    expect((await b.deps.stores.trades.loadJournal('paper')).fills.map((f) => f.reason)).toEqual(['entry', 'stop']);
    expect(kinds(b.notices)).toContain('exit_filled');
  });
  /**
   * b's desk, with the other bot's write slipped in just before b's first write through `method`,
   * so that write is refused: the narrowest window, which no look at the store beforehand closes.
   */
  function racedDesk(b: Bot, method: 'closePositions' | 'moveStops', otherWrites: () => Promise<unknown>): TradingCore['desk'] {
    let raced = false;
    return new Proxy(b.core.desk, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target) as unknown;
        if (typeof value !== 'function') return value;
        const bound = (value as (...args: unknown[]) => unknown).bind(target);
        if (prop !== method) return bound;
        return async (...args: unknown[]) => {
          if (!raced) { raced = true; await otherWrites(); }
          return bound(...args);
        };
      },
    });
  }
  const admin = { userId: '1', userName: 'admin', roleIds: [], interactionId: 'i-1' };

  it('GIVEN the other bot writes between this bot\'s look and its /close WHEN the write is refused THEN the close is tried once more on the rebuilt engine and closes what is open', async () => {
    quote('4749.75', '4750.00');
    const [a, b] = bots as [Bot, Bot];
    await b.core.pipeline.ingest(signal('ES LONG 4750 STOP 4745'), true);
    await settle();
    await a.core.desk.catchUp();
    const desk = racedDesk(b, 'closePositions', async () => { // a opens a second ES
      await a.core.pipeline.ingest(signal('ES LONG 4751 STOP 4746'), true);
      await settle();
    });
    const result = await closeAtMarket({ desk, audit: b.deps.stores.audit, clock }, admin, { kind: 'symbol', symbol: 'ES' });
    expect(result).toMatchObject({ status: 'done', failed: [] });
    expect(result.status === 'done' ? result.closed : []).toHaveLength(2);
    expect(await b.deps.stores.trades.openPositions()).toEqual([]);
    expect(b.core.desk.storeProblem).toBeNull();
  });

  it('GIVEN the other bot writes between this bot\'s look and its /move-stop WHEN the write is refused THEN the move is tried once more and lands', async () => {
    quote('4749.75', '4750.00');
    const [a, b] = bots as [Bot, Bot];
    await b.core.pipeline.ingest(signal('ES LONG 4750 STOP 4740'), true);
    await settle();
    await a.core.desk.catchUp();
    const plan = planStopMove(b.core.desk, 'ES', 4_745_000_000);
    if (plan.status !== 'ready') throw new Error(`no plan: ${plan.status}`);
    const desk = racedDesk(b, 'moveStops', async () => { // a opens NQ: the journal moves on, ES is untouched
      a.core.desk.push({ symbol: 'NQ', bid: '16249.75', ask: '16250.00', last: null, ts: new Date(clock.nowMs()).toISOString() });
      await a.core.pipeline.ingest(signal('NQ LONG 16250 STOP 16200'), true);
      await settle();
    });
    const result = await applyStopMove({ desk, audit: b.deps.stores.audit, clock }, admin, plan);
    expect(result.moved.map((m) => m.to)).toEqual(['4745']);
    const stored = await b.deps.stores.trades.openPositions();
    expect(stored.find((p) => p.symbol === 'ES')?.stop).toBe('4745');
    expect(b.core.desk.storeProblem).toBeNull();
  });
});
