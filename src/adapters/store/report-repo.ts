import { and, asc, eq, gte, inArray, isNotNull } from 'drizzle-orm';
import type { ChannelKind } from '../../domain/alerts/types.js';
import type { SignalSource } from '../../app/ports.js';
import type { ClosedTrade, ReportStore, StoredFill } from '../../app/reports/ports.js';
import type { Db } from './database.js';
import { fills, positions, signals } from './schema.js';
import { numericToDecimal } from './numeric.js';
import { toPositionRecord } from './trade-repo.js';

/** Bound parameters per IN (…) list, well under Postgres' 65,535 per statement. */
const IN_CHUNK = 1000;

function toStoredFill(row: typeof fills.$inferSelect): StoredFill {
  return {
    fillId: row.fillId, orderId: row.orderId, positionId: row.positionId, symbol: row.symbol, side: row.side as StoredFill['side'],
    qty: row.qty, price: numericToDecimal(row.price), priceSource: row.priceSource, reason: row.reason, targetIndex: row.targetIndex,
    slippageTicks: row.slippageTicks, commissionCents: row.commissionCents, realizedNetCents: row.realizedNetCents,
    filledAtMs: row.filledAt.getTime(),
  };
}

/** Reads for /pnl, /stats and /export: closed positions joined to their signals, and fills. */
export class ReportRepository implements ReportStore {
  constructor(private readonly db: Db) {}

  async closedTrades(sinceMs: number | null): Promise<ClosedTrade[]> {
    const closed = and(eq(positions.status, 'closed'), isNotNull(positions.closedAt));
    const where = sinceMs === null ? closed : and(closed, gte(positions.closedAt, new Date(sinceMs)));
    const rows = await this.db.select({
      position: positions, source: signals.source, channelKind: signals.channelKind, channelName: signals.channelName,
      authorId: signals.authorId, authorName: signals.authorName,
    }).from(positions).leftJoin(signals, eq(positions.signalId, signals.id)).where(where)
      .orderBy(asc(positions.closedAt), asc(positions.positionId));
    return rows.map((r) => ({
      position: toPositionRecord(r.position), signalSource: r.source as SignalSource | null,
      channelKind: r.channelKind as ChannelKind | null, channelName: r.channelName, authorId: r.authorId, authorName: r.authorName,
    }));
  }

  async fillsOf(positionIds: readonly string[]): Promise<StoredFill[]> {
    const rows: (typeof fills.$inferSelect)[] = [];
    for (let i = 0; i < positionIds.length; i += IN_CHUNK) {
      const chunk = positionIds.slice(i, i + IN_CHUNK);
      rows.push(...await this.db.select().from(fills).where(inArray(fills.positionId, chunk)));
    }
    return rows.sort((a, b) => a.seq - b.seq).map(toStoredFill);
  }
}
