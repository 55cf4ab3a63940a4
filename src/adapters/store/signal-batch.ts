import { inArray } from 'drizzle-orm';
import type { NewSignal, StoredSignal } from '../../app/ports.js';
import { rawQueryOf, type Db, type RawQuery } from './database.js';
import { insertRows } from './signal-insert-rows.js';
import { signals } from './schema.js';
import { toStoredSignal } from './signal-mapping.js';
import { storable } from './storable.js';

type Inserted = { inserted: boolean; signal: StoredSignal };
interface Waiting {
  signal: NewSignal;
  resolve(result: Inserted): void;
  reject(err: unknown): void;
}

/** Rows per INSERT: well under PostgreSQL's 65,535 bind parameters at 16 columns a row. */
const MAX_ROWS = 500;
const keyOf = (source: string, externalId: string) => `${source}\u0000${externalId}`;

/**
 * Group commit for signal intake: inserts that arrive while one is in flight are written
 * together in the next multi-row INSERT … ON CONFLICT DO NOTHING. Each caller is answered
 * only once its row is committed, so "stored before acknowledged" holds; under load one
 * statement carries many requests instead of one round trip each.
 *
 * One batch is written at a time, and a signal's `sameAsRecent` keys are checked in the INSERT
 * itself: a batch sees every row an earlier batch committed, and repeats within a batch are
 * coalesced before it is sent — so a repeat can never miss the row it repeats. (That holds per
 * process; TradeStream runs one process per database — processing, not only intake, relies on it.)
 */
export class SignalInsertBatcher {
  private queue: Waiting[] = [];
  private running = false;

  private readonly query: RawQuery;

  constructor(private readonly db: Db, private readonly nowMs: () => number) {
    this.query = rawQueryOf(db);
  }

  insert(signal: NewSignal): Promise<Inserted> {
    // The keys stay as sent: changed, they could make two signals one. A key the database refuses fails alone.
    const { sameAsRecent, ...rest } = signal;
    const row: NewSignal = { ...storable(rest), source: signal.source, externalId: signal.externalId };
    if (sameAsRecent) row.sameAsRecent = sameAsRecent;
    return new Promise<Inserted>((resolve, reject) => {
      this.queue.push({ signal: row, resolve, reject });
      if (!this.running) void this.run();
    });
  }

  private async run(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length > 0) await this.writeBatch(coalesceRepeats(this.queue.splice(0, MAX_ROWS), this.nowMs()));
    } finally {
      this.running = false;
    }
  }

  /**
   * Write a batch and answer every caller. One row the database refuses (a data error, such as a
   * U+0000 no edge caught) fails the whole statement: then each row is written alone, so only that
   * row's caller gets the error.
   */
  private async writeBatch(batch: Waiting[]): Promise<void> {
    try {
      await this.write(batch);
    } catch (err) {
      if (batch.length > 1) await this.writeEach(batch);
      else for (const w of batch) w.reject(err);
    }
  }

  /**
   * Row by row. A failure that is not the row's own (the database is down) answers the rest with
   * the same error at once, instead of each waiting for a failing round trip of its own.
   */
  private async writeEach(batch: Waiting[]): Promise<void> {
    for (const [i, w] of batch.entries()) {
      try {
        await this.write([w]);
      } catch (err) {
        w.reject(err);
        if (isDataError(err)) continue;
        for (const rest of batch.slice(i + 1)) rest.reject(err);
        return;
      }
    }
  }

  /**
   * Insert, then answer: first the callers whose rows the insert wrote — those rows are committed,
   * whatever happens next — then the others from a lookup of the rows already there. A failed
   * lookup fails only the callers that needed it: their rows exist, and a retry finds them.
   * Throws only when the INSERT failed, before anyone was answered.
   */
  private async write(batch: Waiting[]): Promise<void> {
    const nowMs = this.nowMs();
    const rows = await insertRows(this.query, batch.map((w) => w.signal), new Date(nowMs).toISOString());
    // Only the new ids come back (cheaper than whole rows); the rest of each row is what we sent.
    const fresh = new Map(rows.map((r) => [keyOf(r.source, r.externalId), r.id]));
    const conflicts = answerInserted(batch, fresh, nowMs);
    if (conflicts.length === 0) return;
    try {
      const existing = await this.existing(conflicts);
      for (const w of conflicts) {
        const found = existing.get(keyOf(w.signal.source, w.signal.externalId)) ?? recentSameAs(w.signal, existing);
        if (found) w.resolve({ inserted: false, signal: found });
        else w.reject(new Error(`signal ${w.signal.source}/${w.signal.externalId} vanished after a conflict`));
      }
    } catch (err) {
      for (const w of conflicts) w.reject(err);
    }
  }

  private async existing(conflicts: Waiting[]): Promise<Map<string, StoredSignal>> {
    if (conflicts.length === 0) return new Map();
    const ids = new Set(conflicts.map((w) => w.signal.externalId));
    for (const w of conflicts) for (const id of w.signal.sameAsRecent?.externalIds ?? []) ids.add(id);
    const rows = await this.db.select().from(signals).where(inArray(signals.externalId, [...ids]));
    return new Map(rows.map((r) => [keyOf(r.source, r.externalId), toStoredSignal(r)]));
  }
}

