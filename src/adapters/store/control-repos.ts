import { and, asc, eq } from 'drizzle-orm';
import type {
  NotifyPreference, NotifyPreferenceStore, ReviewDecision, ReviewRecord, ReviewStore, RiskOverride, RiskOverrideStore,
} from '../../app/control-ports.js';
import type { Db } from './database.js';
import { notifyPreferences, riskOverrides, signalReviews } from './schema.js';

export class RiskOverrideRepository implements RiskOverrideStore {
  constructor(private readonly db: Db) {}

  async all(): Promise<RiskOverride[]> {
    const rows = await this.db.select().from(riskOverrides).orderBy(asc(riskOverrides.name));
    return rows.map((r) => ({ name: r.name, value: r.value, updatedBy: r.updatedBy, updatedAtMs: r.updatedAt.getTime() }));
  }

  async set(o: RiskOverride): Promise<void> {
    const values = { name: o.name, value: o.value, updatedBy: o.updatedBy, updatedAt: new Date(o.updatedAtMs) };
    await this.db.insert(riskOverrides).values(values)
      .onConflictDoUpdate({ target: riskOverrides.name, set: { value: values.value, updatedBy: values.updatedBy, updatedAt: values.updatedAt } });
  }

  async remove(name: string): Promise<void> {
    await this.db.delete(riskOverrides).where(eq(riskOverrides.name, name));
  }
}

type PreferenceRow = typeof notifyPreferences.$inferSelect;
const toPreference = (r: PreferenceRow): NotifyPreference =>
  ({ userId: r.userId, subscribed: r.subscribed, roleAdmin: r.roleAdmin, updatedAtMs: r.updatedAt.getTime() });

export class NotifyPreferenceRepository implements NotifyPreferenceStore {
  constructor(private readonly db: Db) {}

  async get(userId: string): Promise<NotifyPreference | null> {
    const rows = await this.db.select().from(notifyPreferences).where(eq(notifyPreferences.userId, userId)).limit(1);
    return rows[0] ? toPreference(rows[0]) : null;
  }

  async all(): Promise<NotifyPreference[]> {
    const rows = await this.db.select().from(notifyPreferences).orderBy(asc(notifyPreferences.userId));
    return rows.map(toPreference);
  }

  async setSubscribed(userId: string, subscribed: boolean, atMs: number): Promise<void> {
    const at = new Date(atMs);
    await this.db.insert(notifyPreferences).values({ userId, subscribed, updatedAt: at })
      .onConflictDoUpdate({ target: notifyPreferences.userId, set: { subscribed, updatedAt: at } });
  }

  async rememberRoleAdmin(userId: string, atMs: number): Promise<void> {
    const at = new Date(atMs);
    await this.db.insert(notifyPreferences).values({ userId, subscribed: true, roleAdmin: true, updatedAt: at })
      .onConflictDoUpdate({ target: notifyPreferences.userId, set: { roleAdmin: true, updatedAt: at } });
  }

  async forgetRoleAdmin(userId: string, atMs: number): Promise<void> {
    await this.db.update(notifyPreferences).set({ roleAdmin: false, updatedAt: new Date(atMs) })
      .where(and(eq(notifyPreferences.userId, userId), eq(notifyPreferences.roleAdmin, true)));
  }
}

type ReviewRow = typeof signalReviews.$inferSelect;
const toReview = (r: ReviewRow): ReviewRecord => ({
  signalId: r.signalId, decision: r.decision as ReviewDecision, actorId: r.actorId, actorName: r.actorName,
  decidedAtMs: r.decidedAt.getTime(),
});

export class ReviewRepository implements ReviewStore {
  constructor(private readonly db: Db) {}

  async decide(review: ReviewRecord): Promise<{ inserted: boolean; review: ReviewRecord }> {
    const inserted = await this.db.insert(signalReviews).values({
      signalId: review.signalId, decision: review.decision, actorId: review.actorId, actorName: review.actorName,
      decidedAt: new Date(review.decidedAtMs),
    }).onConflictDoNothing({ target: signalReviews.signalId }).returning();
    if (inserted[0]) return { inserted: true, review: toReview(inserted[0]) };
    const existing = await this.get(review.signalId);
    if (!existing) throw new Error(`review of signal ${review.signalId} vanished after a conflict`);
    return { inserted: false, review: existing };
  }

  async get(signalId: number): Promise<ReviewRecord | null> {
    const rows = await this.db.select().from(signalReviews).where(eq(signalReviews.signalId, signalId)).limit(1);
    return rows[0] ? toReview(rows[0]) : null;
  }
}
