import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EQUITY_OPTION, FUTURES, type InstrumentSpec } from '../../../src/domain/trading/instruments.js';
import { snapToTick } from '../../../src/domain/trading/money.js';
import { pnlCents } from '../../../src/domain/trading/pnl.js';
import { slipped } from '../../../src/domain/trading/pricing.js';
import { px } from './fixtures.js';

const SPECS: InstrumentSpec[] = [...Object.values(FUTURES), EQUITY_OPTION];
const spec = fc.constantFrom(...SPECS);

describe('P&L in cents is ticks × tick value', () => {
  it.each([
    // instrument, side, qty, entry, exit, expected cents — worked by hand from CME contract specs
    ['ES', 'long', 1, '4750.25', '4755.00', 23_750], // 19 ticks × $12.50
    ['ES', 'short', 2, '4750.00', '4739.75', 102_500], // 41 ticks × $12.50 × 2
    ['MES', 'long', 3, '4750.00', '4749.00', -1_500], // −4 ticks × $1.25 × 3
    ['NQ', 'long', 1, '17000.00', '17010.25', 20_500], // 41 ticks × $5
    ['MNQ', 'short', 5, '17000.00', '17000.25', -250], // −1 tick × $0.50 × 5
    ['YM', 'long', 1, '38000', '38012', 6_000], // 12 ticks × $5
    ['MYM', 'long', 2, '38000', '37990', -1_000], // −10 × $0.50 × 2
    ['RTY', 'short', 1, '2000.0', '1998.5', 7_500], // 15 ticks × $5
    ['M2K', 'long', 1, '2000.0', '2000.1', 50], // 1 tick × $0.50
  ] as const)('GIVEN %s %s %i from %s WHEN closed at %s THEN %i cents', (root, side, qty, entry, exit, cents) => {
    expect(pnlCents(FUTURES[root] as InstrumentSpec, side, qty, px(entry), px(exit))).toBe(cents);
  });

  it('GIVEN a long SPY call bought at 2.50 WHEN sold at 3.25 THEN 3 contracts make $225.00 (×100)', () => {
    expect(pnlCents(EQUITY_OPTION, 'long', 3, px('2.50'), px('3.25'))).toBe(22_500);
  });

  it('PROPERTY: on-grid prices give an integer number of cents equal to ticks × tick value × qty', () => {
    fc.assert(fc.property(spec, fc.integer({ min: 1, max: 400_000 }), fc.integer({ min: -4000, max: 4000 }),
      fc.integer({ min: 1, max: 100 }), fc.constantFrom('long' as const, 'short' as const), (s, entryTicks, moveTicks, qty, side) => {
        const entry = entryTicks * s.tick;
        const cents = pnlCents(s, side, qty, entry, entry + moveTicks * s.tick);
        expect(Number.isSafeInteger(cents)).toBe(true);
        expect(cents).toBe((side === 'long' ? 1 : -1) * moveTicks * s.tickValueCents * qty + 0);
      }));
  });
});

describe('tick snapping', () => {
  it('PROPERTY: a snapped price is on the grid, within half a tick (nearest) or one tick (up/down) on the right side, and idempotent', () => {
    fc.assert(fc.property(spec, fc.integer({ min: 0, max: 50_000_000_000 }), (s, raw) => {
      const nearest = snapToTick(raw, s.tick);
      const up = snapToTick(raw, s.tick, 'up');
      const down = snapToTick(raw, s.tick, 'down');
      for (const v of [nearest, up, down]) {
        expect(v % s.tick).toBe(0);
        expect(snapToTick(v, s.tick)).toBe(v);
      }
      expect(Math.abs(nearest - raw) * 2).toBeLessThanOrEqual(s.tick);
      expect(up).toBeGreaterThanOrEqual(raw);
      expect(up - raw).toBeLessThan(s.tick);
      expect(down).toBeLessThanOrEqual(raw);
      expect(raw - down).toBeLessThan(s.tick);
    }));
  });

  it('PROPERTY: slippage always moves the price against the trader by at least the configured ticks, onto the grid', () => {
    fc.assert(fc.property(spec, fc.integer({ min: 100, max: 50_000_000_000 }), fc.integer({ min: 0, max: 5 }), (s, ref, ticks) => {
      const buy = slipped(s, 'buy', ref, ticks);
      const sell = slipped(s, 'sell', ref, ticks);
      expect(buy % s.tick).toBe(0);
      expect(sell % s.tick).toBe(0);
      expect(buy - ref).toBeGreaterThanOrEqual(ticks * s.tick);
      expect(buy - ref).toBeLessThan((ticks + 1) * s.tick);
      expect(sell).toBeGreaterThanOrEqual(s.tick);
      if (ref - ticks * s.tick > s.tick) expect(ref - sell).toBeGreaterThanOrEqual(ticks * s.tick);
    }));
  });

  it('GIVEN an ES bid of 4740.00 WHEN a sell slips 1 tick THEN it fills at 4739.75; an off-grid 4740.10 rounds down to 4739.75 too', () => {
    const es = FUTURES.ES as InstrumentSpec;
    expect(slipped(es, 'sell', px('4740.00'), 1)).toBe(px('4739.75'));
    expect(slipped(es, 'sell', px('4740.10'), 1)).toBe(px('4739.75'));
    expect(slipped(es, 'buy', px('4740.10'), 1)).toBe(px('4740.50'));
  });
});
