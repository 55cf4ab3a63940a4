import { eq } from 'drizzle-orm';
import type { SessionMarkStore } from '../../app/ports.js';
import { formatMicros, parseDecimal } from '../../domain/trading/money.js';
import type { Db } from './database.js';
import { sessionMarks } from './schema.js';

export class SessionMarkRepository implements SessionMarkStore {
  constructor(private readonly db: Db) {}

  async load(sessionStartMs: number): Promise<Map<string, number>> {
    const rows = await this.db.select({ positionId: sessionMarks.positionId, mark: sessionMarks.mark })
      .from(sessionMarks).where(eq(sessionMarks.sessionStart, new Date(sessionStartMs)));
    const out = new Map<string, number>();
    for (const row of rows) {
      const micros = parseDecimal(row.mark);
      if (micros === null) throw new Error(`unreadable session mark for ${row.positionId}: ${row.mark}`);
      out.set(row.positionId, micros);
    }
    return out;
  }

  async record(sessionStartMs: number, positionId: string, markMicros: number, atMs: number): Promise<void> {
    await this.db.insert(sessionMarks).values({
      sessionStart: new Date(sessionStartMs), positionId, mark: formatMicros(markMicros, 0), markedAt: new Date(atMs),
    }).onConflictDoNothing({ target: [sessionMarks.sessionStart, sessionMarks.positionId] });
  }
}
