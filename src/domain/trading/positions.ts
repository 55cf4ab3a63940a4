/**
 * Positions as folds over fills. One position per entry (hedging style): several alerts on
 * ES make several positions, each with its own bracket. Open quantity is kept as FIFO lots so
 * realized P&L is ticks × tick value per lot — exact in cents, no average-price rounding.
 */
import type { Fill } from './fills.js';
import type { InstrumentSpec } from './instruments.js';
import type { Cents, Micros } from './money.js';
import { pnlCents, type PositionSide } from './pnl.js';
import { specForSymbol } from './symbols.js';

export interface Lot {
  readonly qtyContracts: number;
  readonly priceMicros: Micros;
}

export interface Position {
  readonly positionId: string;
  readonly symbol: string;
  readonly side: PositionSide;
  /** Contracts still open (always ≥ 0; 0 once closed). */
  readonly qtyContracts: number;
  readonly openLots: readonly Lot[];
  /** Σ entry contracts and Σ contracts × price over entry fills: the exact average entry. */
  readonly entryQtyContracts: number;
  readonly entryCostMicros: number;
  readonly exitQtyContracts: number;
  /** Realized before commissions, and commissions paid on both sides so far. */
  readonly realizedGrossCents: Cents;
  readonly commissionsCents: Cents;
  readonly openedAtMs: number;
  readonly updatedAtMs: number;
  readonly closedAtMs: number | null;
}

export type PositionChange = 'opened' | 'increased' | 'reduced' | 'closed';

export type SpecResolver = (symbol: string) => InstrumentSpec | undefined;

/** Average entry price in micros; fractional when entry fills were at different prices. */
export function averageEntryMicros(position: Position): number {
  return position.entryCostMicros / position.entryQtyContracts;
}

export function realizedNetCents(position: Position): Cents {
  return position.realizedGrossCents - position.commissionsCents;
}

/** Mark-to-market P&L of the open lots at `markMicros` (gross of commissions). */
export function unrealizedCents(spec: InstrumentSpec, position: Position, markMicros: Micros): Cents {
  let total = 0;
  for (const lot of position.openLots) total += pnlCents(spec, position.side, lot.qtyContracts, lot.priceMicros, markMicros);
  return total;
}

function isEntry(side: PositionSide, fill: Fill): boolean {
  return (side === 'long') === (fill.side === 'buy');
}

function openPosition(fill: Fill): Position {
  return {
    positionId: fill.positionId, symbol: fill.symbol, side: fill.side === 'buy' ? 'long' : 'short',
    qtyContracts: fill.qtyContracts, openLots: [{ qtyContracts: fill.qtyContracts, priceMicros: fill.priceMicros }],
    entryQtyContracts: fill.qtyContracts, entryCostMicros: fill.qtyContracts * fill.priceMicros,
    exitQtyContracts: 0, realizedGrossCents: 0, commissionsCents: fill.commissionCents,
    openedAtMs: fill.atMs, updatedAtMs: fill.atMs, closedAtMs: null,
  };
}

function addToPosition(position: Position, fill: Fill): Position {
  return {
    ...position,
    qtyContracts: position.qtyContracts + fill.qtyContracts,
    openLots: [...position.openLots, { qtyContracts: fill.qtyContracts, priceMicros: fill.priceMicros }],
    entryQtyContracts: position.entryQtyContracts + fill.qtyContracts,
    entryCostMicros: position.entryCostMicros + fill.qtyContracts * fill.priceMicros,
    commissionsCents: position.commissionsCents + fill.commissionCents,
    updatedAtMs: fill.atMs,
  };
}

/** Close `fill.qtyContracts` against the open lots, oldest first. */
function reducePosition(spec: InstrumentSpec, position: Position, fill: Fill): Position {
  if (fill.qtyContracts > position.qtyContracts) {
    throw new RangeError(`fill ${fill.fillId} closes ${fill.qtyContracts} of ${position.qtyContracts} open in ${position.positionId}`);
  }
  let toClose = fill.qtyContracts;
  let realized = 0;
  const lots: Lot[] = [];
  for (const lot of position.openLots) {
    const used = Math.min(toClose, lot.qtyContracts);
    toClose -= used;
    if (used > 0) realized += pnlCents(spec, position.side, used, lot.priceMicros, fill.priceMicros);
    if (lot.qtyContracts > used) lots.push({ qtyContracts: lot.qtyContracts - used, priceMicros: lot.priceMicros });
  }
  const qtyContracts = position.qtyContracts - fill.qtyContracts;
  return {
    ...position, qtyContracts, openLots: lots,
    exitQtyContracts: position.exitQtyContracts + fill.qtyContracts,
    realizedGrossCents: position.realizedGrossCents + realized,
    commissionsCents: position.commissionsCents + fill.commissionCents,
    updatedAtMs: fill.atMs, closedAtMs: qtyContracts === 0 ? fill.atMs : null,
  };
}

/**
 * Apply one fill to the position it names (undefined = not seen yet, so the fill opens it).
 * A fill on a closed position, an unknown symbol or a symbol mismatch is a broken invariant.
 */
export function applyFill(position: Position | undefined, fill: Fill, resolve: SpecResolver = specForSymbol):
  { position: Position; change: PositionChange } {
  if (position === undefined) return { position: openPosition(fill), change: 'opened' };
  if (position.closedAtMs !== null) throw new RangeError(`fill ${fill.fillId} on closed position ${position.positionId}`);
  if (position.symbol !== fill.symbol) throw new RangeError(`fill ${fill.fillId} symbol ${fill.symbol} ≠ ${position.symbol}`);
  if (isEntry(position.side, fill)) return { position: addToPosition(position, fill), change: 'increased' };
  const spec = resolve(fill.symbol);
  if (!spec) throw new RangeError(`no instrument spec for ${fill.symbol}`);
  const next = reducePosition(spec, position, fill);
  return { position: next, change: next.qtyContracts === 0 ? 'closed' : 'reduced' };
}

/** All positions by id, kept current by `apply`. Mutable for the engine's sake; positions are not. */
export class PositionBook {
  private readonly byId = new Map<string, Position>();

  constructor(private readonly resolve: SpecResolver = specForSymbol) {}

  apply(fill: Fill): { position: Position; change: PositionChange } {
    const result = applyFill(this.byId.get(fill.positionId), fill, this.resolve);
    this.byId.set(fill.positionId, result.position);
    return result;
  }

  get(positionId: string): Position | undefined {
    return this.byId.get(positionId);
  }

  all(): Position[] {
    return [...this.byId.values()];
  }

  open(): Position[] {
    return this.all().filter((p) => p.qtyContracts > 0);
  }
}

/** Rebuild every position from stored fills (any order; replayed by `seq`). */
export function positionsFromFills(fills: readonly Fill[], resolve: SpecResolver = specForSymbol): PositionBook {
  const book = new PositionBook(resolve);
  for (const fill of [...fills].sort((a, b) => a.seq - b.seq)) book.apply(fill);
  return book;
}
