import { ChannelType, Collection, DiscordAPIError, type Client } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { CATCH_UP_WINDOW_MS, catchUpChannels, fetchSince, snowflakeAt } from '../../../src/adapters/discord/channel-catch-up.js';
import type { MonitorConfig } from '../../../src/adapters/discord/message-signal.js';
import type { Log, Notice } from '../../../src/app/ports.js';

const NOW = Date.parse('2026-11-20T15:00:00Z');
const CONFIG: MonitorConfig = { futuresChannels: ['twi_futures'], optionsChannels: ['twi_options'], alertAuthors: [] };

/** History as Discord serves it: ids 1…n, a page of at most `limit` newest first below `before`. */
function history(n: number): { fetchPage: (before: string | undefined) => Promise<{ id: string }[]>; requests: (string | undefined)[] } {
  const requests: (string | undefined)[] = [];
  const ids = Array.from({ length: n }, (_, i) => i + 1);
  return {
    requests,
    fetchPage: (before) => {
      requests.push(before);
      const below = ids.filter((id) => before === undefined || id < Number(before));
      return Promise.resolve(below.slice(-100).reverse().map((id) => ({ id: String(id) })));
    },
  };
}

const ids = (messages: { id: string }[]) => messages.map((m) => Number(m.id));

describe('reading what was posted after a message id', () => {
  it('GIVEN a small gap WHEN read THEN one request, the messages after the id, oldest first', async () => {
    const h = history(50);
    const { messages, capped } = await fetchSince(h.fetchPage, '45', 500);
    expect(ids(messages)).toEqual([46, 47, 48, 49, 50]);
    expect(capped).toBe(false);
    expect(h.requests).toEqual([undefined]);
  });

  it('GIVEN a gap over several pages WHEN read THEN it pages back with `before` until it reaches the id', async () => {
    const h = history(350);
    const { messages } = await fetchSince(h.fetchPage, '20', 500);
    expect(ids(messages)).toEqual(Array.from({ length: 330 }, (_, i) => i + 21));
    expect(h.requests).toEqual([undefined, '251', '151', '51']);
  });

  it('GIVEN more than the cap WHEN read THEN the newest `cap` (the ones still fresh enough to trade), marked capped', async () => {
    const h = history(1_000);
    const { messages, capped } = await fetchSince(h.fetchPage, '0', 250);
    expect(ids(messages)).toEqual(Array.from({ length: 250 }, (_, i) => i + 751));
    expect(capped).toBe(true);
    expect(h.requests).toHaveLength(3);
  });

  it('GIVEN exactly the cap, its start in sight THEN all, not capped; more maybe beyond THEN capped; no history THEN nothing', async () => {
    expect(await fetchSince(history(180).fetchPage, '0', 180)).toMatchObject({ capped: false, messages: { length: 180 } });
    expect(await fetchSince(history(200).fetchPage, '0', 200)).toMatchObject({ capped: true, messages: { length: 200 } });
    expect(await fetchSince(history(0).fetchPage, '0', 200)).toEqual({ messages: [], capped: false });
  });

  it('GIVEN an instant WHEN made a snowflake THEN every message of that millisecond or later has a larger id', () => {
    const atMs = BigInt(NOW - 1_420_070_400_000) << 22n;
    expect(BigInt(snowflakeAt(NOW))).toBe(atMs);
    expect(BigInt(snowflakeAt(NOW))).toBeLessThanOrEqual(atMs | 0x3fffffn);
    expect(BigInt(snowflakeAt(NOW - 1))).toBeLessThan(atMs);
    expect(snowflakeAt(0)).toBe('0');
  });
});

type Line = { level: string; obj: Record<string, unknown>; msg: string };
function recordingLog(): Log & { lines: Line[] } {
  const lines: Line[] = [];
  const note = (level: string) => (obj: object, msg?: string) => { lines.push({ level, obj: obj as Record<string, unknown>, msg: msg ?? '' }); };
  return { lines, debug: note('debug'), info: note('info'), warn: note('warn'), error: note('error') };
}

function apiError(status: number, code: number): DiscordAPIError {
  return new DiscordAPIError({ code, message: 'Missing Access' }, code, status, 'GET', '/channels/1/messages', {});
}

