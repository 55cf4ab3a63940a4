import type { ChannelKind, ParseResult } from '../../domain/alerts/types.js';
import type { SignalStatus, StoredSignal } from '../../app/ports.js';
import type { signals } from './schema.js';

type Row = typeof signals.$inferSelect;

/** A signals row as the app sees it (numeric confidence, epoch-ms times). */
export function toStoredSignal(row: Row): StoredSignal {
  return {
    id: row.id,
    source: row.source as StoredSignal['source'],
    externalId: row.externalId,
    channelKind: row.channelKind as ChannelKind,
    channelId: row.channelId,
    channelName: row.channelName,
    guildId: row.guildId,
    authorId: row.authorId,
    authorName: row.authorName,
    rawText: row.rawText,
    postedAtMs: row.postedAt.getTime(),
    receivedAtMs: row.receivedAt.getTime(),
    messageUrl: row.messageUrl,
    status: row.status as SignalStatus,
    reasonCode: row.reasonCode,
    reason: row.reason,
    parse: (row.parse as ParseResult | null) ?? null,
    confidence: row.confidence === null ? null : Number(row.confidence),
  };
}

