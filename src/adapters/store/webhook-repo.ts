import { and, desc, eq, isNull } from 'drizzle-orm';
import type { NewWebhookLink, WebhookLink, WebhookLinkStore } from '../../app/ports.js';
import type { Db } from './database.js';
import { webhookLinks } from './schema.js';

type Row = typeof webhookLinks.$inferSelect;

/** numeric comes back as a string with the column's scale ("2.5000"); show it as written ("2.5"). */
function trimDecimal(value: string | null): string | null {
  if (value === null) return null;
  return value.includes('.') ? value.replace(/\.?0+$/, '') : value;
}

function toLink(row: Row): WebhookLink {
  return {
    id: row.id,
    name: row.name,
    strategy: row.strategy,
    stopLossPct: trimDecimal(row.stopLossPct),
    targetPct: trimDecimal(row.targetPct),
    trailingPct: trimDecimal(row.trailingPct),
    paper: row.paper,
    rateLimitPerMinute: row.rateLimitPerMinute,
    createdBy: row.createdBy,
    createdAtMs: row.createdAt.getTime(),
    revokedAtMs: row.revokedAt ? row.revokedAt.getTime() : null,
  };
}

export class WebhookLinkRepository implements WebhookLinkStore {
  constructor(private readonly db: Db, private readonly nowMs: () => number) {}

  async create(link: NewWebhookLink): Promise<WebhookLink> {
    const rows = await this.db.insert(webhookLinks).values({
      name: link.name, tokenHash: link.tokenHash, strategy: link.strategy, stopLossPct: link.stopLossPct,
      targetPct: link.targetPct, trailingPct: link.trailingPct, paper: link.paper,
      rateLimitPerMinute: link.rateLimitPerMinute, createdBy: link.createdBy, createdAt: new Date(this.nowMs()),
    }).returning();
    if (!rows[0]) throw new Error('webhook link insert returned no row');
    return toLink(rows[0]);
  }

  async get(id: number): Promise<WebhookLink | null> {
    const rows = await this.db.select().from(webhookLinks).where(eq(webhookLinks.id, id)).limit(1);
    return rows[0] ? toLink(rows[0]) : null;
  }

  async list(includeRevoked: boolean): Promise<WebhookLink[]> {
    const rows = await this.db.select().from(webhookLinks)
      .where(includeRevoked ? undefined : isNull(webhookLinks.revokedAt)).orderBy(desc(webhookLinks.id));
    return rows.map(toLink);
  }

  async revoke(id: number): Promise<WebhookLink | null> {
    await this.db.update(webhookLinks).set({ revokedAt: new Date(this.nowMs()) })
      .where(and(eq(webhookLinks.id, id), isNull(webhookLinks.revokedAt)));
    return this.get(id);
  }

  async activeWithHashes(): Promise<{ tokenHash: string; link: WebhookLink }[]> {
    const rows = await this.db.select().from(webhookLinks).where(isNull(webhookLinks.revokedAt));
    return rows.map((row) => ({ tokenHash: row.tokenHash, link: toLink(row) }));
  }
}
