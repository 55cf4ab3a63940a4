import { and, asc, desc, eq, gte, or, sql } from 'drizzle-orm';
import type { ChannelKind, ParseResult } from '../../domain/alerts/types.js';
import type { NewSignal, SignalOutcome, SignalSource, SignalStatus, SignalStore, StoredSignal } from '../../app/ports.js';
import type { Db } from './database.js';
import { signalReviews, signals } from './schema.js';
import { SignalTakenError } from '../../app/conflicts.js';
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

  async messageVersions(source: SignalSource, messageKey: string): Promise<StoredSignal[]> {
    const rows = await this.db.select().from(signals)
      .where(and(eq(signals.source, source), or(eq(signals.externalId, messageKey), sql`starts_with(${signals.externalId}, ${`${messageKey}:edit:`})`)))
      .orderBy(asc(signals.id));
    return rows.map(toStoredSignal);
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

  async saveParse(id: number, from: SignalStatus, parse: ParseResult, outcome?: SignalOutcome): Promise<void> {
    const status = outcome ? { status: outcome.status, reasonCode: storable(outcome.reasonCode), reason: storable(outcome.reason) } : {};
    await this.transition(id, from, { parse: storable(parse), confidence: parse.confidence.toFixed(3), ...status });
  }

  async setStatus(id: number, from: SignalStatus, to: SignalStatus, reasonCode: string | null, reason: string | null): Promise<void> {
    await this.transition(id, from, { status: to, reasonCode: storable(reasonCode), reason: storable(reason) });
  }

  /** One conditional UPDATE: atomic with any other bot's, so only one of them moves a signal on. */
  private async transition(id: number, from: SignalStatus, set: Partial<typeof signals.$inferInsert>): Promise<void> {
    const moved = await this.db.update(signals).set({ ...set, updatedAt: new Date(this.nowMs()) })
      .where(and(eq(signals.id, id), eq(signals.status, from))).returning({ id: signals.id });
    if (moved.length === 0) throw await signalTaken(this.db, id, from);
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

/** The error for a signal that has left `from`, with the status it has now (read in `db`, which may be a transaction). */
export async function signalTaken(db: Pick<Db, 'select'>, id: number, from: SignalStatus): Promise<SignalTakenError> {
  const rows = await db.select({ status: signals.status }).from(signals).where(eq(signals.id, id)).limit(1);
  return new SignalTakenError(id, from, (rows[0]?.status as SignalStatus | undefined) ?? null);
}
