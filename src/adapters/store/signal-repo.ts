import { and, asc, desc, eq, gte, sql } from 'drizzle-orm';
import type { ChannelKind, ParseResult } from '../../domain/alerts/types.js';
import type { NewSignal, SignalOutcome, SignalSource, SignalStatus, SignalStore, StoredSignal } from '../../app/ports.js';
import type { Db } from './database.js';
import { signalReviews, signals } from './schema.js';
import { SignalInsertBatcher } from './signal-batch.js';
import { toStoredSignal } from './signal-mapping.js';
import { storable } from './storable.js';

export { toStoredSignal } from './signal-mapping.js';

export class SignalRepository implements SignalStore {
  private readonly batcher: SignalInsertBatcher;

  constructor(private readonly db: Db, private readonly nowMs: () => number) {
    this.batcher = new SignalInsertBatcher(db, nowMs);
  }

  /** Batched with concurrent inserts (group commit); resolves once this signal's row is committed. */
  insert(signal: NewSignal): Promise<{ inserted: boolean; signal: StoredSignal }> {
    return this.batcher.insert(signal);
  }

  async get(id: number): Promise<StoredSignal | null> {
    const rows = await this.db.select().from(signals).where(eq(signals.id, id)).limit(1);
    return rows[0] ? toStoredSignal(rows[0]) : null;
  }

  async byExternalId(source: SignalSource, externalId: string): Promise<StoredSignal | null> {
    const rows = await this.db.select().from(signals)
      .where(and(eq(signals.source, source), eq(signals.externalId, externalId))).limit(1);
    return rows[0] ? toStoredSignal(rows[0]) : null;
  }

  /**
   * Walks signals_channel_posted_at backwards. A Discord message's time is its snowflake's, so
   * time order is id order; within one millisecond the longer, then larger, digit string wins.
   */
  async latestDiscordMessageId(channelId: string): Promise<string | null> {
    const rows = await this.db.select({ externalId: signals.externalId }).from(signals)
      .where(and(eq(signals.channelId, channelId), eq(signals.source, 'discord'), sql`${signals.externalId} ~ '^[0-9]+$'`))
      .orderBy(desc(signals.postedAt), desc(sql`length(${signals.externalId})`), desc(signals.externalId))
      .limit(1);
    return rows[0]?.externalId ?? null;
  }

  async saveParse(id: number, parse: ParseResult, outcome?: SignalOutcome): Promise<void> {
    const status = outcome ? { status: outcome.status, reasonCode: storable(outcome.reasonCode), reason: storable(outcome.reason) } : {};
    await this.db.update(signals)
      .set({ parse: storable(parse), confidence: parse.confidence.toFixed(3), updatedAt: new Date(this.nowMs()), ...status })
      .where(eq(signals.id, id));
  }

  async setStatus(id: number, status: SignalStatus, reasonCode: string | null, reason: string | null): Promise<void> {
    await this.db.update(signals)
      .set({ status, reasonCode: storable(reasonCode), reason: storable(reason), updatedAt: new Date(this.nowMs()) })
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

  async approvedNotExecuted(): Promise<StoredSignal[]> {
    const rows = await this.db.select({ signal: signals }).from(signals)
      .innerJoin(signalReviews, eq(signalReviews.signalId, signals.id))
      .where(and(eq(signals.status, 'needs_review'), eq(signalReviews.decision, 'approved')))
      .orderBy(asc(signals.id));
    return rows.map((r) => toStoredSignal(r.signal));
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
