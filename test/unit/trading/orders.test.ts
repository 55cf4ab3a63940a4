import { describe, expect, it } from 'vitest';
import {
  applyOrderEvent, applyOrderEvents, isTerminal, ORDER_TRANSITIONS, type Order, type OrderEvent, type OrderEventKind,
  type OrderStatus,
} from '../../../src/domain/trading/orders.js';

const T = 1_000;

function order(status: OrderStatus, qtyContracts = 4, filledContracts = 0): Order {
  return {
    orderId: 'O1', signalId: 's1', positionId: 'P1', symbol: 'ES', side: 'buy', type: 'market', qtyContracts,
    filledContracts, purpose: 'entry', targetIndex: null, exitPlan: null, status, statusReason: null,
    createdAtMs: T, updatedAtMs: T, seq: 1,
  };
}

/** One event of each kind; `fill` fills what remains, `partial_fill` one contract of four. */
function eventFor(kind: OrderEventKind, o: Order): OrderEvent {
  switch (kind) {
    case 'accept': return { kind, atMs: T + 1 };
    case 'reject': return { kind, atMs: T + 1, reasonCode: 'PRICE_OUT_OF_BAND' };
    case 'cancel': return { kind, atMs: T + 1, reasonCode: 'USER' };
    case 'expire': return { kind, atMs: T + 1 };
    case 'fill': return { kind: 'fill', atMs: T + 1, qtyContracts: o.qtyContracts - o.filledContracts };
    case 'partial_fill': return { kind: 'fill', atMs: T + 1, qtyContracts: 1 };
  }
}

const STATUSES: OrderStatus[] = ['new', 'accepted', 'partially_filled', 'filled', 'cancelled', 'rejected', 'expired'];
const KINDS: OrderEventKind[] = ['accept', 'reject', 'partial_fill', 'fill', 'cancel', 'expire'];

/** The expected table, written out independently of the implementation's. */
const EXPECTED: Record<string, OrderStatus> = {
  'new/accept': 'accepted', 'new/reject': 'rejected', 'new/cancel': 'cancelled',
  'accepted/partial_fill': 'partially_filled', 'accepted/fill': 'filled', 'accepted/cancel': 'cancelled', 'accepted/expire': 'expired',
  'partially_filled/partial_fill': 'partially_filled', 'partially_filled/fill': 'filled',
  'partially_filled/cancel': 'cancelled', 'partially_filled/expire': 'expired',
};

describe('order status transition table', () => {
  const cases = STATUSES.flatMap((status) => KINDS.map((kind) => ({ status, kind, expected: EXPECTED[`${status}/${kind}`] ?? null })));

  it.each(cases)('GIVEN an order $status WHEN $kind THEN $expected (null = ILLEGAL_TRANSITION)', ({ status, kind, expected }) => {
    const o = order(status, 4, status === 'partially_filled' ? 1 : 0);
    const result = applyOrderEvent(o, eventFor(kind, o));
    if (expected === null) {
      expect(result).toEqual({ ok: false, error: { code: 'ILLEGAL_TRANSITION', orderId: 'O1', from: status, event: kind } });
    } else {
      expect(result.ok && result.order.status).toBe(expected);
    }
  });

  it('GIVEN the exported table THEN it is exactly the expected one and terminal states accept nothing', () => {
    const flat = Object.fromEntries(STATUSES.flatMap((s) => Object.entries(ORDER_TRANSITIONS[s]).map(([k, v]) => [`${s}/${k}`, v])));
    expect(flat).toEqual(EXPECTED);
    expect(STATUSES.filter(isTerminal)).toEqual(['filled', 'cancelled', 'rejected', 'expired']);
  });
});

describe('fills against an order', () => {
  it('GIVEN an accepted 4-lot WHEN filled 1, 2, then 1 THEN partially_filled twice and then filled with 4 filled', () => {
    const fills = [1, 2, 1].map((qty): OrderEvent => ({ kind: 'fill', atMs: T + qty, qtyContracts: qty }));
    const steps: OrderStatus[] = [];
    let current = order('accepted');
    for (const f of fills) {
      const r = applyOrderEvent(current, f);
      if (!r.ok) throw new Error(r.error.code);
      current = r.order;
      steps.push(current.status);
    }
    expect(steps).toEqual(['partially_filled', 'partially_filled', 'filled']);
    expect(current.filledContracts).toBe(4);
  });

  it('GIVEN 3 of 4 filled WHEN a 2-contract fill arrives THEN OVERFILL with the remaining and offered quantities', () => {
    const result = applyOrderEvent(order('partially_filled', 4, 3), { kind: 'fill', atMs: T, qtyContracts: 2 });
    expect(result).toEqual({ ok: false, error: { code: 'OVERFILL', orderId: 'O1', remainingContracts: 1, fillContracts: 2 } });
  });

  it.each([0, -1, 1.5])('GIVEN an accepted order WHEN a fill of %s contracts arrives THEN INVALID_FILL_QTY', (qty) => {
    const result = applyOrderEvent(order('accepted'), { kind: 'fill', atMs: T, qtyContracts: qty });
    expect(result.ok ? null : result.error.code).toBe('INVALID_FILL_QTY');
  });

  it('GIVEN a new order WHEN rejected THEN the reason code is kept and later events are refused', () => {
    const result = applyOrderEvents(order('new'), [
      { kind: 'reject', atMs: T + 5, reasonCode: 'NO_PRICE' },
      { kind: 'accept', atMs: T + 6 },
    ]);
    expect(result).toEqual({ ok: false, error: { code: 'ILLEGAL_TRANSITION', orderId: 'O1', from: 'rejected', event: 'accept' } });
    const rejected = applyOrderEvent(order('new'), { kind: 'reject', atMs: T + 5, reasonCode: 'NO_PRICE' });
    expect(rejected.ok && [rejected.order.statusReason, rejected.order.updatedAtMs]).toEqual(['NO_PRICE', T + 5]);
  });

  it('GIVEN an order WHEN an event is applied THEN the original order is not mutated', () => {
    const o = order('new');
    applyOrderEvent(o, { kind: 'accept', atMs: T + 1 });
    expect(o.status).toBe('new');
  });
});
