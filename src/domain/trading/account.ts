import type { Cents, Micros } from './money.js';
import { realizedNetCents, unrealizedCents, type Position, type SpecResolver } from './positions.js';
import { specForSymbol } from './symbols.js';

/** 25,000 USD: the paper account's default starting balance. */
export const DEFAULT_STARTING_BALANCE_CENTS: Cents = 2_500_000;

/** Account totals, all in cents and all net of commissions where the name says net. */
export interface AccountView {
  readonly startingBalanceCents: Cents;
  readonly realizedGrossCents: Cents;
  readonly commissionsCents: Cents;
  readonly realizedNetCents: Cents;
  readonly unrealizedCents: Cents;
  /** starting balance + realized net + unrealized. */
  readonly equityCents: Cents;
  readonly openPositions: number;
  /** Open positions with no mark yet; they count 0 unrealized. */
  readonly unmarkedPositionIds: readonly string[];
}

/** Mark for an open position (longs at bid or last, shorts at ask or last), or null if none. */
export type MarkFor = (position: Position) => Micros | null;

export function accountView(startingBalanceCents: Cents, positions: Iterable<Position>, markFor: MarkFor,
  resolve: SpecResolver = specForSymbol): AccountView {
  let realizedGross = 0;
  let commissions = 0;
  let unrealized = 0;
  let open = 0;
  const unmarked: string[] = [];
  for (const position of positions) {
    realizedGross += position.realizedGrossCents;
    commissions += position.commissionsCents;
    if (position.qtyContracts === 0) continue;
    open += 1;
    const mark = markFor(position);
    const spec = resolve(position.symbol);
    if (mark === null || !spec) unmarked.push(position.positionId);
    else unrealized += unrealizedCents(spec, position, mark);
  }
  const realizedNet = realizedGross - commissions;
  return {
    startingBalanceCents, realizedGrossCents: realizedGross, commissionsCents: commissions,
    realizedNetCents: realizedNet, unrealizedCents: unrealized,
    equityCents: startingBalanceCents + realizedNet + unrealized, openPositions: open, unmarkedPositionIds: unmarked,
  };
}

/** Total P&L of one position, net: realized − commissions + unrealized at the mark (0 if none). */
export function positionNetPnlCents(position: Position, markMicros: Micros | null,
  resolve: SpecResolver = specForSymbol): Cents {
  const spec = resolve(position.symbol);
  const open = position.qtyContracts > 0 && markMicros !== null && spec ? unrealizedCents(spec, position, markMicros) : 0;
  return realizedNetCents(position) + open;
}
