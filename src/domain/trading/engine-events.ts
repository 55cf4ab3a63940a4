/** What the paper engine returns: plain data the app stores, shows and sends on. */
import type { BracketProblem } from './exit-rules.js';
import type { StopMoveDraft } from './exit-manager.js';
import type { Fill } from './fills.js';
import type { Cents, Micros } from './money.js';
import type { Order } from './orders.js';
import type { PositionSide } from './pnl.js';
import type { PositionSelector } from './position-selector.js';
import type { Position, PositionChange } from './positions.js';

/** A journaled stop move (breakeven, trailing, alert, manual). */
export interface StopMove extends StopMoveDraft {
  readonly seq: number;
}

/** Why the engine did not fill: stable codes and the numbers behind them. */
export type EngineRejection =
  | { readonly code: 'UNKNOWN_SYMBOL'; readonly symbol: string }
  | { readonly code: 'INVALID_ALERT'; readonly field: string; readonly value: string | null }
  | { readonly code: 'NO_PRICE'; readonly symbol: string }
  | { readonly code: 'PRICE_OUT_OF_BAND'; readonly symbol: string; readonly alertPriceMicros: Micros;
      readonly marketPriceMicros: Micros; readonly deviationTicks: number; readonly deviationPercent: number;
      readonly maxTicks: number | null; readonly maxPercent: number | null }
  | { readonly code: 'INVALID_BRACKET'; readonly problem: BracketProblem['code'];
      readonly referenceMicros: Micros; readonly offendingMicros: Micros }
  | { readonly code: 'OPTION_BUDGET_TOO_SMALL'; readonly priceMicros: Micros;
      readonly costPerContractCents: Cents; readonly budgetCents: Cents }
  | { readonly code: 'NO_OPEN_POSITION'; readonly target: PositionSelector; readonly side: PositionSide | null };

export type RejectionCode = EngineRejection['code'];

export type EngineEvent =
  | { readonly type: 'order'; readonly order: Order }
  | { readonly type: 'fill'; readonly fill: Fill }
  | { readonly type: 'position'; readonly change: PositionChange; readonly position: Position }
  | { readonly type: 'stop_moved'; readonly move: StopMove }
  | { readonly type: 'rejected'; readonly signalId: string | null; readonly orderId: string | null;
      readonly atMs: number; readonly rejection: EngineRejection };

/** Everything a rebuild needs; the app stores these three record kinds as they are emitted. */
export interface EngineJournal {
  readonly orders: readonly Order[];
  readonly fills: readonly Fill[];
  readonly stopMoves: readonly StopMove[];
}

/** Collect the journal records out of emitted events (the latest snapshot of each order wins). */
export function journalFromEvents(events: Iterable<EngineEvent>): EngineJournal {
  const orders = new Map<string, Order>();
  const fills: Fill[] = [];
  const stopMoves: StopMove[] = [];
  for (const event of events) {
    if (event.type === 'order') orders.set(event.order.orderId, event.order);
    else if (event.type === 'fill') fills.push(event.fill);
    else if (event.type === 'stop_moved') stopMoves.push(event.move);
  }
  return { orders: [...orders.values()], fills, stopMoves };
}
