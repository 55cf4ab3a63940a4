import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/adapters/log/logger.js';
import { createStores } from '../../src/adapters/store/index.js';
import { ReportRepository } from '../../src/adapters/store/report-repo.js';
import { startTradingCore, type TradingCore } from '../../src/app/core.js';
import type { NewSignal } from '../../src/app/ports.js';
import { testCoreConfig } from '../support/core-config.js';
import { ADMIN, startHarness, type Harness } from '../support/app-harness.js';
import { button } from '../support/trading-session.js';

/**
 * /move-stop and /close right after another TradeStream on the bot's database traded
 * (INSTANCE_LOCK=false, or a deploy that overlapped), before the bot's journal watch has run:
 * the command acts on what the store holds — the position the other bot opened is found, one
 * it closed is not closed twice — instead of answering "nothing open" or failing on a refused write.
 */
describe('admin commands on positions another bot on the database traded', () => {
  let h: Harness;
  let other: TradingCore;
  const clock = { nowMs: () => Date.now() };
  const signal = (key: string, rawText: string): NewSignal => ({
    source: 'tradingview', externalId: `1:${key}`, channelKind: 'tradingview', channelId: null, channelName: null, guildId: null,
    authorId: null, authorName: 'TradingView', rawText, postedAtMs: Date.now(), messageUrl: null,
  });
  const quoteBoth = async (symbol: string, bid: string, ask: string) => {
    for (const desk of [h.app.desk, other.desk]) {
      desk.push({ symbol, bid, ask, last: null, ts: new Date().toISOString() });
      await desk.drain();
    }
  };
  const otherTrades = async (key: string, text: string) => {
    await other.pipeline.ingest(signal(key, text), true);
    await other.pipeline.drain();
    await other.desk.drain();
  };

  beforeAll(async () => {
    // The journal watch is off here (an hour), so only the commands themselves can find the other bot's trades.
    h = await startHarness({ clock, start: { journalWatchEveryMs: 3_600_000 } });
    const deps = { stores: createStores(h.app.database, () => Date.now()), clock, notifier: { notify: () => Promise.resolve() } };
    other = await startTradingCore(deps, testCoreConfig(), createLogger({ level: 'silent' }));
    await quoteBoth('ES', '4749.75', '4750.00');
    await quoteBoth('NQ', '16249.75', '16250.00');
  });
  afterAll(async () => {
    other.desk.stop();
    await h.close();
  });

  it('GIVEN the other bot just opened ES WHEN an admin moves its stop THEN the stop moves on the position the store holds', async () => {
    await otherTrades('es-open', 'ES LONG 4750 STOP 4740');
    expect(h.app.desk.openPositionIds()).toEqual([]); // the bot has not looked yet

    const reply = await h.double.runCommand({ name: 'move-stop', user: ADMIN, options: { symbol: 'ES', to: '4745' } }).response();
    expect(reply.ephemeral).toBeFalsy();
    expect(JSON.stringify(reply.embeds)).toContain('4745');
    const [id] = h.app.desk.openPositionIds();
    expect(h.app.desk.position(String(id))?.stop).toBe('4745');
  });

  it('GIVEN a /close NQ confirmation shown WHEN the other bot closes NQ before Confirm THEN Confirm finds nothing to close, and NQ is closed once', async () => {
    await otherTrades('nq-open', 'NQ LONG 16250 STOP 16200');
    const prompt = await h.double.runCommand({ name: 'close', user: ADMIN, options: { symbol: 'NQ' } }).response();
    const confirmId = String(button(prompt.components, 'Confirm close (1)')?.custom_id);
    expect(confirmId).toMatch(/^close:confirm:NQ:/);
    const nq = String(h.app.desk.openPositionIds().find((id) => h.app.desk.position(id)?.symbol === 'NQ'));
    await other.desk.catchUp();
    await other.desk.closePositions([nq], 'manual');
    await other.desk.drain();

    const done = await h.double.clickButton({ message: prompt, customId: confirmId, user: ADMIN }).response();
    expect(done.embeds[0]?.title).toBe('Nothing to close');
    expect(h.app.desk.storeProblem).toBeNull();
    const closes = (await new ReportRepository(h.app.database.db).fillsOf([nq])).filter((f) => f.side === 'sell');
    expect(closes).toHaveLength(1);
  });

  it('GIVEN a /close ES confirmation shown WHEN the other bot opens a second ES before Confirm THEN the admin is asked again, with both', async () => {
    const prompt = await h.double.runCommand({ name: 'close', user: ADMIN, options: { symbol: 'ES' } }).response();
    const confirmId = String(button(prompt.components, 'Confirm close (1)')?.custom_id);
    expect(confirmId).toMatch(/^close:confirm:ES:/);
    await otherTrades('es-second', 'ES LONG 4751 STOP 4741'); // another price: not a duplicate of the first
    expect(other.desk.openPositionIds()).toHaveLength(2);

    const asked = await h.double.clickButton({ message: prompt, customId: confirmId, user: ADMIN }).response();
    expect(asked.content).toBe('⚠️ The open positions changed since this was asked. Confirm again to close these:');
    expect(button(asked.components, 'Confirm close (2)')).toBeDefined();
    expect(h.app.desk.openPositionIds()).toHaveLength(2);
  });
});
