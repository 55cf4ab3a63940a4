/**
 * Order lifecycle as an explicit (status, event) → status table, NautilusTrader style.
 * Anything not in the table is illegal and comes back as a typed error, never a silent no-op.
 */
import type { ExitPlan } from './exit-rules.js';
import type { FillReason, OrderSide } from './fills.js';

export type OrderStatus =
  | 'new'
  | 'accepted'
  | 'partially_filled'
  | 'filled'
  | 'cancelled'
  | 'rejected'
  | 'expired';

/** `fill` means "fills the remaining quantity"; a smaller fill is a `partial_fill`. */
export type OrderEventKind = 'accept' | 'reject' | 'partial_fill' | 'fill' | 'cancel' | 'expire';

/** The whole table. Terminal states (filled, cancelled, rejected, expired) accept nothing. */
export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, Readonly<Partial<Record<OrderEventKind, OrderStatus>>>>> = {
  new: { accept: 'accepted', reject: 'rejected', cancel: 'cancelled' },
  accepted: { partial_fill: 'partially_filled', fill: 'filled', cancel: 'cancelled', expire: 'expired' },
  partially_filled: { partial_fill: 'partially_filled', fill: 'filled', cancel: 'cancelled', expire: 'expired' },
  filled: {},
  cancelled: {},
  rejected: {},
  expired: {},
};

export function isTerminal(status: OrderStatus): boolean {
  return Object.keys(ORDER_TRANSITIONS[status]).length === 0;
}

export interface Order {
  readonly orderId: string;
  /** The signal (alert) that caused the order; null for exits the engine raised itself. */
  readonly signalId: string | null;
  readonly positionId: string;
  readonly symbol: string;
  readonly side: OrderSide;
  /** Market orders only: the paper engine and the exit manager never rest orders on a book. */
  readonly type: 'market';
  readonly qtyContracts: number;
  readonly filledContracts: number;
  readonly purpose: FillReason;
  readonly targetIndex: number | null;
  /** Entry orders carry the bracket that the exit manager will watch. */
  readonly exitPlan: ExitPlan | null;
  readonly status: OrderStatus;
  /** Stable code of the reason when rejected/cancelled/expired, else null. */
  readonly statusReason: string | null;
  readonly createdAtMs: number;
  readonly updatedAtMs: number;
  /** Global journal order of the order's creation (EngineJournal in engine-events.ts). */
  readonly seq: number;
}

export type OrderEvent =
  | { readonly kind: 'accept'; readonly atMs: number }
  | { readonly kind: 'reject'; readonly atMs: number; readonly reasonCode: string }
  | { readonly kind: 'fill'; readonly atMs: number; readonly qtyContracts: number }
  | { readonly kind: 'cancel'; readonly atMs: number; readonly reasonCode: string }
  | { readonly kind: 'expire'; readonly atMs: number };

export type OrderTransitionError =
  | { readonly code: 'ILLEGAL_TRANSITION'; readonly orderId: string; readonly from: OrderStatus; readonly event: OrderEventKind }
  | { readonly code: 'OVERFILL'; readonly orderId: string; readonly remainingContracts: number; readonly fillContracts: number }
  | { readonly code: 'INVALID_FILL_QTY'; readonly orderId: string; readonly fillContracts: number };

export type OrderTransitionResult =
  | { readonly ok: true; readonly order: Order }
  | { readonly ok: false; readonly error: OrderTransitionError };

/** Resolve a fill into `fill` or `partial_fill` by the quantity still open. */
function eventKind(order: Order, event: OrderEvent): OrderEventKind {
  if (event.kind !== 'fill') return event.kind;
  return order.filledContracts + event.qtyContracts === order.qtyContracts ? 'fill' : 'partial_fill';
}

function fillError(order: Order, event: OrderEvent): OrderTransitionError | null {
  if (event.kind !== 'fill') return null;
  const qty = event.qtyContracts;
  if (!Number.isInteger(qty) || qty <= 0) return { code: 'INVALID_FILL_QTY', orderId: order.orderId, fillContracts: qty };
  const remaining = order.qtyContracts - order.filledContracts;
  if (qty > remaining) return { code: 'OVERFILL', orderId: order.orderId, remainingContracts: remaining, fillContracts: qty };
  return null;
}

/** Apply one lifecycle event. Pure: returns a new order or a typed error. */
export function applyOrderEvent(order: Order, event: OrderEvent): OrderTransitionResult {
  const kind = eventKind(order, event);
  const next = ORDER_TRANSITIONS[order.status][kind];
  if (next === undefined) {
    return { ok: false, error: { code: 'ILLEGAL_TRANSITION', orderId: order.orderId, from: order.status, event: kind } };
  }
  const qtyError = fillError(order, event);
  if (qtyError) return { ok: false, error: qtyError };
  const filledContracts = event.kind === 'fill' ? order.filledContracts + event.qtyContracts : order.filledContracts;
  const statusReason = event.kind === 'reject' || event.kind === 'cancel' ? event.reasonCode
    : event.kind === 'expire' ? 'EXPIRED' : order.statusReason;
  return { ok: true, order: { ...order, status: next, filledContracts, statusReason, updatedAtMs: event.atMs } };
}

/** Apply events in order; stops at the first error (broken invariant for the caller). */
export function applyOrderEvents(order: Order, events: readonly OrderEvent[]): OrderTransitionResult {
  let current: OrderTransitionResult = { ok: true, order };
  for (const event of events) {
    if (!current.ok) return current;
    current = applyOrderEvent(current.order, event);
  }
  return current;
}

/** Unwrap a transition the caller knows is legal; an error here is a bug, so it throws. */
export function mustApply(order: Order, event: OrderEvent): Order {
  const result = applyOrderEvent(order, event);
  if (!result.ok) throw new Error(`order ${order.orderId}: ${result.error.code}`);
  return result.order;
}
