/** Builders for the engine's order and fill records; the lifecycle goes through the order table. */
import type { ExitPlan } from './exit-rules.js';
import type { Fill, FillReason, OrderSide } from './fills.js';
import type { Cents } from './money.js';
import { mustApply, type Order } from './orders.js';
import type { FillPrice } from './pricing.js';

export interface OrderDraft {
  readonly signalId: string | null;
  readonly positionId: string;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly qtyContracts: number;
  readonly purpose: FillReason;
  readonly targetIndex: number | null;
  readonly exitPlan: ExitPlan | null;
}

export function newOrder(d: OrderDraft, orderId: string, seq: number, atMs: number): Order {
  return { orderId, signalId: d.signalId, positionId: d.positionId, symbol: d.symbol, side: d.side, type: 'market',
    qtyContracts: d.qtyContracts, filledContracts: 0, purpose: d.purpose, targetIndex: d.targetIndex,
    exitPlan: d.exitPlan, status: 'new', statusReason: null, createdAtMs: atMs, updatedAtMs: atMs, seq };
}

/** A paper market order: accepted and filled in full at once. */
export function filledOrder(order: Order, atMs: number): Order {
  const accepted = mustApply(order, { kind: 'accept', atMs });
  return mustApply(accepted, { kind: 'fill', atMs, qtyContracts: order.qtyContracts });
}

export function rejectedOrder(order: Order, reasonCode: string, atMs: number): Order {
  return mustApply(order, { kind: 'reject', atMs, reasonCode });
}

export function fillFor(order: Order, price: FillPrice, commissionPerContractCents: Cents,
  fillId: string, seq: number, atMs: number): Fill {
  return {
    fillId, orderId: order.orderId, positionId: order.positionId, symbol: order.symbol, side: order.side,
    qtyContracts: order.qtyContracts, priceMicros: price.priceMicros,
    commissionCents: commissionPerContractCents * order.qtyContracts, atMs, priceSource: price.source,
    reason: order.purpose, targetIndex: order.targetIndex, slippageTicks: price.slippageTicks, seq,
  };
}
