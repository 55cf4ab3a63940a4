import type { EngineEvent, Fill, Order, PaperEngine, Position, StopMove } from '../../domain/trading/index.js';
import { specForSymbol } from '../../domain/trading/index.js';
import { formatMicros } from '../../domain/trading/money.js';
import type { FillRecord, JournalBatch, PositionRecord } from '../ports.js';

/** Realized-gross seen per position so far, to attribute each fill's realized P&L. */
export type RealizedTracker = Map<string, number>;

/** What the desk remembers of each position's entry order: the signal behind it and its targets. */
export type EntryIndex = Map<string, { signalId: string | null; targetsMicros: readonly number[]; targetsHit: number }>;

/** Count a target fill against its position (targets fill in order, T1 first). */
export function noteTargetFill(index: EntryIndex, fill: Fill): void {
  const entry = index.get(fill.positionId);
  if (entry && fill.reason === 'target' && fill.targetIndex !== null) entry.targetsHit = Math.max(entry.targetsHit, fill.targetIndex + 1);
}

/** Remember entry orders (from a rebuilt journal or new events). */
export function indexEntries(index: EntryIndex, orders: Iterable<Order>): void {
  for (const o of orders) {
    if (o.purpose === 'entry' && !index.has(o.positionId)) {
      index.set(o.positionId, { signalId: o.signalId, targetsMicros: o.exitPlan?.targetsMicros ?? [], targetsHit: 0 });
    }
  }
}

export interface BatchParts {
  batch: JournalBatch;
  fills: FillRecord[];
  stopMoves: StopMove[];
  rejections: Extract<EngineEvent, { type: 'rejected' }>[];
}

const text = (micros: number | null): string | null => (micros === null ? null : formatMicros(micros, 0));

/**
 * Fold engine events into one journal batch (latest order snapshots, fills with the P&L each
 * realized, stop moves) and the read model of every position they touched.
 */
export function batchFromEvents(engine: PaperEngine, events: readonly EngineEvent[], realized: RealizedTracker,
  entries: EntryIndex, meta: { broker: string; mode: string; basedOn: number }): BatchParts {
  const orders = new Map<string, Order>();
  const fills: { fill: Fill; realizedNetCents: number }[] = [];
  const stopMoves: StopMove[] = [];
  const rejections: BatchParts['rejections'] = [];
  const touched = new Set<string>();
  const pending = new Map<string, Fill[]>();
  for (const event of events) {
    if (event.type === 'order') orders.set(event.order.orderId, event.order);
    else if (event.type === 'fill') {
      touched.add(event.fill.positionId);
      pending.set(event.fill.positionId, [...(pending.get(event.fill.positionId) ?? []), event.fill]);
    } else if (event.type === 'position') {
      for (const fill of pending.get(event.position.positionId) ?? []) {
        const before = realized.get(fill.positionId) ?? 0;
        realized.set(fill.positionId, event.position.realizedGrossCents);
        fills.push({ fill, realizedNetCents: event.position.realizedGrossCents - before - fill.commissionCents });
      }
      pending.delete(event.position.positionId);
    } else if (event.type === 'stop_moved') {
      stopMoves.push(event.move);
      touched.add(event.move.positionId);
    } else rejections.push(event);
  }
  indexEntries(entries, orders.values());
  for (const { fill } of fills) noteTargetFill(entries, fill);
  const positions = [...touched].flatMap((id) => {
    const record = positionRecord(engine, id, entries, meta);
    return record ? [record] : [];
  });
  return {
    batch: { ...meta, orders: [...orders.values()], fills, stopMoves, positions, signal: null },
    fills: fills.map(({ fill, realizedNetCents }) => fillRecord(fill, realizedNetCents)),
    stopMoves, rejections,
  };
}

export function fillRecord(fill: Fill, realizedNetCents: number): FillRecord {
  return {
    fillId: fill.fillId, positionId: fill.positionId, symbol: fill.symbol, side: fill.side, qty: fill.qtyContracts,
    price: formatMicros(fill.priceMicros, 0), priceSource: fill.priceSource, reason: fill.reason, targetIndex: fill.targetIndex,
    commissionCents: fill.commissionCents, realizedNetCents, filledAtMs: fill.atMs,
  };
}

/** The read model of one engine position, with its bracket (stop, targets) if still tracked. */
export function positionRecord(engine: PaperEngine, positionId: string, entries: EntryIndex,
  meta: { broker: string; mode: string }): PositionRecord | null {
  const position = engine.position(positionId);
  if (!position) return null;
  const entry = entries.get(positionId);
  const bracket = engine.bracket(positionId);
  return toRecord(position, bracket, bracket?.targetsMicros ?? entry?.targetsMicros ?? [], entry?.signalId ?? null,
    entry?.targetsHit ?? 0, meta);
}

function toRecord(position: Position, bracket: ReturnType<PaperEngine['bracket']>, targetsMicros: readonly number[],
  signalId: string | null, targetsHit: number, meta: { broker: string; mode: string }): PositionRecord {
  const avg = Math.round(position.entryCostMicros / position.entryQtyContracts);
  return {
    id: position.positionId, signalId: signalId === null ? null : Number(signalId), broker: meta.broker, mode: meta.mode,
    symbol: position.symbol, assetClass: specForSymbol(position.symbol)?.assetClass ?? 'futures', side: position.side,
    qtyOpen: position.qtyContracts, qtyEntered: position.entryQtyContracts, avgEntry: formatMicros(avg, 0),
    stop: text(bracket?.stopMicros ?? null), targets: targetsMicros.map((t) => formatMicros(t, 0)),
    targetsHit: bracket?.nextTargetIndex ?? targetsHit, status: position.qtyContracts === 0 ? 'closed' : 'open',
    realizedGrossCents: position.realizedGrossCents, commissionCents: position.commissionsCents,
    openedAtMs: position.openedAtMs, updatedAtMs: position.updatedAtMs, closedAtMs: position.closedAtMs,
  };
}

