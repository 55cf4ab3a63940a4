import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, ADMIN_ROLE_ID, JMONEY, ROLE_ADMIN, TRADER, eventually, healthUrl, startHarness, type Harness } from '../support/app-harness.js';
import type { Json } from '../support/discord-double/index.js';

type Field = { name: string; value: string };
const fieldsOf = (embed: Json | undefined): Record<string, string> =>
  Object.fromEntries(((embed?.fields as Field[] | undefined) ?? []).map((f) => [f.name, f.value]));

describe('the first vertical slice, end to end through the Discord test double', () => {
  let h: Harness;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'ts-e2e-'));
    h = await startHarness({ database: { url: null, dataDir } });
  });
  afterAll(async () => {
    await h.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('GIVEN the bot started WHEN it is ready THEN its slash commands are registered to the guild with one bulk overwrite', () => {
    const names = h.double.registeredCommands(h.double.guilds.guildId).map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['bot', 'positions']));
    const puts = h.double.requests.filter((r) => r.method === 'PUT' && r.path.includes('/commands'));
    expect(puts).toHaveLength(1);
  });

  it('GIVEN the bot is ready WHEN /healthz is asked THEN it answers 200 naming every component', async () => {
    const res = await fetch(healthUrl(h.app));
    expect(res.status).toBe(200);
    const body = await res.json() as Record<string, { state: string }>;
    expect(body).toMatchObject({
      status: 'ok', discord: { state: 'connected' }, database: { state: 'ok', instanceLock: 'held' }, brokers: { state: 'ok' },
      quoteFeed: { state: 'disabled' }, bot: { state: 'running' }, mode: { state: 'paper' },
    });
  });

  it('GIVEN nothing traded yet WHEN anyone runs /bot status THEN an embed shows running, mode, uptime and counts', async () => {
    const reply = await h.double.runCommand({ name: 'bot', subcommand: 'status', user: TRADER }).response();
    const embed = reply.embeds[0];
    expect(embed?.title).toBe('TradeStream is running');
    expect(fieldsOf(embed)).toMatchObject({ State: '🟢 Running', Mode: 'paper', 'Alerts today': '0', 'Open positions': '0' });
    expect(fieldsOf(embed).Uptime).toMatch(/\d+s/);
    expect(fieldsOf(embed)).toMatchObject({ Database: 'ok', 'Quote feed': 'disabled', Brokers: 'ok' });
    expect(fieldsOf(embed)['Gateway latency']).toMatch(/^(\d+ ms|—)$/);
    expect(reply.ackMs).toBeLessThan(3000);
  });

  it('GIVEN a classic futures alert WHEN posted in the futures channel THEN a paper position opens and the admin gets a DM embed', async () => {
    const posted = h.double.postMessage({ channel: 'twi_futures', author: JMONEY, content: 'ES LONG 4750 STOP 4745 T1 4755 T2 4760' });
    const dm = await h.double.waitForDm(ADMIN.id, (m) => String(m.embeds[0]?.title).startsWith('ES LONG'));
    const fields = fieldsOf(dm.embeds[0]);
    expect(fields).toMatchObject({ Symbol: 'ES', Side: 'long', Quantity: '1', 'Fill price': '4750.25 (alert price: no quote yet)', Stop: '4745', Targets: '4755 / 4760' });
    expect(fields.Source).toContain(`/channels/${h.double.guilds.guildId}/${posted.channelId}/${posted.id}`);
  });

  it('GIVEN the JMoney form with size A WHEN posted THEN it opens 3 × C contracts at its price with its stop', async () => {
    h.double.postMessage({ channel: 'twi_futures', author: JMONEY, content: 'Morning all\n🚨 ES long 6326: A\nStop: 6316\n@everyone' });
    const dm = await h.double.waitForDm(ADMIN.id, (m) => fieldsOf(m.embeds[0])['Fill price'] === '6326.25 (alert price: no quote yet)');
    expect(fieldsOf(dm.embeds[0])).toMatchObject({ Symbol: 'ES', Side: 'long', Quantity: '3', Stop: '6316', Size: 'A' });
  });

  it('GIVEN open positions WHEN /positions is run THEN each is listed with entry, stop and targets', async () => {
    const reply = await h.double.runCommand({ name: 'positions', user: TRADER }).response();
    const values = Object.entries(fieldsOf(reply.embeds[0])).map(([name, value]) => `${name}\n${value}`).join('\n');
    expect(values).toMatch(/ES LONG 1\nentry 4750\.25 · mark — \(no quote yet\)\nstop 4745 · targets T1 4755 \/ T2 4760/);
    expect(values).toMatch(/ES LONG 3\nentry 6326\.25 · mark — \(no quote yet\)\nstop 6316 · targets —/);
    const choices = await h.double.autocomplete({ name: 'positions', focused: 'symbol', options: { symbol: 'e' }, user: TRADER });
    expect(choices).toEqual([{ name: 'ES', value: 'ES' }]);
  });

  it('GIVEN a message already processed WHEN Discord redelivers it after a restart THEN no second order is made', async () => {
    const posted = h.double.postMessage({ channel: 'twi_futures', author: JMONEY, content: 'NQ SHORT 16250.50 STOP 16275 T1 16225 T2 16200' });
    await h.double.waitForDm(ADMIN.id, (m) => String(m.embeds[0]?.title).startsWith('NQ SHORT'));
    // discord.js drops a MESSAGE_CREATE whose id it has cached; a fresh client (after a restart or
    // reconnect) is where a redelivery really reaches the bot.
    await h.restart();
    const outcomes: string[] = [];
    const ingest = h.app.pipeline.ingest.bind(h.app.pipeline);
    h.app.pipeline.ingest = async (signal, acceptNew) => {
      const result = await ingest(signal, acceptNew);
      outcomes.push(result.status);
      return result;
    };
    h.double.redeliver(posted.id);
    await eventually(() => (outcomes.length >= 1 ? outcomes : undefined));
    expect(outcomes).toEqual(['duplicate']);
    await h.app.pipeline.drain();
    const nq = await h.app.control.status().then((s) => s.openPositions.filter((p) => p.symbol === 'NQ'));
    expect(nq).toHaveLength(1);
    expect(h.double.dmsTo(ADMIN.id).filter((m) => String(m.embeds[0]?.title).startsWith('NQ SHORT'))).toHaveLength(1);
  });

  it('GIVEN chatter in the futures channel WHEN posted THEN it is stored as not an alert and makes no order', async () => {
    const before = (await h.app.control.status()).openPositions.length;
    const chatter = h.double.postMessage({ channel: 'twi_futures', author: TRADER, content: 'ES looking strong today, who is long?' });
    const stored = await eventually(async () => {
      const recent = await h.app.control.status().then(() => h.app.pipeline.drain()).then(() => recentSignal(h, chatter.id));
      return recent?.status === 'received' ? undefined : recent;
    });
    expect(stored.status).toBe('not_alert');
    expect((await h.app.control.status()).openPositions.length).toBe(before);
  });

  it('GIVEN messages from other channels, from bots, system messages, or DMs WHEN posted THEN nothing is stored', async () => {
    const others = [
      // A thread named after an alert: Discord posts "thread created" (type 18) with the name as its text.
      h.double.postMessage({ channel: 'twi_futures', author: JMONEY, content: 'ES LONG 4750 STOP 4745', type: 18 }),
      h.double.postMessage({ channel: 'twi_futures', author: JMONEY, content: '', type: 6 }),
      h.double.postMessage({ channel: 'general', author: JMONEY, content: 'ES LONG 4750 STOP 4745' }),
      h.double.postMessage({ channel: 'twi_futures', author: { id: '300000000000000001', username: 'otherbot', bot: true }, content: 'ES LONG 4750 STOP 4745' }),
      h.double.postDm({ author: JMONEY, content: 'ES LONG 4750 STOP 4745' }),
    ];
    await new Promise((r) => setTimeout(r, 300));
    await h.app.pipeline.drain();
    for (const m of others) expect(await recentSignal(h, m.id)).toBeUndefined();
  });

  it('GIVEN a non-admin WHEN they run /bot stop THEN they get an ephemeral refusal, the bot keeps running, and the attempt is audited', async () => {
    const handle = h.double.runCommand({ name: 'bot', subcommand: 'stop', user: TRADER, roles: ['members'] });
    const reply = await handle.response();
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toContain('Only TradeStream admins');
    expect(reply.deferred).toBe(false);
    expect(h.app.control.isRunning()).toBe(true);
    const audit = await eventually(async () => (await auditTrail(h)).find((a) => a.interactionId === handle.id));
    expect(audit).toMatchObject({ actorId: TRADER.id, action: 'bot.stop', allowed: false });
  });

  it('GIVEN an admin stops the bot WHEN an alert arrives THEN it is stored as ignored with the reason, and /bot start resumes', async () => {
    const stop = await h.double.runCommand({ name: 'bot', subcommand: 'stop', user: ADMIN }).response();
    expect(stop.content).toBe('Bot stopped.');
    expect(stop.ephemeral).toBe(false);
    const ignored = h.double.postMessage({ channel: 'twi_futures', author: JMONEY, content: 'YM LONG 39000 STOP 38950 T1 39050' });
    const stored = await eventually(() => recentSignal(h, ignored.id));
    expect(stored).toMatchObject({ status: 'ignored', reasonCode: 'BOT_STOPPED', reason: 'the bot is stopped' });
    expect((await h.app.control.status()).openPositions.some((p) => p.symbol === 'YM')).toBe(false);

    const start = await h.double.runCommand({ name: 'bot', subcommand: 'start', user: ROLE_ADMIN, roles: [ADMIN_ROLE_ID] }).response();
    expect(start.content).toBe('Bot started.');
    h.double.postMessage({ channel: 'twi_futures', author: JMONEY, content: 'YM LONG 39000 STOP 38950 T1 39050' });
    await h.double.waitForDm(ADMIN.id, (m) => String(m.embeds[0]?.title).startsWith('YM LONG'));
  });

  it('GIVEN an alert queued before /bot stop WHEN the bot stops THEN that work still finishes', async () => {
    h.double.postMessage({ channel: 'twi_futures', author: JMONEY, content: 'RTY LONG 2050.5 STOP 2040 T1 2060' });
    await h.double.runCommand({ name: 'bot', subcommand: 'stop', user: ADMIN }).response();
    await h.double.waitForDm(ADMIN.id, (m) => String(m.embeds[0]?.title).startsWith('RTY LONG'));
  });

  it('GIVEN the bot is stopped WHEN the process restarts THEN it is still stopped, and start works again', async () => {
    expect(h.app.control.isRunning()).toBe(false);
    await h.restart();
    expect(h.app.control.isRunning()).toBe(false);
    const status = await h.double.runCommand({ name: 'bot', subcommand: 'status', user: TRADER }).response();
    expect(status.embeds[0]?.title).toBe('TradeStream is stopped');
    expect(fieldsOf(status.embeds[0])['Open positions']).toBe('5');
    await h.double.runCommand({ name: 'bot', subcommand: 'start', user: ADMIN }).response();
    expect(h.app.control.isRunning()).toBe(true);
  });
});

async function recentSignal(h: Harness, messageId: string) {
  const rows = await h.app.pipeline.drain().then(() => h.app.database.db.query.signals.findFirst({
    where: (s, { and, eq }) => and(eq(s.source, 'discord'), eq(s.externalId, messageId)),
  }));
  return rows ?? undefined;
}

describe('INSTANCE_LOCK=false (for a transaction-mode pooler)', () => {
  it('GIVEN the lock turned off WHEN the bot is ready THEN it holds none, and /healthz says so', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'ts-e2e-nolock-'));
    const h = await startHarness({ database: { url: null, dataDir }, env: { INSTANCE_LOCK: 'false' } });
    try {
      const body = await (await fetch(healthUrl(h.app))).json() as Record<string, unknown>;
      expect(body.database).toMatchObject({ state: 'ok', instanceLock: 'none' });
      expect(existsSync(path.join(dataDir, 'tradestream.sock'))).toBe(false);
    } finally {
      await h.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

async function auditTrail(h: Harness) {
  return h.app.database.db.query.auditLog.findMany({ orderBy: (a, { desc }) => [desc(a.id)], limit: 20 });
}
