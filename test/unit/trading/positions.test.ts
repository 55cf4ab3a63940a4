import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accountView, positionNetPnlCents } from '../../../src/domain/trading/account.js';
import type { Fill, OrderSide } from '../../../src/domain/trading/fills.js';
import { FUTURES, type InstrumentSpec } from '../../../src/domain/trading/instruments.js';
import { fillLedger } from '../../../src/domain/trading/pnl-ledger.js';
import {
  applyFill, averageEntryMicros, positionsFromFills, realizedNetCents, unrealizedCents, type Position,
} from '../../../src/domain/trading/positions.js';
import { px } from './fixtures.js';

const ES = FUTURES.ES as InstrumentSpec;
let seq = 0;

function fill(positionId: string, side: OrderSide, qtyContracts: number, price: string, extra: Partial<Fill> = {}): Fill {
  seq += 1;
  return {
    fillId: `F${seq}`, orderId: `O${seq}`, positionId, symbol: 'ES', side, qtyContracts, priceMicros: px(price),
    commissionCents: 62 * qtyContracts, atMs: 1_000 + seq, priceSource: 'ask', reason: 'entry', targetIndex: null,
    slippageTicks: 1, seq, ...extra,
  };
}

function fold(fills: Fill[]): Position {
  let p: Position | undefined;
  for (const f of fills) p = applyFill(p, f).position;
  if (!p) throw new Error('no fills');
  return p;
}

describe('positions from fills', () => {
  it('GIVEN two long entries 2 @ 4750.00 and 1 @ 4751.00 THEN the average entry is exactly 4750.333… and 3 are open', () => {
    const p = fold([fill('P1', 'buy', 2, '4750.00'), fill('P1', 'buy', 1, '4751.00')]);
    expect(p.qtyContracts).toBe(3);
    expect(p.entryCostMicros).toBe(3 * px('4750') + px('1'));
    expect(averageEntryMicros(p) * 3).toBe(px('14251'));
  });

  it('GIVEN lots 2 @ 4750 and 1 @ 4751 WHEN 2 are sold at 4752 THEN FIFO realizes the 4750 lot: 16 ticks × $12.50 = $200.00 gross', () => {
    const p = fold([fill('P1', 'buy', 2, '4750.00'), fill('P1', 'buy', 1, '4751.00'), fill('P1', 'sell', 2, '4752.00', { reason: 'target' })]);
    expect(p.realizedGrossCents).toBe(20_000);
    expect(p.openLots).toEqual([{ qtyContracts: 1, priceMicros: px('4751') }]);
    expect(p.commissionsCents).toBe(62 * 5);
    expect(realizedNetCents(p)).toBe(20_000 - 310);
  });

  it('GIVEN a long 1 @ 4750 THEN it is marked at the bid; GIVEN a short 1 @ 4750 THEN at the ask (callers pass markMicros)', () => {
    const long = fold([fill('L', 'buy', 1, '4750.00')]);
    const short = fold([fill('S', 'sell', 1, '4750.00')]);
    expect(unrealizedCents(ES, long, px('4751.00'))).toBe(5_000);
    expect(unrealizedCents(ES, short, px('4751.25'))).toBe(-6_250);
  });

  it('GIVEN a closed position WHEN another fill names it THEN that is a broken invariant', () => {
    const closed = fold([fill('P1', 'buy', 1, '4750'), fill('P1', 'sell', 1, '4751', { reason: 'stop' })]);
    expect(closed.closedAtMs).not.toBeNull();
    expect(() => applyFill(closed, fill('P1', 'sell', 1, '4751'))).toThrow(RangeError);
  });

  it('GIVEN 1 open WHEN an exit of 2 arrives THEN it throws rather than flip the position', () => {
    expect(() => fold([fill('P1', 'buy', 1, '4750'), fill('P1', 'sell', 2, '4751', { reason: 'stop' })])).toThrow(RangeError);
  });

  it('GIVEN a $25,000 account, a closed +$200.00 trade and an open long marked +$50 THEN equity is start + realized net + open', () => {
    const fills = [fill('A', 'buy', 1, '4750'), fill('A', 'sell', 1, '4754', { reason: 'target' }), fill('B', 'buy', 1, '4750')];
    const book = positionsFromFills(fills);
    const view = accountView(2_500_000, book.all(), (p) => (p.positionId === 'B' ? px('4751') : null));
    expect(view).toMatchObject({ realizedGrossCents: 20_000, commissionsCents: 186, realizedNetCents: 19_814,
      unrealizedCents: 5_000, equityCents: 2_500_000 + 19_814 + 5_000, openPositions: 1, unmarkedPositionIds: [] });
    expect(positionNetPnlCents(book.get('B') as Position, px('4751'))).toBe(5_000 - 62);
  });
});

