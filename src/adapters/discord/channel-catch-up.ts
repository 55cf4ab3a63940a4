import { ChannelType, DiscordAPIError, type Client, type Message, type NewsChannel, type TextChannel } from 'discord.js';
import { channelKindOf, ingestWithRetry, messageSignal, type MonitorDeps } from './message-signal.js';

/**
 * How far back a catch-up reads: 24 hours, the longest MAX_ALERT_AGE_SECONDS allows, so every
 * message that could still be fresh is read; anything older would only be stored as stale.
 */
export const CATCH_UP_WINDOW_MS = 24 * 60 * 60 * 1000;
/** At most this many messages per channel (five pages): a flood is cut at its oldest end. */
export const CATCH_UP_MAX_MESSAGES = 500;
/** Discord's page size limit for GET /channels/{id}/messages. */
const PAGE = 100;
/** Missing Access, Missing Permissions: the bot may not read the channel's history. */
const NO_HISTORY_CODES = new Set([50001, 50013]);
const DISCORD_EPOCH_MS = 1_420_070_400_000n;

export interface CatchUpDeps extends MonitorDeps {
  /** True once the bot is shutting down: the catch-up ends at its next message. */
  stopped: () => boolean;
}

type HistoryChannel = TextChannel | NewsChannel;

/** The smallest snowflake of an instant: every message posted at or after it has a larger id. */
export function snowflakeAt(ms: number): string {
  const sinceEpochMs = BigInt(Math.trunc(ms)) - DISCORD_EPOCH_MS;
  return (sinceEpochMs > 0n ? sinceEpochMs << 22n : 0n).toString();
}

const later = (a: string, b: string): string => (BigInt(a) >= BigInt(b) ? a : b);

/**
 * Messages with an id above `afterId`, oldest first, at most `cap` of them — the newest when
 * there are more (they are the ones still fresh enough to trade). Pages backwards from the
 * newest (`before`), so a cut drops the oldest end of the gap rather than its newest. `capped`:
 * the cap ended the read before `afterId` was in sight (more may have been posted).
 */
export async function fetchSince<T extends { id: string }>(fetchPage: (before: string | undefined) => Promise<T[]>, afterId: string,
  cap: number): Promise<{ messages: T[]; capped: boolean }> {
  const floor = BigInt(afterId);
  const found: T[] = [];
  let before: string | undefined;
  for (;;) {
    const page = [...await fetchPage(before)].sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1));
    const newer = page.filter((m) => BigInt(m.id) > floor);
    found.push(...newer);
    const reachedFloor = newer.length < page.length || page.length < PAGE;
    if (found.length >= cap) return { messages: found.slice(0, cap).reverse(), capped: !reachedFloor || found.length > cap };
    if (reachedFloor) return { messages: found.reverse(), capped: false };
    before = page.at(-1)?.id;
  }
}

/** Every cached guild text or announcement channel that is an alert channel (of one guild, when given). */
function watchedChannels(client: Client, deps: CatchUpDeps, guildId: string | undefined): HistoryChannel[] {
  return [...client.channels.cache.values()].filter((c): c is HistoryChannel =>
    (c.type === ChannelType.GuildText || c.type === ChannelType.GuildAnnouncement) && (guildId === undefined || c.guildId === guildId)
    && channelKindOf(c.id, c.name, deps.config) !== null);
}

/**
 * Catch up every alert channel in turn, or those of one guild. Never throws for one channel:
 * each failure is logged.
 */
export async function catchUpChannels(client: Client, deps: CatchUpDeps, guildId?: string): Promise<void> {
  for (const channel of watchedChannels(client, deps, guildId)) {
    if (deps.stopped()) return;
    await catchUpChannel(channel, deps).catch(async (err: unknown) => {
      const denied = err instanceof DiscordAPIError && NO_HISTORY_CODES.has(Number(err.code));
      const at = { channel: channel.name, channelId: channel.id, err };
      if (denied) deps.log.warn(at, 'cannot read this alert channel\'s history (grant View Channel and Read Message History): not caught up');
      else deps.log.error(at, 'alert channel catch-up failed');
      await deps.notify({ kind: 'catch_up_incomplete', channelName: channel.name, why: denied ? 'no_history_access' : 'failed', read: 0 });
    });
  }
}

/**
 * Read what was posted after the newest message stored for the channel (within the window and
 * the cap) and ingest it oldest first, as live messages are: same filters, same pipeline.
 * A channel with nothing stored is new to the bot: it is watched from now, not backfilled.
 */
async function catchUpChannel(channel: HistoryChannel, deps: CatchUpDeps): Promise<void> {
  const at = { channel: channel.name, channelId: channel.id };
  const newest = await deps.signals.latestDiscordMessageId(channel.id);
  if (newest === null) {
    deps.log.info({ ...at, caughtUp: 0 }, 'alert channel has nothing stored yet: watching it from now, no catch-up');
    return;
  }
  const after = later(newest, snowflakeAt(deps.nowMs() - CATCH_UP_WINDOW_MS));
  // Not cached: a page holds messages seen long before too, up to 500 per channel would sit in
  // memory for nothing, and an edit of one arrives whole anyway (Partials.Message).
  const { messages, capped } = await fetchSince(
    async (before) => [...(await channel.messages.fetch({ limit: PAGE, cache: false, ...(before ? { before } : {}) })).values()],
    after, CATCH_UP_MAX_MESSAGES);
  const counts = await ingestAll(messages, deps);
  const line = { ...at, ...counts, read: messages.length, after, windowCut: after !== newest, capped };
  if (!capped) {
    deps.log.info(line, 'alert channel caught up');
    return;
  }
  deps.log.warn(line, `alert channel caught up on its newest ${CATCH_UP_MAX_MESSAGES} messages only: older ones in the gap were not read`);
  if (!deps.stopped()) await deps.notify({ kind: 'catch_up_incomplete', channelName: channel.name, why: 'capped', read: messages.length });
}

async function ingestAll(messages: Message[], deps: CatchUpDeps): Promise<{ caughtUp: number; duplicates: number }> {
  const counts = { caughtUp: 0, duplicates: 0 };
  const askedFor = new Set<string>();
  for (const message of messages) {
    if (deps.stopped()) break;
    await knowMember(message, askedFor);
    const signal = messageSignal(message, deps.config);
    if (signal === null) continue;
    const result = await ingestWithRetry(deps.sink, signal, deps.log);
    // The database is not answering: the rest would fail too; the next fresh session tries again.
    if (result === null) break;
    if (result.status === 'duplicate') counts.duplicates += 1;
    else counts.caughtUp += 1;
  }
  return counts;
}

/**
 * Messages read over REST carry no member, unlike live ones: fetch the author's (once each,
 * then cached) so the allow-list and the author name use their server nickname as for a live
 * message. Without it the message is judged by user id and names alone.
 */
async function knowMember(message: Message, askedFor: Set<string>): Promise<void> {
  if (message.author.bot || !message.inGuild() || message.member !== null || askedFor.has(message.author.id)) return;
  askedFor.add(message.author.id); // one try per author: one who left the server stays unknown
  await message.guild.members.fetch(message.author.id).catch(() => undefined);
}
