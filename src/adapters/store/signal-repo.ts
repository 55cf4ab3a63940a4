import { and, asc, desc, eq, gte } from 'drizzle-orm';
import type { ChannelKind, ParseResult } from '../../domain/alerts/types.js';
import type { NewSignal, SignalStatus, SignalStore, StoredSignal } from '../../app/ports.js';
import type { Db } from './database.js';
import { signals } from './schema.js';

type Row = typeof signals.$inferSelect;

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

export class SignalRepository implements SignalStore {
  constructor(private readonly db: Db, private readonly nowMs: () => number) {}

  async insert(signal: NewSignal): Promise<{ inserted: boolean; signal: StoredSignal }> {
    const now = new Date(this.nowMs());
    const inserted = await this.db.insert(signals).values({
      source: signal.source,
      externalId: signal.externalId,
      channelKind: signal.channelKind,
      channelId: signal.channelId,
      channelName: signal.channelName,
      guildId: signal.guildId,
      authorId: signal.authorId,
      authorName: signal.authorName,
      rawText: signal.rawText,
      postedAt: new Date(signal.postedAtMs),
      receivedAt: now,
      updatedAt: now,
      messageUrl: signal.messageUrl,
      status: signal.status ?? 'received',
      reasonCode: signal.reasonCode ?? null,
      reason: signal.reason ?? null,
    }).onConflictDoNothing({ target: [signals.source, signals.externalId] }).returning();
    if (inserted[0]) return { inserted: true, signal: toStoredSignal(inserted[0]) };
    const existing = await this.db.select().from(signals)
      .where(and(eq(signals.source, signal.source), eq(signals.externalId, signal.externalId))).limit(1);
    if (!existing[0]) throw new Error(`signal ${signal.source}/${signal.externalId} vanished after a conflict`);
    return { inserted: false, signal: toStoredSignal(existing[0]) };
  }

  async get(id: number): Promise<StoredSignal | null> {
    const rows = await this.db.select().from(signals).where(eq(signals.id, id)).limit(1);
    return rows[0] ? toStoredSignal(rows[0]) : null;
  }

  async saveParse(id: number, parse: ParseResult): Promise<void> {
    await this.db.update(signals)
      .set({ parse, confidence: parse.confidence.toFixed(3), updatedAt: new Date(this.nowMs()) })
      .where(eq(signals.id, id));
  }

  async setStatus(id: number, status: SignalStatus, reasonCode: string | null, reason: string | null): Promise<void> {
    await this.db.update(signals)
      .set({ status, reasonCode, reason, updatedAt: new Date(this.nowMs()) })
      .where(eq(signals.id, id));
  }

  async unfinished(): Promise<StoredSignal[]> {
    const rows = await this.db.select().from(signals).where(eq(signals.status, 'received')).orderBy(asc(signals.id));
    return rows.map(toStoredSignal);
  }

  async queued(): Promise<StoredSignal[]> {
    const rows = await this.db.select().from(signals).where(eq(signals.status, 'queued')).orderBy(asc(signals.id));
    return rows.map(toStoredSignal);
  }

  async countReceivedSince(sinceMs: number): Promise<number> {
    const rows = await this.db.$count(signals, gte(signals.receivedAt, new Date(sinceMs)));
    return Number(rows);
  }

  async recent(limit: number, channelKind?: ChannelKind): Promise<StoredSignal[]> {
    const where = channelKind ? eq(signals.channelKind, channelKind) : undefined;
    const rows = await this.db.select().from(signals).where(where).orderBy(desc(signals.id)).limit(limit);
    return rows.map(toStoredSignal);
  }
}
