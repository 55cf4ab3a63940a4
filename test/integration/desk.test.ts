import { beforeEach, describe, expect, it } from 'vitest';
import { createStores } from '../../src/adapters/store/index.js';
import { createLogger } from '../../src/adapters/log/logger.js';
import { startTradingCore, type TradingCore } from '../../src/app/core.js';
import { TradingDesk, type LinkExitLookup } from '../../src/app/trading/desk.js';
import type { AppDeps, NewSignal, Notice, StoredSignal } from '../../src/app/ports.js';
import { TestClock } from '../../src/domain/clock.js';
import { testCoreConfig } from '../support/core-config.js';
import { testDatabaseKinds, useDatabase } from '../support/databases.js';
import { eventually } from '../support/app-harness.js';
import { futuresMessage } from '../support/signals.js';

/** Friday 2026-11-20 10:00 New York: CME Globex and US options both open. */
const FRIDAY_OPEN = Date.parse('2026-11-20T15:00:00Z');
/** Saturday 2026-11-21 12:00 New York: everything closed until Sunday 18:00 (23:00 UTC). */
const SATURDAY = Date.parse('2026-11-21T17:00:00Z');
const SUNDAY_OPEN = Date.parse('2026-11-22T23:00:00Z');
/** Thursday 2026-11-19 10:00 New York, and the next CME session's open (Thursday 18:00 New York). */
const THURSDAY_OPEN = Date.parse('2026-11-19T15:00:00Z');
const FRIDAY_SESSION_OPEN = Date.parse('2026-11-19T23:00:00Z');
const log = createLogger({ level: 'silent' });

