import { and, asc, eq, gte, inArray, isNotNull, sql } from 'drizzle-orm';
import type { ExitPlan, Fill, Order, StopMove } from '../../domain/trading/index.js';
import { formatMicros, parseDecimal } from '../../domain/trading/money.js';
import { JournalConflictError } from '../../app/conflicts.js';
import type { JournalBatch, PositionRecord, StoredJournal, TradeStore } from '../../app/ports.js';
import type { Db } from './database.js';
import { fills, journalHeads, orders, positions, signals, stopMoves } from './schema.js';
import { numericToDecimal } from './numeric.js';
import { signalTaken } from './signal-repo.js';
import { storable } from './storable.js';

type PositionRow = typeof positions.$inferSelect;
type OrderRow = typeof orders.$inferSelect;
type FillRow = typeof fills.$inferSelect;
type StopMoveRow = typeof stopMoves.$inferSelect;

const priceText = (micros: number | null): string | null => (micros === null ? null : formatMicros(micros, 0));
const microsOf = (value: string | null): number | null => (value === null ? null : parseDecimal(value));

export function toPositionRecord(row: PositionRow): PositionRecord {
  return {
    id: row.positionId, signalId: row.signalId, broker: row.broker, mode: row.mode, symbol: row.symbol,
    assetClass: row.assetClass as PositionRecord['assetClass'], side: row.side as PositionRecord['side'],
    qtyOpen: row.qtyOpen, qtyEntered: row.qtyEntered, avgEntry: numericToDecimal(row.avgEntry),
    stop: row.stop === null ? null : numericToDecimal(row.stop), targets: row.targets, targetsHit: row.targetsHit,
    status: row.status as PositionRecord['status'], realizedGrossCents: row.realizedGrossCents,
    commissionCents: row.commissionCents, openedAtMs: row.openedAt.getTime(), updatedAtMs: row.updatedAt.getTime(),
    closedAtMs: row.closedAt ? row.closedAt.getTime() : null,
  };
}

function orderValues(order: Order, broker: string, mode: string): typeof orders.$inferInsert {
  return {
    orderId: order.orderId, seq: order.seq, broker, mode, signalId: order.signalId === null ? null : Number(order.signalId),
    positionId: order.positionId, symbol: order.symbol, side: order.side, orderType: order.type, qty: order.qtyContracts,
    filledQty: order.filledContracts, purpose: order.purpose, targetIndex: order.targetIndex, exitPlan: order.exitPlan,
    status: order.status, statusReason: order.statusReason, createdAt: new Date(order.createdAtMs), updatedAt: new Date(order.updatedAtMs),
  };
}

function toOrder(row: OrderRow): Order {
  return {
    orderId: row.orderId, signalId: row.signalId === null ? null : String(row.signalId), positionId: row.positionId,
    symbol: row.symbol, side: row.side as Order['side'], type: 'market', qtyContracts: row.qty, filledContracts: row.filledQty,
    purpose: row.purpose as Order['purpose'], targetIndex: row.targetIndex, exitPlan: (row.exitPlan as ExitPlan | null) ?? null,
    status: row.status as Order['status'], statusReason: row.statusReason, createdAtMs: row.createdAt.getTime(),
    updatedAtMs: row.updatedAt.getTime(), seq: row.seq,
  };
}

function toFill(row: FillRow): Fill {
  return {
    fillId: row.fillId, orderId: row.orderId, positionId: row.positionId, symbol: row.symbol, side: row.side as Fill['side'],
    qtyContracts: row.qty, priceMicros: microsOf(row.price) ?? 0, commissionCents: row.commissionCents, atMs: row.filledAt.getTime(),
    priceSource: row.priceSource as Fill['priceSource'], reason: row.reason as Fill['reason'], targetIndex: row.targetIndex,
    slippageTicks: row.slippageTicks, seq: row.seq,
  };
}

function toStopMove(row: StopMoveRow): StopMove {
  return {
    kind: 'stop_moved', seq: row.seq, positionId: row.positionId, fromMicros: microsOf(row.fromPrice), toMicros: microsOf(row.toPrice),
    bestMicros: microsOf(row.bestPrice), cause: row.cause as StopMove['cause'], atMs: row.movedAt.getTime(),
  };
}

function positionValues(p: PositionRecord): typeof positions.$inferInsert {
  return {
    positionId: p.id, signalId: p.signalId, broker: p.broker, mode: p.mode, symbol: p.symbol, assetClass: p.assetClass, side: p.side,
    qtyOpen: p.qtyOpen, qtyEntered: p.qtyEntered, avgEntry: p.avgEntry, stop: p.stop, targets: p.targets, targetsHit: p.targetsHit,
    status: p.status, realizedGrossCents: p.realizedGrossCents, commissionCents: p.commissionCents, openedAt: new Date(p.openedAtMs),
    updatedAt: new Date(p.updatedAtMs), closedAt: p.closedAtMs === null ? null : new Date(p.closedAtMs),
  };
}

