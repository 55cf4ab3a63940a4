import { inArray } from 'drizzle-orm';
import type { NewSignal, StoredSignal } from '../../app/ports.js';
import type { Db } from './database.js';
import { signals } from './schema.js';
import { toStoredSignal } from './signal-mapping.js';

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
 */
export class SignalInsertBatcher {
  private queue: Waiting[] = [];
  private running = false;

  constructor(private readonly db: Db, private readonly nowMs: () => number) {}

  insert(signal: NewSignal): Promise<Inserted> {
    return new Promise<Inserted>((resolve, reject) => {
      this.queue.push({ signal, resolve, reject });
      if (!this.running) void this.run();
    });
  }

  private async run(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_ROWS);
        await this.write(batch).catch((err: unknown) => {
          for (const w of batch) w.reject(err);
        });
      }
    } finally {
      this.running = false;
    }
  }

  private async write(batch: Waiting[]): Promise<void> {
    const now = new Date(this.nowMs());
    const rows = await this.db.insert(signals).values(batch.map(({ signal: s }) => ({
      source: s.source, externalId: s.externalId, channelKind: s.channelKind, channelId: s.channelId, channelName: s.channelName,
      guildId: s.guildId, authorId: s.authorId, authorName: s.authorName, rawText: s.rawText, postedAt: new Date(s.postedAtMs),
      receivedAt: now, updatedAt: now, messageUrl: s.messageUrl, status: s.status ?? 'received', reasonCode: s.reasonCode ?? null,
      reason: s.reason ?? null,
    }))).onConflictDoNothing({ target: [signals.source, signals.externalId] })
      .returning({ id: signals.id, source: signals.source, externalId: signals.externalId });
    // Only the new ids come back (cheaper than whole rows); the rest of each row is what we sent.
    const fresh = new Map(rows.map((r) => [keyOf(r.source, r.externalId), r.id]));
    const existing = await this.existing(batch.filter((w) => !fresh.has(keyOf(w.signal.source, w.signal.externalId))));
    const claimed = new Map<string, StoredSignal>();
    for (const w of batch) {
      const key = keyOf(w.signal.source, w.signal.externalId);
      const id = fresh.get(key);
      const first = claimed.get(key);
      // The first of several identical keys in one batch inserted the row; the rest are duplicates of it.
      if (id !== undefined && first === undefined) {
        const stored = storedFrom(w.signal, id, now.getTime());
        claimed.set(key, stored);
        w.resolve({ inserted: true, signal: stored });
        continue;
      }
      const found = first ?? existing.get(key);
      if (found) w.resolve({ inserted: false, signal: found });
      else w.reject(new Error(`signal ${w.signal.source}/${w.signal.externalId} vanished after a conflict`));
    }
  }

  private async existing(conflicts: Waiting[]): Promise<Map<string, StoredSignal>> {
    if (conflicts.length === 0) return new Map();
    const ids = [...new Set(conflicts.map((w) => w.signal.externalId))];
    const rows = await this.db.select().from(signals).where(inArray(signals.externalId, ids));
    return new Map(rows.map((r) => [keyOf(r.source, r.externalId), toStoredSignal(r)]));
  }
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
