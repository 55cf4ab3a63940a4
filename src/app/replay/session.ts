import type { QuoteUpdate } from '../../domain/alerts/index.js';
import type { ChannelKind } from '../../domain/alerts/types.js';
import type { TestClock } from '../../domain/clock.js';
import type { TradingCore } from '../core.js';
import type { SignalStore } from '../ports.js';

/** One recorded event: an alert as the parse command reads it, or a quote as the feed sends it. */
export type ReplayEvent =
  | { kind: 'alert'; atMs: number; channel: ChannelKind; text: string }
  | { kind: 'quote'; atMs: number; quote: QuoteUpdate };

export interface ReplayResult {
  alerts: number;
  quotes: number;
  /** Signal outcomes in order: status and reason code per alert. */
  outcomes: { text: string; status: string; reasonCode: string | null }[];
}

/**
 * Replay history through the same core the bot runs: events in time order, the clock set to
 * each event's time, every alert stored, parsed, risk-checked and executed, every quote marked.
 */
export async function replaySession(core: TradingCore, signals: SignalStore, clock: TestClock,
  events: readonly ReplayEvent[]): Promise<ReplayResult> {
  const ordered = [...events].sort((a, b) => a.atMs - b.atMs);
  const result: ReplayResult = { alerts: 0, quotes: 0, outcomes: [] };
  for (const [index, event] of ordered.entries()) {
    if (event.atMs > clock.nowMs()) clock.set(event.atMs);
    if (event.kind === 'quote') {
      core.desk.push(event.quote);
      result.quotes += 1;
      continue;
    }
    result.alerts += 1;
    const { signal } = await core.pipeline.ingest({
      source: 'replay', externalId: `replay-${index}-${event.atMs}`, channelKind: event.channel, channelId: null,
      channelName: event.channel, guildId: null, authorId: null, authorName: 'replay', rawText: event.text, postedAtMs: event.atMs,
      messageUrl: null,
    }, true);
    await core.pipeline.drain();
    await core.desk.drain();
    const stored = await signals.get(signal.id);
    result.outcomes.push({ text: event.text, status: stored?.status ?? 'missing', reasonCode: stored?.reasonCode ?? null });
  }
  await core.desk.drain();
  return result;
}

