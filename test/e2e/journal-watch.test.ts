import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/adapters/log/logger.js';
import { createStores } from '../../src/adapters/store/index.js';
import { startTradingCore, type TradingCore } from '../../src/app/core.js';
import type { Notice } from '../../src/app/ports.js';
import { testCoreConfig } from '../support/core-config.js';
import { ADMIN, TRADER, eventually, startHarness, type Harness } from '../support/app-harness.js';
import { titled } from '../support/control-helpers.js';

/**
 * Another TradeStream on the bot's database (INSTANCE_LOCK=false, or a deploy that overlapped)
 * trades an alert only it got — a TradingView webhook reaches one process — and then goes away.
 * The bot finds the position at its next look at the journal, shows it, and exits it at its stop.
 */
describe('a position another bot on the database opened, end to end', () => {
  let h: Harness;
  let other: TradingCore;
  const otherNotices: Notice[] = [];
  const clock = { nowMs: () => Date.now() };
  const quote = async (core: { push: TradingCore['desk']['push']; drain: () => Promise<void> }, bid: string, ask: string) => {
    core.push({ symbol: 'ES', bid, ask, last: null, ts: new Date().toISOString() });
    await core.drain();
  };

  beforeAll(async () => {
    h = await startHarness({ clock, start: { journalWatchEveryMs: 50 } });
    const deps = { stores: createStores(h.app.database, () => Date.now()), clock,
      notifier: { notify: (n: Notice) => { otherNotices.push(n); return Promise.resolve(); } } };
    other = await startTradingCore(deps, testCoreConfig(), createLogger({ level: 'silent' }));
  });
  afterAll(async () => {
    other.desk.stop();
    await h.close();
  });

  it('GIVEN the other bot opened ES and stopped WHEN the bot looks THEN /positions shows it, and the stop exits it with a DM', async () => {
    await quote(h.app.desk, '4749.75', '4750.00');
    await quote(other.desk, '4749.75', '4750.00');
    await other.pipeline.ingest({
      source: 'tradingview', externalId: '1:only-the-other-bot', channelKind: 'tradingview', channelId: null, channelName: null, guildId: null,
      authorId: null, authorName: 'TradingView', rawText: 'ES LONG 4750 STOP 4745', postedAtMs: Date.now(), messageUrl: null,
    }, true);
    await other.pipeline.drain();
    await other.desk.drain();
    expect(otherNotices.map((n) => n.kind)).toEqual(['entry_filled']);
    other.desk.stop(); // gone: from here on only the bot gets quotes

    await eventually(() => (h.app.desk.openPositionIds().length === 1 ? true : undefined), 5_000, 'the bot to find the position');
    const reply = await h.double.runCommand({ name: 'positions', user: TRADER, options: { symbol: 'ES' } }).response();
    expect(reply.embeds[0]?.title).toBe('Open positions · ES');
    expect(JSON.stringify(reply.embeds)).toContain('4745');

    await quote(h.app.desk, '4744.75', '4745.00');
    const dm = await h.double.waitForDm(ADMIN.id, titled('ES LONG ·'));
    expect(String(dm.embeds[0]?.title)).toMatch(/stop/i);
    expect(h.app.desk.openPositionIds()).toEqual([]);
  });
});