/** Upsert helper: every column of the inserted row replaces the stored one. */
function excludedAll(columns: string[]): Record<string, ReturnType<typeof sql>> {
  return Object.fromEntries(columns.map((c) => [c, sql.raw(`excluded."${c.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`)}"`)]));
}

export class TradeRepository implements TradeStore {
  constructor(private readonly db: Db) {}

  /** The version is read first: a batch stored meanwhile makes it older than the records, never newer, so the next commit is refused. */
  async loadJournal(broker: string): Promise<StoredJournal> {
    const version = await this.journalVersion(broker);
    const orderRows = await this.db.select().from(orders).where(eq(orders.broker, broker)).orderBy(asc(orders.seq));
    const ids = orderRows.map((o) => o.orderId);
    const fillRows = ids.length === 0 ? [] : await this.db.select().from(fills).where(inArray(fills.orderId, ids)).orderBy(asc(fills.seq));
    const positionIds = [...new Set(orderRows.map((o) => o.positionId))];
    const moveRows = positionIds.length === 0 ? []
      : await this.db.select().from(stopMoves).where(inArray(stopMoves.positionId, positionIds)).orderBy(asc(stopMoves.seq));
    return { orders: orderRows.map(toOrder), fills: fillRows.map(toFill), stopMoves: moveRows.map(toStopMove), version };
  }

  async journalVersion(broker: string): Promise<number> {
    const head = await this.db.select({ version: journalHeads.version }).from(journalHeads).where(eq(journalHeads.broker, broker)).limit(1);
    return head[0]?.version ?? 0;
  }

  /**
   * One transaction: a crash leaves either all of a batch or none of it. The journal version moves
   * first: its row lock makes another bot's commit wait, then find the version moved on; the
   * signal next, likewise.
   */
  async commit(batch: JournalBatch): Promise<void> {
    await this.db.transaction(async (tx) => {
      const next = batch.basedOn + 1;
      const bumped = await tx.insert(journalHeads).values({ broker: batch.broker, version: next, updatedAt: new Date() })
        .onConflictDoUpdate({ target: journalHeads.broker, set: { version: next, updatedAt: new Date() },
          setWhere: eq(journalHeads.version, batch.basedOn) })
        .returning({ version: journalHeads.version });
      if (bumped.length === 0) {
        const found = await tx.select({ version: journalHeads.version }).from(journalHeads).where(eq(journalHeads.broker, batch.broker));
        throw new JournalConflictError(batch.broker, batch.basedOn, found[0]?.version ?? null);
      }
      if (batch.signal) {
        const { id, from, status, reasonCode, reason } = batch.signal;
        const moved = await tx.update(signals).set({ status, reasonCode: storable(reasonCode), reason: storable(reason), updatedAt: new Date() })
          .where(and(eq(signals.id, id), eq(signals.status, from))).returning({ id: signals.id });
        if (moved.length === 0) throw await signalTaken(tx, id, from);
      }
      if (batch.orders.length > 0) {
        const values = batch.orders.map((o) => orderValues(o, batch.broker, batch.mode));
        await tx.insert(orders).values(values).onConflictDoUpdate({ target: orders.orderId,
          set: excludedAll(['filledQty', 'status', 'statusReason', 'updatedAt', 'exitPlan']) });
      }
      if (batch.fills.length > 0) {
        await tx.insert(fills).values(batch.fills.map(({ fill, realizedNetCents }) => ({
          fillId: fill.fillId, seq: fill.seq, orderId: fill.orderId, positionId: fill.positionId, symbol: fill.symbol, side: fill.side,
          qty: fill.qtyContracts, price: formatMicros(fill.priceMicros, 0), priceSource: fill.priceSource, reason: fill.reason,
          targetIndex: fill.targetIndex, slippageTicks: fill.slippageTicks, commissionCents: fill.commissionCents, realizedNetCents,
          filledAt: new Date(fill.atMs),
        }))).onConflictDoNothing({ target: fills.fillId });
      }
      if (batch.stopMoves.length > 0) {
        await tx.insert(stopMoves).values(batch.stopMoves.map((m) => ({
          seq: m.seq, positionId: m.positionId, fromPrice: priceText(m.fromMicros), toPrice: priceText(m.toMicros),
          bestPrice: priceText(m.bestMicros), cause: m.cause, movedAt: new Date(m.atMs),
        }))).onConflictDoNothing({ target: stopMoves.seq });
      }
      for (const p of batch.positions) {
        await tx.insert(positions).values(positionValues(p)).onConflictDoUpdate({ target: positions.positionId,
          set: excludedAll(['qtyOpen', 'qtyEntered', 'avgEntry', 'stop', 'targets', 'targetsHit', 'status', 'realizedGrossCents',
            'commissionCents', 'updatedAt', 'closedAt']) });
      }
    });
  }

  async openPositions(symbol?: string): Promise<PositionRecord[]> {
    const where = symbol
      ? and(eq(positions.status, 'open'), eq(positions.symbol, symbol.toUpperCase()))
      : eq(positions.status, 'open');
    const rows = await this.db.select().from(positions).where(where).orderBy(asc(positions.openedAt), asc(positions.positionId));
    return rows.map(toPositionRecord);
  }

  async closedPositions(sinceMs: number | null): Promise<PositionRecord[]> {
    const where = sinceMs === null
      ? and(eq(positions.status, 'closed'), isNotNull(positions.closedAt))
      : and(eq(positions.status, 'closed'), gte(positions.closedAt, new Date(sinceMs)));
    const rows = await this.db.select().from(positions).where(where).orderBy(asc(positions.closedAt), asc(positions.positionId));
    return rows.map(toPositionRecord);
  }
}
