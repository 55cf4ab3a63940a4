import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Events } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, JMONEY, TRADER, eventually, startHarness, type Harness } from '../support/app-harness.js';
import { fieldsOf, signalOf, titled } from '../support/control-helpers.js';
import type { Clock } from '../../src/domain/clock.js';
import type { UserSpec } from '../support/discord-double/index.js';

const MINUTE = 60_000;
const FUTURES_HISTORY = /^\/channels\/\d+\/messages$/;

/**
 * The bot, with a database that outlives restarts, against the Discord double: started before the
 * calling describe's tests and closed after them. The returned harness stands for the running one.
 */
function useHarness(env: Record<string, string> = {}, clock?: Clock): Harness {
  let running: Harness | null = null;
  let dataDir = '';
  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'ts-catch-up-'));
    running = await startHarness({ database: { url: null, dataDir }, env, ...(clock ? { clock } : {}) });
  });
  afterAll(async () => {
    await running?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return new Proxy({} as Harness, {
    get(_target, key) {
      if (running === null) throw new Error('the bot runs only inside the describe\'s tests');
      return Reflect.get(running, key) as unknown;
    },
  });
}

/** Restart the bot; `whileDown` runs while it is down (its users keep posting). Resolves with what it returned. */
async function restartAfter<T>(h: Harness, whileDown: () => T): Promise<T> {
  let result: { value: T } | undefined;
  await h.restart(() => { result = { value: whileDown() }; });
  if (!result) throw new Error('whileDown did not run');
  return result.value;
}

async function settled(h: Harness): Promise<void> {
  await h.app.pipeline.drain();
  await h.app.desk.drain();
}

const openSymbols = async (h: Harness) => (await h.app.control.status()).openPositions.map((p) => p.symbol).sort();
const historyReads = (h: Harness) => h.double.requests.filter((r) => r.method === 'GET' && FUTURES_HISTORY.test(r.path)).length;

describe('catching up on alert channels after the bot was away', () => {
  const h = useHarness();

  it('GIVEN alerts posted while the bot was down WHEN it restarts THEN each is stored once, oldest first: a fresh one traded, an old one stale', async () => {
    // Seen live, 30 minutes old on arrival: stored (stale), and where the catch-up starts.
    const seen = h.double.postMessage({ channel: 'twi_futures', author: JMONEY, content: 'MES LONG 5000 STOP 4990 T1 5010', postedAtMs: Date.now() - 30 * MINUTE });
    await eventually(async () => ((await signalOf(h, seen.id))?.status === 'stale' ? true : undefined));
    const post = (content: string, author: UserSpec = JMONEY, agoMs = 0) =>
      h.double.postMessage({ channel: 'twi_futures', author, content, postedAtMs: Date.now() - agoMs });
    const { old, chatter, bot, fresh } = await restartAfter(h, () => ({
      old: post('MNQ LONG 18000 STOP 17950 T1 18050', JMONEY, 10 * MINUTE),
      chatter: post('anyone watching ES?', TRADER, 5 * MINUTE),
      bot: post('M2K LONG 2050 STOP 2040', { id: '399999999999999999', username: 'otherbot', bot: true }),
      fresh: post('MYM LONG 39000 STOP 38950 T1 39050'),
    }));
    await settled(h);
    const [oldRow, chatterRow, freshRow] = [await signalOf(h, old.id), await signalOf(h, chatter.id), await signalOf(h, fresh.id)];
    expect(oldRow).toMatchObject({ status: 'stale', reasonCode: 'STALE_ALERT' });
    expect(chatterRow?.status).toBe('not_alert');
    expect(freshRow?.status).toBe('executed');
    expect(await signalOf(h, bot.id)).toBeUndefined();
    expect([oldRow?.id, chatterRow?.id, freshRow?.id]).toEqual([...[oldRow?.id, chatterRow?.id, freshRow?.id]].sort((a, b) => Number(a) - Number(b)));
    expect(await openSymbols(h)).toEqual(['MYM']);

    // Restarting again reads the same history: nothing is stored or traded twice.
    await h.restart();
    await settled(h);
    const rows = await h.app.database.db.query.signals.findMany({ where: (s, { eq }) => eq(s.externalId, fresh.id) });
    expect(rows).toHaveLength(1);
    expect(await openSymbols(h)).toEqual(['MYM']);
  });

  it('GIVEN a message the catch-up will read WHEN Discord also delivers it live meanwhile THEN it is stored and traded once', async () => {
    const hold = h.double.holdRequests('GET', FUTURES_HISTORY);
    const restarting = restartAfter(h, () => ({
      both: h.double.postMessage({ channel: 'twi_futures', author: JMONEY, content: 'M2K LONG 2050 STOP 2040 T1 2060' }),
      onlyHistory: h.double.postMessage({ channel: 'twi_futures', author: JMONEY, content: 'RTY LONG 2050 STOP 2040 T1 2060' }),
    }));
    await hold.caught; // the catch-up is reading history; Discord delivers the message live now
    const both = h.double.channelMessages('twi_futures').find((m) => m.content === 'M2K LONG 2050 STOP 2040 T1 2060');
    if (!both) throw new Error('the message was not posted');
    h.double.redeliver(both.id);
    await new Promise((r) => setTimeout(r, 200));
    hold.release();
    const { onlyHistory } = await restarting;
    await settled(h);
    const rows = await h.app.database.db.query.signals.findMany({ where: (s, { eq }) => eq(s.externalId, both.id) });
    expect(rows.map((r) => r.status)).toEqual(['executed']);
    expect((await signalOf(h, onlyHistory.id))?.id).toBeGreaterThan(rows[0]?.id ?? Infinity);
    expect((await h.app.control.status()).openPositions.filter((p) => p.symbol === 'M2K')).toHaveLength(1);
  });

  it('GIVEN the bot may not read a channel\'s history WHEN it restarts THEN it starts, warns, and still catches up the other channel', async () => {
    const live = h.double.postMessage({ channel: 'twi_options', author: JMONEY, content: 'options chatter seen live' });
    await eventually(async () => ((await signalOf(h, live.id)) ? true : undefined));
    const { futures, options } = await restartAfter(h, () => {
      h.double.denyChannelAccess('twi_futures');
      return {
        futures: h.double.postMessage({ channel: 'twi_futures', author: JMONEY, content: 'chatter nobody can read back' }),
        options: h.double.postMessage({ channel: 'twi_options', author: JMONEY, content: 'options chatter read back' }),
      };
    });
    h.double.denyChannelAccess('twi_futures', false);
    await settled(h);
    expect(h.double.requests.some((r) => r.method === 'GET' && FUTURES_HISTORY.test(r.path) && r.status === 403)).toBe(true);
    expect(await signalOf(h, futures.id)).toBeUndefined();
    expect((await signalOf(h, options.id))?.status).toBe('not_alert');
    expect((await fetch(`http://127.0.0.1:${h.app.httpPort}/healthz`)).status).toBe(200);
    const dm = await h.double.waitForDm(ADMIN.id, titled('Missed messages in #twi_futures'));
    expect(dm.embeds[0]?.description).toBe('TradeStream cannot read the message history of #twi_futures, so what was posted there while it '
      + 'was away was not read. Grant it View Channel and Read Message History in that channel.');
  });

  it('GIVEN more messages posted while the bot was down than a catch-up reads WHEN it restarts THEN it reads the newest, and tells the admins the rest went unread', async () => {
    const live = h.double.postMessage({ channel: 'twi_futures', author: JMONEY, content: 'futures chatter seen live' });
    await eventually(async () => ((await signalOf(h, live.id)) ? true : undefined));
    const posted = await restartAfter(h, () => Array.from({ length: 510 }, (_, i) =>
      h.double.postMessage({ channel: 'twi_futures', author: JMONEY, content: `busy morning ${i}` })));
    await settled(h);
    expect(await signalOf(h, posted[9]!.id)).toBeUndefined(); // the oldest ten of the gap were not read
    expect((await signalOf(h, posted[10]!.id))?.status).toBe('not_alert');
    const dm = await h.double.waitForDm(ADMIN.id, (m) => titled('Missed messages in #twi_futures')(m)
      && String(m.embeds[0]?.description).includes('newest 500')); // not the earlier test's
    expect(dm.embeds[0]?.description).toBe('TradeStream was away, and read only the newest 500 messages posted in #twi_futures meanwhile. '
      + 'Older ones were not read.');
    expect(fieldsOf(dm.embeds[0])['What to do']).toContain('check /positions, and use /close or /move-stop');
  });

  it('GIVEN a resumed gateway session THEN no history is read (Discord replays); GIVEN a fresh session THEN what was missed is caught up', async () => {
    const reads = historyReads(h);
    const resumed = once(h.app.client, Events.ShardResume, { signal: AbortSignal.timeout(5000) });
    h.double.dropConnections();
    await resumed;
    const replayed = h.double.postMessage({ channel: 'twi_futures', author: JMONEY, content: 'posted after the resume' });
    await eventually(async () => ((await signalOf(h, replayed.id)) ? true : undefined));
    expect(historyReads(h)).toBe(reads);

    h.double.expireSessions();
    const missed = h.double.postMessage({ channel: 'twi_futures', author: JMONEY, content: 'NQ LONG 16000 STOP 15950 T1 16050' });
    // discord.js waits out Discord's identify limit (5 s) before its new session.
    const row = await eventually(async () => {
      const r = await signalOf(h, missed.id);
      return r && r.status !== 'received' ? r : undefined;
    }, 12_000, 'the missed alert to be caught up');
    expect(row.status).toBe('executed');
    expect(historyReads(h)).toBeGreaterThan(reads);
  }, 20_000);

  it('GIVEN a Discord outage of the guild WHEN it is available again THEN what was posted meanwhile is caught up and traded once', async () => {
    const guild = () => h.app.client.guilds.cache.get(h.double.guilds.guildId);
    const reads = historyReads(h);
    h.double.guildOutage();
    await eventually(() => (guild()?.available === false ? true : undefined), 5000, 'the guild to be unavailable');
    const during = h.double.postMessage({ channel: 'twi_futures', author: JMONEY, content: 'ES LONG 4750 STOP 4745 T1 4755' });
    await new Promise((r) => setTimeout(r, 200));
    expect(await signalOf(h, during.id)).toBeUndefined(); // never delivered live

    h.double.guildOutage(h.double.guilds.guildId, false);
    const row = await eventually(async () => {
      const r = await signalOf(h, during.id);
      return r && r.status !== 'received' ? r : undefined;
    }, 5000, 'the alert posted during the outage to be caught up');
    expect(row.status).toBe('executed');
    expect(guild()?.available).toBe(true);
    expect(historyReads(h)).toBeGreaterThan(reads);
    await settled(h);
    expect((await openSymbols(h)).filter((s) => s === 'ES')).toEqual(['ES']);
  });
});

describe('an exit posted while the bot was down for longer than an alert stays fresh', () => {
  let skewMs = 0;
  const h = useHarness({}, { nowMs: () => Date.now() + skewMs });

  it('GIVEN an open position WHEN its exit is too old once the bot is back THEN the position stays open, and the DM says so and how to follow', async () => {
    const entry = h.double.postMessage({ channel: 'twi_futures', author: JMONEY, content: 'RTY LONG 2050 STOP 2040' });
    await eventually(async () => ((await signalOf(h, entry.id))?.status === 'executed' ? true : undefined));
    const exit = await restartAfter(h, () => {
      const posted = h.double.postMessage({ channel: 'twi_futures', author: JMONEY, content: 'RTY out' });
      skewMs = 10 * MINUTE; // the bot is back ten minutes later
      return posted;
    });
    await settled(h);
    expect(await signalOf(h, exit.id)).toMatchObject({ status: 'stale', reasonCode: 'STALE_ALERT' });
    expect(await openSymbols(h)).toEqual(['RTY']);
    const dm = await h.double.waitForDm(ADMIN.id, (m) => m.embeds[0]?.title === 'Order rejected' && String(m.embeds[0]?.description).includes('RTY out'));
    expect(fieldsOf(dm.embeds[0]).Reason).toMatch(
      /^STALE_ALERT: posted 60\d s ago; the limit is 120 s, so it was not followed\. Still open: #P\d+ RTY LONG 1\. Use \/close or \/move-stop/);
  });

  it('GIVEN no open position WHEN an old exit or an old entry is read THEN each is stale, and nobody gets a DM for it', async () => {
    const before = h.double.dmsTo(ADMIN.id).length;
    const { exit, entry } = await restartAfter(h, () => {
      const posted = { exit: h.double.postMessage({ channel: 'twi_futures', author: JMONEY, content: 'NQ out' }),
        entry: h.double.postMessage({ channel: 'twi_futures', author: JMONEY, content: 'M2K LONG 2050 STOP 2040' }) };
      skewMs += 10 * MINUTE;
      return posted;
    });
    await settled(h);
    expect(await signalOf(h, exit.id)).toMatchObject({ status: 'stale' });
    expect(await signalOf(h, entry.id)).toMatchObject({ status: 'stale' });
    expect(h.double.dmsTo(ADMIN.id)).toHaveLength(before);
  });
});

describe('a channel the bot never stored anything from', () => {
  const h = useHarness();

  it('GIVEN messages posted before the bot ever stored one there WHEN it starts THEN they are not backfilled; it watches from now', async () => {
    const before = await restartAfter(h, () => h.double.postMessage({ channel: 'twi_futures', author: JMONEY, content: 'MES LONG 5000 STOP 4990 T1 5010' }));
    await settled(h);
    expect(await signalOf(h, before.id)).toBeUndefined();
    expect(historyReads(h)).toBe(0);
    expect(await openSymbols(h)).toEqual([]);
    const after = h.double.postMessage({ channel: 'twi_futures', author: JMONEY, content: 'chatter after the start' });
    await eventually(async () => ((await signalOf(h, after.id)) ? true : undefined));

    // Its edit is ignored too: it was never an alert to the bot.
    h.double.editMessage(before.id, 'MES LONG 5000 STOP 4995 T1 5010');
    await new Promise((r) => setTimeout(r, 300));
    await settled(h);
    const rows = await h.app.database.db.query.signals.findMany({ where: (s, { like }) => like(s.externalId, `${before.id}%`) });
    expect(rows).toEqual([]);
  });
});

describe('catching up with an author allow-list of server nicknames', () => {
  const h = useHarness({ ALERT_AUTHORS: 'The Caller' });

  it('GIVEN messages read back over REST (which carry no member) WHEN caught up THEN the allowed author is known by nickname, as live', async () => {
    const live = h.double.postMessage({ channel: 'twi_futures', author: JMONEY, nick: 'The Caller', content: 'good morning' });
    await eventually(async () => ((await signalOf(h, live.id)) ? true : undefined));
    const { caller, stranger } = await restartAfter(h, () => ({
      caller: h.double.postMessage({ channel: 'twi_futures', author: JMONEY, content: 'MES LONG 5000 STOP 4990 T1 5010' }),
      stranger: h.double.postMessage({ channel: 'twi_futures', author: TRADER, content: 'MNQ LONG 18000 STOP 17950 T1 18050' }),
    }));
    await settled(h);
    expect(await signalOf(h, caller.id)).toMatchObject({ status: 'executed', authorName: 'The Caller' });
    expect((await signalOf(h, live.id))?.authorName).toBe('The Caller');
    expect(await signalOf(h, stranger.id)).toBeUndefined();
  });
});
