import { beforeEach, describe, expect, it } from 'vitest';
import { createStores } from '../../src/adapters/store/index.js';
import { createLogger } from '../../src/adapters/log/logger.js';
import { startTradingCore, type TradingCore } from '../../src/app/core.js';
import { applyStopMove, planStopMove, type StopMovePlan } from '../../src/app/trading/stop-move.js';
import type { AppDeps, Notice } from '../../src/app/ports.js';
import type { Actor } from '../../src/app/permissions.js';
import { TestClock } from '../../src/domain/clock.js';
import { testCoreConfig } from '../support/core-config.js';
import { testDatabaseKinds, useDatabase } from '../support/databases.js';
import { futuresMessage } from '../support/signals.js';

/** Friday 2026-11-20 10:00 New York: CME Globex open. */
const FRIDAY_OPEN = Date.parse('2026-11-20T15:00:00Z');
const M = 1_000_000;
const log = createLogger({ level: 'silent' });
const ADMIN: Actor = { userId: '1', userName: 'admin', interactionId: 'i-1', roleIds: [] };

describe.each(testDatabaseKinds())('moving stops through the desk on $name', (kind) => {
  const test = useDatabase(kind);
  let clock: TestClock;
  let notices: Notice[];
  let deps: AppDeps;
  let core: TradingCore;
  let seq = 0;

  beforeEach(async () => {
    clock = new TestClock(FRIDAY_OPEN);
    notices = [];
    deps = { stores: createStores(test.database, () => clock.nowMs()), clock,
      notifier: { notify: (n) => { notices.push(n); return Promise.resolve(); } } };
    core = await startTradingCore(deps, testCoreConfig({ DUPLICATE_WINDOW_SECONDS: '0', BASE_CONTRACTS: '2' }), log, null);
  });

  async function open(text: string): Promise<string> {
    seq += 1;
    await core.pipeline.ingest(futuresMessage(`m-${seq}`, text, clock.nowMs()), true);
    await core.pipeline.drain();
    await core.desk.drain();
    return core.desk.openPositionIds().at(-1) ?? '';
  }

  function quote(symbol: string, bid: string, ask: string): Promise<void> {
    core.desk.push({ symbol, bid, ask, last: null, ts: new Date(clock.nowMs()).toISOString() });
    return core.desk.drain();
  }

  const apply = (plan: StopMovePlan) => {
    if (plan.status !== 'ready') throw new Error(`not ready: ${plan.status}`);
    return applyStopMove({ desk: core.desk, audit: deps.stores.audit, clock }, ADMIN, plan);
  };

  it('GIVEN two ES longs WHEN moved, moved again to the same stop, and closed between check and move THEN moved, unchanged, gone', async () => {
    await quote('ES', '4749.75', '4750.00');
    const [a, b] = [await open('ES LONG 4750 STOP 4740 T1 4770'), await open('ES LONG 4750 STOP 4740 T1 4770')];
    await quote('ES', '4753.00', '4753.25');

    const first = await apply(planStopMove(core.desk, 'ES', 4745 * M));
    expect(first.moved.map((m) => [m.position.id, m.from, m.to])).toEqual([[a, '4740', '4745'], [b, '4740', '4745']]);
    expect(notices.filter((n) => n.kind === 'stop_moved')).toHaveLength(2);

    const again = await apply(planStopMove(core.desk, 'ES', 4745 * M));
    expect(again).toMatchObject({ moved: [], gone: [] });
    expect(again.unchanged.map((p) => p.id)).toEqual([a, b]);

    const plan = planStopMove(core.desk, 'ES', 4746 * M);
    await quote('ES', '4744.00', '4744.25'); // both stops (4745) fill before the move is applied
    const late = await apply(plan);
    expect(late).toMatchObject({ moved: [], unchanged: [] });
    expect(late.gone.map((p) => p.id)).toEqual([a, b]);
    expect(core.desk.openPositionIds()).toEqual([]);
  });

  it('GIVEN a position with no quote yet WHEN its stop is moved THEN it moves, unchecked, and says so', async () => {
    const rty = await open('RTY LONG 2050 STOP 2040');
    const plan = planStopMove(core.desk, 'RTY', 2060 * M); // above the entry: no quote to say whether it is through
    const done = await apply(plan);
    expect(done.moved.map((m) => [m.position.id, m.to])).toEqual([[rty, '2060']]);
    expect(done.unmarked.map((p) => p.id)).toEqual([rty]);
  });

  it('GIVEN a long and a stop through its bid WHEN planned THEN nothing is ready, and the prices are given', async () => {
    await quote('ES', '4749.75', '4750.00');
    await open('ES LONG 4750 STOP 4740');
    await quote('ES', '4753.00', '4753.25');
    expect(planStopMove(core.desk, 'ES', 4753.1 * M)).toMatchObject({ status: 'through_market', problems: [{ stop: '4753', mark: '4753' }] });
    expect(planStopMove(core.desk, 'NQ', 16_000 * M)).toEqual({ status: 'nothing_open', symbol: 'NQ' });
  });
});
