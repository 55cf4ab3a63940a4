import type { Message, PartialMessage } from 'discord.js';
import type { ChannelKind } from '../../domain/alerts/types.js';
import type { Log, NewSignal, Notifier, SignalStore } from '../../app/ports.js';
import type { IngestResult } from '../../app/pipeline.js';

export interface MonitorConfig {
  futuresChannels: string[];
  optionsChannels: string[];
  /** Allowed author ids or names; empty = everyone. */
  alertAuthors: string[];
}

export interface SignalSink {
  ingest(signal: NewSignal): Promise<IngestResult>;
}

export interface MonitorDeps {
  config: MonitorConfig;
  sink: SignalSink;
  /** Where a catch-up starts, and the original an edit corrects. */
  signals: Pick<SignalStore, 'latestDiscordMessageId' | 'byExternalId'>;
  log: Log;
  nowMs: () => number;
  /** Tells the admins when a catch-up could not read all that was missed. */
  notify: Notifier['notify'];
}

/** Which alert channel a message was posted in, by id or (case-insensitive) name. */
export function channelKindOf(channelId: string, channelName: string | null, config: MonitorConfig): ChannelKind | null {
  const name = channelName?.toLowerCase() ?? null;
  const matches = (entries: string[]) => entries.some((e) => e === channelId || (name !== null && e.toLowerCase() === name));
  if (matches(config.futuresChannels)) return 'futures';
  if (matches(config.optionsChannels)) return 'options';
  return null;
}

/** Which alert channel a message (or a partial update of one) was posted in. */
export function messageChannelKind(message: Pick<Message | PartialMessage, 'channelId' | 'channel'>, config: MonitorConfig): ChannelKind | null {
  return channelKindOf(message.channelId, 'name' in message.channel ? message.channel.name : null, config);
}

export function authorAllowed(message: Pick<Message, 'author' | 'member'>, allowed: string[]): boolean {
  if (allowed.length === 0) return true;
  const names = [message.author.id, message.author.username, message.author.globalName, message.member?.displayName]
    .filter((n): n is string => typeof n === 'string')
    .map((n) => n.toLowerCase());
  return allowed.some((a) => names.includes(a.toLowerCase()));
}

/**
 * The signal a message in an alert channel makes — the same for a live message, one read back
 * by a catch-up and the new text of an edit — or null for anything else: another channel, a
 * bot (this one included), a system message, an author not allowed.
 */
export function messageSignal(message: Message, config: MonitorConfig): NewSignal | null {
  if (message.author.bot || message.author.id === message.client.user?.id) return null;
  // A pin notice, a member joining, "thread created" (whose text is the thread's name): the
  // author did something, but wrote nothing.
  if (message.system || !message.inGuild()) return null;
  const kind = messageChannelKind(message, config);
  if (kind === null || !authorAllowed(message, config.alertAuthors)) return null;
  return {
    source: 'discord', externalId: message.id, channelKind: kind, channelId: message.channelId,
    channelName: message.channel.name, guildId: message.guildId, authorId: message.author.id,
    authorName: message.member?.displayName ?? message.author.globalName ?? message.author.username,
    rawText: message.content, postedAtMs: message.createdTimestamp, messageUrl: message.url,
  };
}

/** Waits between attempts to store a message when the database does not answer (about 15 s in all). */
export const STORE_RETRY_DELAYS_MS: readonly number[] = [500, 1_000, 2_000, 4_000, 8_000];

/**
 * Store a signal, trying again while the store fails: storing is idempotent by the message id,
 * so a retry after a commit whose answer was lost finds the row instead of doubling it.
 * Resolves with the result, or null once every attempt failed (each one logged).
 */
export async function ingestWithRetry(sink: SignalSink, signal: NewSignal, log: Log,
  delaysMs: readonly number[] = STORE_RETRY_DELAYS_MS): Promise<IngestResult | null> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await sink.ingest(signal);
    } catch (err) {
      const delay = delaysMs[attempt];
      if (delay === undefined) {
        log.error({ err, messageId: signal.externalId, attempts: attempt + 1 }, 'could not store an alert channel message; giving up');
        return null;
      }
      log.warn({ err, messageId: signal.externalId, retryInMs: delay }, 'could not store an alert channel message; retrying');
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
