import { beforeEach, describe, expect, it } from 'vitest';
import { createStores } from '../../src/adapters/store/index.js';
import { createLogger } from '../../src/adapters/log/logger.js';
import { startTradingCore, type TradingCore } from '../../src/app/core.js';
import type { Actor } from '../../src/app/permissions.js';
import type { AppDeps, StoredSignal } from '../../src/app/ports.js';
import { ReviewDesk } from '../../src/app/reviews/review-desk.js';
import { TestClock } from '../../src/domain/clock.js';
import { testCoreConfig } from '../support/core-config.js';
import { eventually } from '../support/app-harness.js';
import { faultyTrades, type Faults } from '../support/faulty-trades.js';
import { testDatabaseKinds, useDatabase } from '../support/databases.js';
import { futuresMessage } from '../support/signals.js';

/** Friday 2026-11-20 10:00 New York: CME Globex open. */
const FRIDAY_OPEN = Date.parse('2026-11-20T15:00:00Z');
/** Sunday 2026-11-22 18:00 New York: CME Globex opens for Monday. */
const SUNDAY_OPEN = Date.parse('2026-11-22T23:00:00Z');
const log = createLogger({ level: 'silent' });
const ADMIN: Actor = { userId: '7', userName: 'admin', roleIds: [], interactionId: null };
/** No stop: confidence below the 0.8 threshold, so it is held for review. */
const HELD = 'ES LONG 4750';

/** An approval goes through the signal pipeline, and is never left half done. */
describe.each(testDatabaseKinds())('approving a held alert, on $name', (kind) => {
  const test = useDatabase(kind);
  let clock: TestClock;
  let deps: AppDeps;
  let core: TradingCore;
  let reviews: ReviewDesk;
  let faults: Faults;
  let n = 0;

  beforeEach(async () => {
    clock = new TestClock(FRIDAY_OPEN);
    const stores = createStores(test.database, () => clock.nowMs());
    const faulty = faultyTrades(stores.trades);
    faults = faulty.faults;
    const trades = faulty.trades;
    deps = { stores: { ...stores, trades }, clock, notifier: { notify: () => Promise.resolve() } };
  });

  async function start(env: Record<string, string> = {}): Promise<void> {
    core?.pipeline.stopTimers();
    core?.desk.stop();
    core = await startTradingCore(deps, testCoreConfig(env, [ADMIN.userId]), log);
    const { stores } = deps;
    reviews = new ReviewDesk({ signals: stores.signals, trades: stores.trades, reviews: stores.reviews, audit: stores.audit, clock, control: core.control,
      maxAlertAgeMs: 120_000, execute: (id) => core.pipeline.executeApproved(id) });
  }

  async function held(text = HELD): Promise<StoredSignal> {
    const input = futuresMessage(`m-${++n}`, text, clock.nowMs(), { authorId: '8' });
    const { signal } = await core.pipeline.ingest(input, true);
    await core.pipeline.drain();
    const stored = await deps.stores.signals.get(signal.id);
    expect(stored?.status).toBe('needs_review');
    return stored as StoredSignal;
  }

  const quote = (bid: string, ask: string) =>
    core.desk.push({ symbol: 'ES', bid, ask, last: null, ts: new Date(clock.nowMs()).toISOString() });

  it('GIVEN an approval WHEN executing it fails THEN the signal is marked failed, not left waiting with an approval nothing acts on', async () => {
    await start();
    quote('4749.75', '4750.00');
    const signal = await held();
    faults.failCommits = 1;
    await expect(reviews.approve(ADMIN, signal.id)).rejects.toThrow('database down (commit)');
    expect(await deps.stores.signals.get(signal.id)).toMatchObject({ status: 'failed', reasonCode: 'INTERNAL_ERROR' });
    expect(await reviews.approve(ADMIN, signal.id)).toMatchObject({ status: 'already' });
    expect(await deps.stores.trades.openPositions()).toEqual([]);
  });

  it('GIVEN the bot stopped between recording an approval and executing it WHEN it restarts in time THEN resume executes it once', async () => {
    await start();
    quote('4749.75', '4750.00');
    const signal = await held();
    // The decision was stored, then the process died before the order.
    await deps.stores.reviews.decide({ signalId: signal.id, decision: 'approved', actorId: ADMIN.userId, actorName: 'admin', decidedAtMs: clock.nowMs() });
    clock.advance(10_000);
    await start();
    quote('4749.75', '4750.00');
    expect(await core.pipeline.resume()).toBe(1);
    await core.pipeline.drain();
    await core.desk.drain();
    expect((await deps.stores.signals.get(signal.id))?.status).toBe('executed');
    expect(await core.pipeline.resume()).toBe(0);
    expect((await deps.stores.trades.openPositions()).map((p) => p.qtyOpen)).toEqual([1]);
  });

  it('GIVEN a rejection or no decision WHEN the bot restarts THEN resume leaves the alert alone', async () => {
    await start();
    const rejected = await held();
    await reviews.reject(ADMIN, rejected.id);
    await held('NQ LONG 16000');
    await start();
    expect(await core.pipeline.resume()).toBe(0);
  });

  it('GIVEN QUEUE_OUTSIDE_HOURS WHEN an alert approved on Sunday is queued for the open THEN it is released at the open', async () => {
    const env = { ENFORCE_MARKET_HOURS: 'true', QUEUE_OUTSIDE_HOURS: 'true' };
    clock.set(SUNDAY_OPEN - 200);
    await start(env);
    const signal = await held();
    expect(await reviews.approve(ADMIN, signal.id)).toMatchObject({ status: 'approved', outcome: { status: 'queued' } });
    clock.set(SUNDAY_OPEN + 1_000);
    quote('4749.75', '4750.00');
    await eventually(async () => ((await deps.stores.signals.get(signal.id))?.status === 'executed' ? true : undefined), 3000, 'the release');
    core.pipeline.stopTimers();
  });
});
