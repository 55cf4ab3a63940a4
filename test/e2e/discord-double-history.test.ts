import { once } from 'node:events';
import { Client, DiscordAPIError, Events, GatewayIntentBits, Partials, SnowflakeUtil, type Message, type TextChannel } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { startDiscordDouble, type DiscordDouble } from '../support/discord-double/index.js';

// The double's history, edits and session faults, as the real discord.js client sees them.
const TRADER = { id: '310000000000000001', username: 'trader_jo' };
const within5s = (): { signal: AbortSignal } => ({ signal: AbortSignal.timeout(5000) });

let double: DiscordDouble | undefined;
let client: Client | undefined;

afterEach(async () => {
  await client?.destroy();
  await double?.close();
  client = undefined;
  double = undefined;
});

async function connected(): Promise<{ d: DiscordDouble; c: Client<true> }> {
  const d = await startDiscordDouble();
  double = d;
  const c = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent],
    partials: [Partials.Channel, Partials.Message],
    rest: { api: d.apiBase },
  });
  client = c;
  const ready = once(c, Events.ClientReady, within5s());
  await c.login(d.token);
  await ready;
  return { d, c: c as Client<true> };
}

function futures(d: DiscordDouble, c: Client): TextChannel {
  return c.channels.cache.get(d.guilds.channelId('twi_futures')) as TextChannel;
}

describe('discord double: history, edits and expired sessions', () => {
  it('GIVEN messages backdated while nobody listened WHEN listed after/before an id THEN pages come in id order, ids carrying their time', async () => {
    const { d, c } = await connected();
    const now = Date.now();
    const seen: string[] = [];
    c.on(Events.MessageCreate, (m) => seen.push(m.id));
    const live = d.postMessage({ channel: 'twi_futures', author: TRADER, content: 'now' });
    const hourAgo = d.postMessage({ channel: 'twi_futures', author: TRADER, content: 'an hour ago', postedAtMs: now - 3_600_000 });
    const twoHoursAgo = d.postMessage({ channel: 'twi_futures', author: TRADER, content: 'two hours ago', postedAtMs: now - 7_200_000 });
    expect(SnowflakeUtil.timestampFrom(hourAgo.id)).toBe(now - 3_600_000);
    expect(hourAgo.timestamp).toBe(new Date(now - 3_600_000).toISOString());
    const after = await futures(d, c).messages.fetch({ after: twoHoursAgo.id, limit: 1 });
    expect([...after.keys()]).toEqual([hourAgo.id]);
    const before = await futures(d, c).messages.fetch({ before: live.id, limit: 100 });
    expect([...before.keys()]).toEqual([hourAgo.id, twoHoursAgo.id]); // newest first, like Discord
    await expect.poll(() => seen.length).toBe(3); // backdating changes the time, not the delivery
  });

  it('WHEN a user edits a message THEN MESSAGE_UPDATE carries the whole message with edited_timestamp; a redelivery repeats it', async () => {
    const { d, c } = await connected();
    const posted = d.postMessage({ channel: 'twi_futures', author: TRADER, content: 'ES LONG 4750 STOP 4745' });
    await expect.poll(() => futures(d, c).messages.cache.has(posted.id)).toBe(true);
    const updates: { old: string | null; content: string; edited: number | null }[] = [];
    c.on(Events.MessageUpdate, (old, m) => updates.push({ old: old.content, content: m.content ?? '', edited: m.editedTimestamp }));
    const edited = d.editMessage(posted.id, 'ES LONG 4750 STOP 4740');
    d.redeliver(posted.id, 'MESSAGE_UPDATE');
    await expect.poll(() => updates.length).toBe(2);
    expect(updates[0]).toEqual({ old: 'ES LONG 4750 STOP 4745', content: 'ES LONG 4750 STOP 4740', edited: Date.parse(edited.editedTimestamp ?? '') });
    expect(updates[1]?.edited).toBe(updates[0]?.edited);
    expect(() => d.editMessage(d.guilds.channelId('twi_futures'), 'x')).toThrow(/no message/);
  });

  it('GIVEN an uncached message WHEN it is edited THEN a client with message partials still gets the update, whole', async () => {
    const { d, c } = await connected();
    const posted = d.postMessage({ channel: 'twi_futures', author: TRADER, content: 'old', postedAtMs: Date.now() - 60_000 });
    await expect.poll(() => futures(d, c).messages.cache.has(posted.id)).toBe(true);
    futures(d, c).messages.cache.clear(); // as after a restart
    const update = once(c, Events.MessageUpdate, within5s()) as Promise<[Message, Message]>;
    d.editMessage(posted.id, 'new');
    const [old, updated] = await update;
    expect(old.partial).toBe(true);
    expect({ partial: updated.partial, content: updated.content, author: updated.author.id }).toEqual({ partial: false, content: 'new', author: TRADER.id });
  });

  it('WHEN sessions expire THEN the client identifies anew (shardReady again), and what was posted meanwhile is only in history', async () => {
    const { d, c } = await connected();
    const seen: string[] = [];
    c.on(Events.MessageCreate, (m) => seen.push(m.content));
    // discord.js waits out Discord's identify limit (one per 5 s) before identifying again.
    const readyAgain = once(c, Events.ShardReady, { signal: AbortSignal.timeout(10_000) });
    d.expireSessions();
    const missed = d.postMessage({ channel: 'twi_futures', author: TRADER, content: 'while cut off' });
    await readyAgain;
    d.postMessage({ channel: 'twi_futures', author: TRADER, content: 'after' });
    await expect.poll(() => seen).toEqual(['after']);
    expect(d.gatewayConnections.map((g) => g.path)).toEqual(['/gateway', '/gateway-resume', '/gateway']);
    expect([...(await futures(d, c).messages.fetch({ limit: 10 })).keys()]).toContain(missed.id);
  }, 15_000);

  it('GIVEN a channel denied WHEN its history is read THEN 403 / 50001 Missing Access; a held request waits for its release', async () => {
    const { d, c } = await connected();
    d.denyChannelAccess('twi_futures');
    const denied = await futures(d, c).messages.fetch({ limit: 5 }).catch((e: unknown) => e);
    expect(denied).toBeInstanceOf(DiscordAPIError);
    expect(denied).toMatchObject({ status: 403, code: 50001 });
    d.denyChannelAccess('twi_futures', false);
    const hold = d.holdRequests('GET', /^\/channels\/\d+\/messages$/);
    let answered = false;
    const reading = futures(d, c).messages.fetch({ limit: 5 }).then(() => { answered = true; });
    await hold.caught;
    await new Promise((r) => setTimeout(r, 100));
    expect(answered).toBe(false);
    hold.release();
    await reading;
    expect(answered).toBe(true);
  });
});