/**
 * Answer the callers whose row the insert wrote (each key is in the batch once: see
 * coalesceRepeats). Returns the callers whose row was not written: a signal already stored.
 */
function answerInserted(batch: Waiting[], fresh: Map<string, number>, nowMs: number): Waiting[] {
  const conflicts: Waiting[] = [];
  for (const w of batch) {
    const id = fresh.get(keyOf(w.signal.source, w.signal.externalId));
    if (id !== undefined) w.resolve({ inserted: true, signal: storedFrom(w.signal, id, nowMs) });
    else conflicts.push(w);
  }
  return conflicts;
}

/**
 * Repeats within one batch: the INSERT cannot see rows of its own statement, so a caller whose
 * key — or one of whose recent `sameAsRecent` keys — an earlier caller of the batch claims is not
 * sent: it gets that caller's answer, as a duplicate. A caller claims its key and its
 * `sameAsRecent` keys. Every row of the batch is received at the write's time, after `nowMs`.
 */
function coalesceRepeats(batch: Waiting[], nowMs: number): Waiting[] {
  const claims = new Map<string, Waiting>();
  const sent: Waiting[] = [];
  for (const w of batch) {
    const own = keyOf(w.signal.source, w.signal.externalId);
    const recent = recentKeys(w.signal, nowMs);
    let first = claims.get(own);
    for (const k of recent) first ??= claims.get(k);
    if (first) {
      follow(first, w);
      continue;
    }
    claims.set(own, w);
    for (const k of recent) if (!claims.has(k)) claims.set(k, w);
    sent.push(w);
  }
  return sent;
}

const NO_KEYS: readonly string[] = [];

/** A signal's `sameAsRecent` keys (as keyOf makes them) while something received at `nowMs` would still count. */
function recentKeys(signal: NewSignal, nowMs: number): readonly string[] {
  const recent = signal.sameAsRecent;
  if (!recent || nowMs <= recent.receivedAfterMs) return NO_KEYS;
  return recent.externalIds.map((id) => keyOf(signal.source, id));
}

/** `next` gets `first`'s answer: its row as a duplicate, or its error. */
function follow(first: Waiting, next: Waiting): void {
  const { resolve, reject } = first;
  first.resolve = (result) => {
    resolve(result);
    next.resolve({ inserted: false, signal: result.signal });
  };
  first.reject = (err) => {
    reject(err);
    next.reject(err);
  };
}

/** The stored signal one of a conflicting caller's `sameAsRecent` keys names, if it was received recently enough. */
function recentSameAs(signal: NewSignal, existing: Map<string, StoredSignal>): StoredSignal | undefined {
  const recent = signal.sameAsRecent;
  if (!recent) return undefined;
  return recent.externalIds.map((id) => existing.get(keyOf(signal.source, id)))
    .find((found) => found !== undefined && found.receivedAtMs > recent.receivedAfterMs);
}

/** SQLSTATE class 22 (data exception: 22P05, 22021, 22P02, …): the statement's data, not the database, is at fault. */
function isDataError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('22');
}

/** The stored row of a just-inserted signal: what was sent, its id, and the defaults the insert set. */
function storedFrom(s: NewSignal, id: number, receivedAtMs: number): StoredSignal {
  return {
    id, source: s.source, externalId: s.externalId, channelKind: s.channelKind, channelId: s.channelId, channelName: s.channelName,
    guildId: s.guildId, authorId: s.authorId, authorName: s.authorName, rawText: s.rawText, postedAtMs: s.postedAtMs,
    receivedAtMs, messageUrl: s.messageUrl, status: s.status ?? 'received', reasonCode: s.reasonCode ?? null, reason: s.reason ?? null,
    parse: null, confidence: null,
  };
}