/** A client whose cache holds the given text channels; their history fetch does what `fetch` says. */
function clientWith(channels: { id: string; name: string; fetch: (o: { before?: string }) => Promise<Collection<string, never>> }[]): Client {
  const cache = new Collection(channels.map((c) => [c.id, { id: c.id, name: c.name, type: ChannelType.GuildText, messages: { fetch: c.fetch } }]));
  return { channels: { cache } } as unknown as Client;
}

async function catchUp(client: Client, latest: (channelId: string) => string | null, notices: Notice[] = []) {
  const log = recordingLog();
  await catchUpChannels(client, {
    config: CONFIG, log, nowMs: () => NOW, stopped: () => false,
    sink: { ingest: () => Promise.reject(new Error('nothing to store')) },
    signals: { latestDiscordMessageId: (id) => Promise.resolve(latest(id)), byExternalId: () => Promise.resolve(null) },
    notify: (notice) => { notices.push(notice); return Promise.resolve(); },
  });
  return log.lines;
}

describe('catching up the alert channels', () => {
  const empty = () => Promise.resolve(new Collection<string, never>());

  it('GIVEN no history readable (50001, 50013) or Discord failing WHEN catching up THEN a warning (or an error) per channel, never a throw', async () => {
    const client = clientWith([
      { id: '1', name: 'twi_futures', fetch: () => Promise.reject(apiError(403, 50001)) },
      { id: '2', name: 'TWI_Options', fetch: () => Promise.reject(apiError(403, 50013)) },
      { id: '3', name: 'general', fetch: () => Promise.reject(new Error('never read: not an alert channel')) },
    ]);
    const notices: Notice[] = [];
    const lines = await catchUp(client, () => '5', notices);
    expect(lines.map((l) => [l.level, l.obj.channel])).toEqual([['warn', 'twi_futures'], ['warn', 'TWI_Options']]);
    expect(lines[0]?.msg).toContain('cannot read this alert channel\'s history');
    const failing = clientWith([{ id: '1', name: 'twi_futures', fetch: () => Promise.reject(apiError(500, 0)) }]);
    expect((await catchUp(failing, () => '5', notices)).map((l) => [l.level, l.msg])).toEqual([['error', 'alert channel catch-up failed']]);
    expect(notices).toEqual([
      { kind: 'catch_up_incomplete', channelName: 'twi_futures', why: 'no_history_access', read: 0 },
      { kind: 'catch_up_incomplete', channelName: 'TWI_Options', why: 'no_history_access', read: 0 },
      { kind: 'catch_up_incomplete', channelName: 'twi_futures', why: 'failed', read: 0 },
    ]);
  });

  it('GIVEN nothing stored for a channel WHEN catching up THEN its history is not read, and one line says so', async () => {
    let reads = 0;
    const client = clientWith([{ id: '1', name: 'twi_futures', fetch: () => { reads += 1; return empty(); } }]);
    const lines = await catchUp(client, () => null);
    expect(reads).toBe(0);
    expect(lines).toEqual([{ level: 'info', obj: { channel: 'twi_futures', channelId: '1', caughtUp: 0 }, msg: expect.stringContaining('watching it from now') }]);
  });

  it('GIVEN the newest stored message is older than the window WHEN catching up THEN it reads from the window\'s start, one line per channel', async () => {
    const client = clientWith([{ id: '1', name: 'twi_futures', fetch: empty }, { id: '2', name: 'twi_options', fetch: empty }]);
    const weekOld = snowflakeAt(NOW - 7 * 24 * 3600_000);
    const lines = await catchUp(client, (id) => (id === '1' ? weekOld : snowflakeAt(NOW - 60_000)));
    expect(lines.map((l) => [l.level, l.msg, l.obj.channel, l.obj.caughtUp, l.obj.after, l.obj.windowCut])).toEqual([
      ['info', 'alert channel caught up', 'twi_futures', 0, snowflakeAt(NOW - CATCH_UP_WINDOW_MS), true],
      ['info', 'alert channel caught up', 'twi_options', 0, snowflakeAt(NOW - 60_000), false],
    ]);
  });
});
