import { eq } from 'drizzle-orm';
import type { SessionMarkStore } from '../../app/ports.js';
import { formatMicros } from '../../domain/trading/money.js';
import type { Db } from './database.js';
import { numericToMicros } from './numeric.js';
import { sessionMarks } from './schema.js';

export class SessionMarkRepository implements SessionMarkStore {
  constructor(private readonly db: Db) {}

  async load(sessionStartMs: number): Promise<Map<string, number>> {
    const rows = await this.db.select({ positionId: sessionMarks.positionId, mark: sessionMarks.mark })
      .from(sessionMarks).where(eq(sessionMarks.sessionStart, new Date(sessionStartMs)));
    return new Map(rows.map((row) => [row.positionId, numericToMicros(row.mark)]));
  }

  async record(sessionStartMs: number, positionId: string, markMicros: number, atMs: number): Promise<void> {
    await this.db.insert(sessionMarks).values({
      sessionStart: new Date(sessionStartMs), positionId, mark: formatMicros(markMicros, 0), markedAt: new Date(atMs),
    }).onConflictDoNothing({ target: [sessionMarks.sessionStart, sessionMarks.positionId] });
  }
}