/** Random round trips on ES: each position is entered in 1–3 fills and exited in 1–3 fills. */
const roundTrip: fc.Arbitrary<RoundTrip> = fc.record({
  side: fc.constantFrom<OrderSide>('buy', 'sell'),
  entries: fc.array(fc.record({ qty: fc.integer({ min: 1, max: 5 }), ticks: fc.integer({ min: 15_000, max: 25_000 }) }), { minLength: 1, maxLength: 3 }),
  exits: fc.array(fc.integer({ min: 15_000, max: 25_000 }), { minLength: 1, maxLength: 3 }),
});

interface RoundTrip { side: OrderSide; entries: { qty: number; ticks: number }[]; exits: number[] }

function fillsFor(trips: RoundTrip[]): Fill[] {
  const out: Fill[] = [];
  let n = 0;
  const mk = (pid: string, side: OrderSide, qty: number, ticks: number): Fill => {
    n += 1;
    return { fillId: `F${n}`, orderId: `O${n}`, positionId: pid, symbol: 'ES', side, qtyContracts: qty, priceMicros: ticks * ES.tick,
      commissionCents: 62 * qty, atMs: n, priceSource: 'bid', reason: 'manual', targetIndex: null, slippageTicks: 0, seq: n };
  };
  trips.forEach((t, i) => {
    const pid = `P${i}`;
    const exitSide: OrderSide = t.side === 'buy' ? 'sell' : 'buy';
    let open = 0;
    for (const e of t.entries) {
      out.push(mk(pid, t.side, e.qty, e.ticks));
      open += e.qty;
    }
    t.exits.forEach((ticks, j) => {
      if (open === 0) return;
      const qty = j === t.exits.length - 1 ? open : Math.max(1, Math.floor(open / 2));
      out.push(mk(pid, exitSide, qty, ticks));
      open -= qty;
    });
  });
  return out;
}

describe('P&L conservation', () => {
  it('PROPERTY: over closed round trips, Σ realized net (commissions included) equals the equity change, and matches an independent VWAP sum', () => {
    fc.assert(fc.property(fc.array(roundTrip, { minLength: 1, maxLength: 12 }), (trips) => {
      const fills = fillsFor(trips);
      const book = positionsFromFills(fills);
      const view = accountView(2_500_000, book.all(), () => null);
      const perPosition = book.all().reduce((sum, p) => sum + realizedNetCents(p), 0);
      expect(view.equityCents - 2_500_000).toBe(perPosition);
      // Independent cash ledger: sells bring in price × point value, buys pay it, commissions cost.
      const cash = fills.reduce((sum, f) => sum + (f.side === 'sell' ? 1 : -1) * (f.priceMicros / ES.tick) * ES.tickValueCents * f.qtyContracts
        - f.commissionCents, 0);
      expect(perPosition).toBe(cash);
      expect(book.open()).toEqual([]);
    }));
  });

  it('PROPERTY: per-fill realized amounts from the ledger add up to each position\'s realized P&L', () => {
    fc.assert(fc.property(fc.array(roundTrip, { minLength: 1, maxLength: 8 }), (trips) => {
      const { book, entries } = fillLedger(fillsFor(trips));
      for (const p of book.all()) {
        const mine = entries.filter((e) => e.positionId === p.positionId);
        expect(mine.reduce((s, e) => s + e.realizedGrossCents, 0)).toBe(p.realizedGrossCents);
        expect(mine.reduce((s, e) => s + e.commissionCents, 0)).toBe(p.commissionsCents);
      }
    }));
  });

  it('PROPERTY: rebuilding positions from the same fills in any storage order gives identical positions', () => {
    fc.assert(fc.property(fc.array(roundTrip, { minLength: 1, maxLength: 8 }), fc.integer(), (trips, seed) => {
      const fills = fillsFor(trips);
      const shuffled = [...fills].sort((a, b) => ((a.seq * 7919 + seed) % 101) - ((b.seq * 7919 + seed) % 101));
      expect(positionsFromFills(shuffled).all().sort((a, b) => a.positionId.localeCompare(b.positionId)))
        .toEqual(positionsFromFills(fills).all().sort((a, b) => a.positionId.localeCompare(b.positionId)));
    }));
  });
});
