import { and, desc, eq, isNull, lt, or } from 'drizzle-orm';
import type { AuditEntry, AuditLog, BotState, BotStateStore } from '../../app/ports.js';
import type { Db } from './database.js';
import { auditLog, botState } from './schema.js';

const ROW_ID = 1;
type Row = typeof botState.$inferSelect;

function toBotState(row: Row): BotState {
  return {
    running: row.running,
    mode: row.mode as BotState['mode'],
    startedAtMs: row.startedAt ? row.startedAt.getTime() : null,
    updatedAtMs: row.updatedAt.getTime(),
    updatedBy: row.updatedBy,
  };
}

export class BotStateRepository implements BotStateStore {
  constructor(private readonly db: Db, private readonly nowMs: () => number) {}

  async get(defaults: Pick<BotState, 'running' | 'mode'>): Promise<BotState> {
    const now = new Date(this.nowMs());
    await this.db.insert(botState).values({
      id: ROW_ID, running: defaults.running, mode: defaults.mode, startedAt: defaults.running ? now : null, updatedAt: now,
    }).onConflictDoNothing({ target: botState.id });
    const rows = await this.db.select().from(botState).where(eq(botState.id, ROW_ID));
    if (!rows[0]) throw new Error('bot_state row missing after insert');
    return toBotState(rows[0]);
  }

  async setRunning(running: boolean, actor: string, atMs: number): Promise<BotState> {
    const at = new Date(atMs);
    const rows = await this.db.update(botState)
      .set({ running, updatedAt: at, updatedBy: actor, ...(running ? { startedAt: at } : {}) })
      .where(eq(botState.id, ROW_ID)).returning();
    if (!rows[0]) throw new Error('bot_state row missing; call get() first');
    return toBotState(rows[0]);
  }

  async setMode(mode: BotState['mode'], actor: string, atMs: number): Promise<BotState> {
    const rows = await this.db.update(botState).set({ mode, updatedAt: new Date(atMs), updatedBy: actor })
      .where(eq(botState.id, ROW_ID)).returning();
    if (!rows[0]) throw new Error('bot_state row missing; call get() first');
    return toBotState(rows[0]);
  }

  async claimTotpStep(step: number): Promise<boolean> {
    const rows = await this.db.update(botState).set({ totpLastStep: step })
      .where(and(eq(botState.id, ROW_ID), or(isNull(botState.totpLastStep), lt(botState.totpLastStep, step))))
      .returning({ id: botState.id });
    return rows.length === 1;
  }
}

export class AuditRepository implements AuditLog {
  constructor(private readonly db: Db) {}

  async record(entry: AuditEntry): Promise<void> {
    await this.db.insert(auditLog).values({
      at: new Date(entry.atMs), actorId: entry.actorId, actorName: entry.actorName, action: entry.action,
      allowed: entry.allowed, interactionId: entry.interactionId, detail: entry.detail ?? null,
    });
  }

  async recent(limit: number): Promise<AuditEntry[]> {
    const rows = await this.db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(limit);
    return rows.map((r) => ({
      atMs: r.at.getTime(), actorId: r.actorId, actorName: r.actorName, action: r.action, allowed: r.allowed,
      interactionId: r.interactionId, detail: (r.detail as Record<string, unknown> | null) ?? undefined,
    }));
  }
}