describe.each(testDatabaseKinds())('trading desk on $name', (kind) => {
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
  });

  async function start(env: Record<string, string> = {}, linkExits: LinkExitLookup | null = null): Promise<void> {
    core = await startTradingCore(deps, testCoreConfig(env), log, linkExits);
  }

  async function alert(text: string, channelKind: NewSignal['channelKind'] = 'futures', extra: Partial<NewSignal> = {}): Promise<StoredSignal> {
    seq += 1;
    const { signal } = await core.pipeline.ingest({
      source: 'discord', externalId: `m-${seq}`, channelKind, channelId: '1', channelName: `twi_${channelKind}`, guildId: '9',
      authorId: '7', authorName: 'jmoney', rawText: text, postedAtMs: clock.nowMs(), messageUrl: null, ...extra,
    }, true);
    await core.pipeline.drain();
    await core.desk.drain();
    const stored = await deps.stores.signals.get(signal.id);
    if (!stored) throw new Error('signal vanished');
    return stored;
  }

  function quote(symbol: string, bid: string, ask: string): Promise<void> {
    core.desk.push({ symbol, bid, ask, last: null, ts: new Date(clock.nowMs()).toISOString() });
    return core.desk.drain();
  }

  it('GIVEN a limit of 2 contracts per trade WHEN an A-size alert asks for 3 THEN it is rejected with the code, the numbers and a notice', async () => {
    await start({ MAX_CONTRACTS_PER_TRADE: '2' });
    const s = await alert('🚨 ES long 4750: A\nStop: 4745');
    expect(s).toMatchObject({ status: 'rejected', reasonCode: 'MAX_CONTRACTS_PER_TRADE', reason: '3 contracts exceeds the limit of 2 per trade' });
    expect(notices).toEqual([expect.objectContaining({ kind: 'order_rejected', reasonCode: 'MAX_CONTRACTS_PER_TRADE' })]);
    expect(await deps.stores.trades.openPositions()).toEqual([]);
  });

  it('GIVEN the kill switch WHEN an entry and then an exit arrive THEN the entry is refused and the exit still gets the trader flat', async () => {
    await start();
    await quote('ES', '4749.75', '4750.00');
    expect((await alert('ES LONG 4750 STOP 4745')).status).toBe('executed');
    core.desk.killSwitch = { on: true, reason: 'manual halt' };
    expect(await alert('NQ LONG 16000 STOP 15950')).toMatchObject({ status: 'rejected', reasonCode: 'KILL_SWITCH', reason: 'the kill switch is on (manual halt)' });
    expect((await alert('ES out')).status).toBe('executed');
    expect(await deps.stores.trades.openPositions()).toEqual([]);
    const [closed] = await deps.stores.trades.closedPositions(null);
    // Bought 4750.25 (ask + 1 tick), sold 4749.50 (bid − 1 tick): −3 ticks × $12.50 − 2 × $0.62.
    expect(closed).toMatchObject({ symbol: 'ES', realizedGrossCents: -3750, commissionCents: 124 });
  });

  it('GIVEN market hours are enforced WHEN an alert comes on Saturday THEN it is rejected, saying when the market opens', async () => {
    clock.set(SATURDAY);
    await start({ ENFORCE_MARKET_HOURS: 'true' });
    expect(await alert('ES LONG 4750 STOP 4745')).toMatchObject({
      status: 'rejected', reasonCode: 'MARKET_CLOSED', reason: 'the cme-globex market is closed; it opens 2026-11-22 23:00 UTC',
    });
  });

  it('GIVEN QUEUE_OUTSIDE_HOURS WHEN an alert comes on Saturday THEN it is queued, and executed at the open (also after a restart)', async () => {
    clock.set(SATURDAY);
    await start({ ENFORCE_MARKET_HOURS: 'true', QUEUE_OUTSIDE_HOURS: 'true' });
    const queued = await alert('ES LONG 4750 STOP 4745');
    expect(queued).toMatchObject({ status: 'queued', reasonCode: 'MARKET_CLOSED' });
    core.pipeline.stopTimers();
    clock.set(SUNDAY_OPEN + 60_000);
    await start({ ENFORCE_MARKET_HOURS: 'true', QUEUE_OUTSIDE_HOURS: 'true' });
    expect(await core.pipeline.resume()).toBe(1);
    await core.pipeline.drain();
    await core.desk.drain();
    expect((await deps.stores.signals.get(queued.id))?.status).toBe('executed');
    expect((await deps.stores.trades.openPositions()).map((p) => p.symbol)).toEqual(['ES']);
  });

  it('GIVEN an alert queued on Saturday WHEN the bot comes back only on Wednesday THEN it is stale, not bought days late', async () => {
    clock.set(SATURDAY);
    await start({ ENFORCE_MARKET_HOURS: 'true', QUEUE_OUTSIDE_HOURS: 'true' });
    const queued = await alert('ES LONG 4750 STOP 4745');
    core.pipeline.stopTimers();
    clock.set(Date.parse('2026-11-25T15:00:00Z')); // Wednesday 10:00 New York: the session opened Tuesday 18:00
    await start({ ENFORCE_MARKET_HOURS: 'true', QUEUE_OUTSIDE_HOURS: 'true' });
    expect(await core.pipeline.resume()).toBe(1);
    await core.pipeline.drain();
    await core.desk.drain();
    expect(await deps.stores.signals.get(queued.id)).toMatchObject({ status: 'rejected', reasonCode: 'STALE_ALERT' });
    expect(await deps.stores.trades.openPositions()).toEqual([]);
  });

  it('GIVEN an alert queued on Saturday WHEN the bot restarts on Sunday before the open THEN it stays queued (not stale)', async () => {
    clock.set(SATURDAY);
    await start({ ENFORCE_MARKET_HOURS: 'true', QUEUE_OUTSIDE_HOURS: 'true' });
    const queued = await alert('ES LONG 4750 STOP 4745');
    core.pipeline.stopTimers();
    clock.set(SUNDAY_OPEN - 3600_000);
    await start({ ENFORCE_MARKET_HOURS: 'true', QUEUE_OUTSIDE_HOURS: 'true' });
    expect(await core.pipeline.resume()).toBe(1);
    await core.pipeline.drain();
    expect(await deps.stores.signals.get(queued.id)).toMatchObject({ status: 'queued', reasonCode: 'MARKET_CLOSED' });
    core.pipeline.stopTimers();
  });

  it('GIVEN an alert queued on Saturday WHEN the bot is stopped at the open THEN it is not released: ignored, BOT_STOPPED', async () => {
    clock.set(SATURDAY);
    const env = { ENFORCE_MARKET_HOURS: 'true', QUEUE_OUTSIDE_HOURS: 'true' };
    core = await startTradingCore(deps, testCoreConfig(env, ['7']), log);
    const queued = await alert('ES LONG 4750 STOP 4745');
    core.pipeline.stopTimers();
    expect(await core.control.stop({ userId: '7', userName: 'admin', roleIds: [], interactionId: null })).toMatchObject({ status: 'success' });
    clock.set(SUNDAY_OPEN + 60_000);
    expect(await core.pipeline.resume()).toBe(1);
    await core.pipeline.drain();
    expect(await deps.stores.signals.get(queued.id)).toMatchObject({ status: 'ignored', reasonCode: 'BOT_STOPPED' });
    expect(await deps.stores.trades.openPositions()).toEqual([]);
  });

  it('GIVEN the queue is held (start-up, while Discord connects) WHEN signals arrive THEN they are stored but not acted on until it opens, resumed ones first', async () => {
    await start();
    const message = (externalId: string, rawText: string): NewSignal => ({ source: 'discord', externalId, channelKind: 'futures',
      channelId: '1', channelName: 'twi_futures', guildId: '9', authorId: '7', authorName: 'jmoney', rawText, postedAtMs: clock.nowMs(), messageUrl: null });
    const long = await deps.stores.signals.insert(message('crash-1', 'ES LONG 4750 STOP 4745')); // stored, then the process died
    clock.advance(5_000);
    await start();
    await quote('ES', '4749.75', '4750.00');
    const open = core.pipeline.hold();
    expect(await core.pipeline.resume()).toBe(1);
    const out = await core.pipeline.ingest(message('m-out', 'ES out'), true);
    await new Promise((r) => setTimeout(r, 50));
    expect((await deps.stores.signals.get(long.signal.id))?.status).toBe('received');
    expect((await deps.stores.signals.get(out.signal.id))?.status).toBe('received');
    open();
    await core.pipeline.drain();
    await core.desk.drain();
    expect((await deps.stores.signals.get(long.signal.id))?.status).toBe('executed');
    expect((await deps.stores.signals.get(out.signal.id))?.status).toBe('executed');
    expect(await deps.stores.trades.openPositions()).toEqual([]);
  });

  it('GIVEN a daily loss limit with flattening WHEN open P&L crosses it THEN admins are told, positions are flattened, and new entries refused', async () => {
    await start({ MAX_DAILY_LOSS: '500', FLATTEN_ON_DAILY_LOSS: 'true', BASE_CONTRACTS: '2' });
    await quote('ES', '4749.75', '4750.00');
    await alert('ES LONG 4750 STOP 4700');
    clock.advance(5_000);
    await quote('ES', '4744.00', '4744.25');
    const hit = await eventually(() => notices.find((n) => n.kind === 'daily_loss_limit'));
    expect(hit).toMatchObject({ flattened: 1 });
    await core.desk.drain();
    expect(await deps.stores.trades.openPositions()).toEqual([]);
    expect((await alert('NQ LONG 16000 STOP 15950')).reasonCode).toBe('DAILY_LOSS_LIMIT');
  });

  it('GIVEN a position carried overnight at a gain WHEN today gives back more than the limit THEN the limit is hit, also after a restart', async () => {
    const env = { MAX_DAILY_LOSS: '1000', BASE_CONTRACTS: '2' };
    clock.set(THURSDAY_OPEN);
    await start(env);
    await quote('ES', '4749.75', '4750.00');
    expect((await alert('ES LONG 4750 STOP 4700')).status).toBe('executed');
    await quote('ES', '4790.00', '4790.25'); // +$3,975 from entry by Thursday's close
    clock.set(FRIDAY_SESSION_OPEN + 60_000);
    await quote('ES', '4790.00', '4790.25'); // the Friday session's first mark
    const session = await eventually(async () => {
      const marks = await deps.stores.sessionMarks.load(FRIDAY_SESSION_OPEN);
      return marks.size === 1 ? marks : undefined;
    });
    expect([...session.values()]).toEqual([4_790_000_000]);
    core.pipeline.stopTimers();
    await start(env); // a restart mid-session keeps the session's mark
    clock.advance(5_000);
    await quote('ES', '4778.00', '4778.25'); // still +$2,775 from entry, but −$1,200 today
    const hit = await eventually(() => notices.find((n) => n.kind === 'daily_loss_limit'));
    expect(hit).toMatchObject({ description: expect.stringContaining('-$1,200.00') });
    expect((await alert('NQ LONG 16000 STOP 15950')).reasonCode).toBe('DAILY_LOSS_LIMIT');
  });

  it('GIVEN a cool-down after 2 losses WHEN the losses are days apart THEN the streak still counts (old history pruned, streak kept)', async () => {
    await start({ COOLDOWN_AFTER_LOSSES: '2', COOLDOWN_MINUTES: '60' });
    const lose = async () => {
      await quote('ES', '4749.75', '4750.00');
      expect((await alert('ES LONG 4750 STOP 4740')).status).toBe('executed');
      await quote('ES', '4739.00', '4739.25');
    };
    await lose();
    clock.advance(5 * 24 * 3600 * 1000);
    await lose();
    expect(await alert('ES LONG 4741 STOP 4730')).toMatchObject({ status: 'rejected', reasonCode: 'SYMBOL_COOLDOWN' });
    expect((await alert('NQ LONG 16000 STOP 15950')).status).toBe('executed');
  });

  it('GIVEN an options position WHEN "STC … 50%" arrives THEN half is sold and the rest stays open', async () => {
    await start();
    expect((await alert('BTO 2 SPY 480C 1/29 @ 2.50', 'options')).status).toBe('executed');
    expect((await alert('STC SPY 480C 1/29 @ 3.00 50%', 'options')).status).toBe('executed');
    const [open] = await deps.stores.trades.openPositions();
    // Entry at 2.51 (alert price + 1 cent, no quote), half sold at 2.99: 48 ticks × $1 − 2 × $0.65.
    expect(open).toMatchObject({ symbol: 'SPY270129C00480000', qtyOpen: 1, qtyEntered: 2, avgEntry: '2.51', realizedGrossCents: 4800 });
  });

  it('GIVEN two SPY calls and a put WHEN "STC SPY calls" names no strike THEN both calls close at their quotes and the put stays', async () => {
    await start();
    expect((await alert('BTO 1 SPY 480C 1/29 @ 2.50', 'options')).status).toBe('executed');
    expect((await alert('BTO 1 SPY 485C 1/29 @ 1.20', 'options')).status).toBe('executed');
    expect((await alert('BTO 1 SPY 470P 1/29 @ 1.80', 'options')).status).toBe('executed');
    await quote('SPY270129C00480000', '3.00', '3.10');
    await quote('SPY270129C00485000', '1.50', '1.60');
    const close = await alert('STC SPY calls @ 3.05', 'options');
    expect(close).toMatchObject({ status: 'executed', confidence: 0.81 });
    expect((await deps.stores.trades.openPositions()).map((p) => p.symbol)).toEqual(['SPY270129P00470000']);
  });

  it('GIVEN a TradingView link with SL/target % WHEN its alert has no stop THEN the link\'s levels bracket the position', async () => {
    const linkExits: LinkExitLookup = (id) => Promise.resolve(id === 7 ? { stopPercent: 1, targetPercents: [2], trailing: null } : null);
    await start({}, linkExits);
    await quote('ES', '4999.75', '5000.00');
    const s = await alert('{"ticker":"ES1!","action":"buy","contracts":1}', 'tradingview', { source: 'tradingview', externalId: '7:abc' });
    expect(s.status).toBe('executed');
    const [p] = await deps.stores.trades.openPositions();
    // Entry 5000.25; 1% below = 4950.2475 → 4950.25; 2% above = 5100.255 → 5100.25.
    expect(p).toMatchObject({ avgEntry: '5000.25', stop: '4950.25', targets: ['5100.25'] });
  });

  it('GIVEN a day of trading WHEN a new desk loads the journal THEN its engine state equals the live one exactly', async () => {
    await start({ BASE_CONTRACTS: '3' });
    await quote('ES', '4749.75', '4750.00');
    await alert('ES LONG 4750 STOP 4745 T1 4755 T2 4760');
    await quote('NQ', '16250.25', '16250.50');
    await alert('NQ SHORT 16250 STOP 16275 T1 16225');
    clock.advance(60_000);
    await quote('ES', '4755.00', '4755.25');
    await quote('NQ', '16224.75', '16225.00');
    await alert('BTO 3 QQQ 380C 1/29 @ 1.75', 'options');
    const reloaded = new TradingDesk(deps, core.desk.config, log);
    await reloaded.load();
    expect(reloaded.paperEngine.state()).toEqual(core.desk.paperEngine.state());
    expect(reloaded.paperEngine.account().realizedNetCents).toBe(core.desk.paperEngine.account().realizedNetCents);
    expect(core.desk.paperEngine.state().orders.length).toBeGreaterThanOrEqual(5);
  });

  it('GIVEN a fill whose DM is still being sent WHEN the next alert comes THEN it is traded at once (its record is stored after that DM)', async () => {
    let release!: () => void;
    const sent = new Promise<void>((r) => { release = r; });
    deps.notifier = { notify: async (n) => { notices.push(n); if (notices.length === 1) await sent; } };
    await start();
    await quote('ES', '4749.75', '4750.00');
    await quote('NQ', '16249.75', '16250.00');
    const ingest = (text: string) => core.pipeline.ingest(futuresMessage(`m-${++seq}`, text, clock.nowMs()), true);
    await ingest('ES LONG 4750 STOP 4745');
    await ingest('NQ LONG 16250 STOP 16230');
    await eventually(() => (core.desk.openPositionIds().length === 2 ? true : undefined), 5000, 'the NQ alert traded while the ES DM waits');
    expect(notices.map((n) => n.kind)).toEqual(['entry_filled']);
    release();
    await core.pipeline.drain();
    await core.desk.drain();
    expect(notices.map((n) => n.kind)).toEqual(['entry_filled', 'entry_filled']);
    expect((await deps.stores.trades.openPositions()).map((p) => p.symbol)).toEqual(['ES', 'NQ']);
  });
});
