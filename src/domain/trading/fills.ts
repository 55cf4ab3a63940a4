import type { Cents, Micros } from './money.js';

/** Which side of the book an order takes: buy lifts the ask, sell hits the bid. */
export type OrderSide = 'buy' | 'sell';

/**
 * Where a fill price came from, so a trader can always see it was a real market price:
 * the quote's ask/bid/last, the alert's own price when no quote had arrived yet, or a
 * resting target (limit) price that the market touched.
 */
export type PriceSource = 'ask' | 'bid' | 'last' | 'alert' | 'target';

/** Why an order exists; exits name the rule that fired. */
export type FillReason =
  | 'entry'
  | 'stop'
  | 'trailing_stop'
  | 'target'
  | 'alert_close'
  | 'end_of_day'
  | 'manual';

/**
 * An execution. Immutable: positions, P&L and the exit manager are folds over fills.
 * `priceMicros` is on the instrument's tick grid (the engine guarantees it).
 */
export interface Fill {
  readonly fillId: string;
  readonly orderId: string;
  readonly positionId: string;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly qtyContracts: number;
  readonly priceMicros: Micros;
  readonly commissionCents: Cents;
  readonly atMs: number;
  readonly priceSource: PriceSource;
  readonly reason: FillReason;
  /** 0-based index of the target that filled (reason 'target' only). */
  readonly targetIndex: number | null;
  /** Slippage applied to the reference price, in ticks (0 for target fills). */
  readonly slippageTicks: number;
  /** Global journal order (EngineJournal in engine-events.ts): rebuilds replay by it. */
  readonly seq: number;
}
