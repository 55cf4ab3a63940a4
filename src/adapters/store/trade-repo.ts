import { and, asc, eq } from 'drizzle-orm';
import type { EntryExecution, PositionRecord, TradeStore } from '../../app/ports.js';
import type { Db } from './database.js';
import { fills, orders, positions, signals } from './schema.js';
import { numericToDecimal } from './numeric.js';

type PositionRow = typeof positions.$inferSelect;

export function toPositionRecord(row: PositionRow): PositionRecord {
  return {
    id: row.id,
    signalId: row.signalId,
    broker: row.broker,
    mode: row.mode,
    symbol: row.symbol,
    assetClass: row.assetClass as PositionRecord['assetClass'],
    side: row.side as PositionRecord['side'],
    qtyInitial: row.qtyInitial,
    qtyOpen: row.qtyOpen,
    avgEntry: numericToDecimal(row.avgEntry),
    stop: row.stop === null ? null : numericToDecimal(row.stop),
    targets: row.targets,
    targetsHit: row.targetsHit,
    status: row.status as PositionRecord['status'],
    realizedPnlCents: row.realizedPnlCents,
    commissionCents: row.commissionCents,
    openedAtMs: row.openedAt.getTime(),
    closedAtMs: row.closedAt ? row.closedAt.getTime() : null,
  };
}

export class TradeRepository implements TradeStore {
  constructor(private readonly db: Db) {}

  async recordEntry(entry: EntryExecution): Promise<{ created: boolean; position: PositionRecord }> {
    return this.db.transaction(async (tx) => {
      const at = new Date(entry.fill.filledAtMs);
      const order = await tx.insert(orders).values({
        clientOrderId: entry.clientOrderId, signalId: entry.signalId, broker: entry.broker, mode: entry.mode,
        symbol: entry.symbol, assetClass: entry.assetClass, side: entry.side === 'long' ? 'buy' : 'sell',
        intent: 'entry', qty: entry.qty, orderType: 'market', status: 'filled', createdAt: at, updatedAt: at,
      }).onConflictDoNothing({ target: orders.clientOrderId }).returning();
      if (!order[0]) return { created: false, position: await this.positionForOrder(tx as unknown as Db, entry.clientOrderId) };
      const [position] = await tx.insert(positions).values({
        signalId: entry.signalId, broker: entry.broker, mode: entry.mode, symbol: entry.symbol,
        assetClass: entry.assetClass, side: entry.side, qtyInitial: entry.qty, qtyOpen: entry.qty,
        avgEntry: entry.fill.price, stop: entry.stop, targets: entry.targets, status: 'open',
        commissionCents: entry.fill.commissionCents, realizedPnlCents: -entry.fill.commissionCents, openedAt: at,
      }).returning();
      if (!position) throw new Error('position insert returned nothing');
      await tx.update(orders).set({ positionId: position.id }).where(eq(orders.id, order[0].id));
      await tx.insert(fills).values({
        orderId: order[0].id, positionId: position.id, qty: entry.fill.qty, price: entry.fill.price,
        priceSource: entry.fill.priceSource, commissionCents: entry.fill.commissionCents,
        realizedPnlCents: entry.fill.realizedPnlCents, filledAt: at,
      });
      await tx.update(signals).set({ status: 'executed', reasonCode: null, reason: null, updatedAt: at })
        .where(eq(signals.id, entry.signalId));
      return { created: true, position: toPositionRecord(position) };
    });
  }

  private async positionForOrder(db: Db, clientOrderId: string): Promise<PositionRecord> {
    const rows = await db.select({ position: positions }).from(orders)
      .innerJoin(positions, eq(orders.positionId, positions.id))
      .where(eq(orders.clientOrderId, clientOrderId)).limit(1);
    if (!rows[0]) throw new Error(`order ${clientOrderId} exists without a position`);
    return toPositionRecord(rows[0].position);
  }

  async openPositions(symbol?: string): Promise<PositionRecord[]> {
    const where = symbol
      ? and(eq(positions.status, 'open'), eq(positions.symbol, symbol.toUpperCase()))
      : eq(positions.status, 'open');
    const rows = await this.db.select().from(positions).where(where).orderBy(asc(positions.id));
    return rows.map(toPositionRecord);
  }
}
