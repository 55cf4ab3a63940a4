import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { improves, stopTriggerPrice, targetTouched } from '../../../src/domain/trading/exit-rules.js';
import { exitablePriceMicros, type Quote } from '../../../src/domain/trading/quotes.js';
import { SymbolWatch, type Watched } from '../../../src/domain/trading/symbol-watch.js';

const TICK = 250_000;
const price = (ticks: number) => 4_750_000_000 + ticks * TICK;
const level = fc.option(fc.integer({ min: -30, max: 30 }).map(price), { nil: null });

const watched: fc.Arbitrary<Watched> = fc.record({
  side: fc.constantFrom('long' as const, 'short' as const),
  targets: fc.array(fc.integer({ min: -30, max: 30 }).map(price), { maxLength: 3 }),
  trailing: fc.constantFrom(null, { kind: 'ticks', ticks: 4 }),
  stopMicros: level,
  nextTarget: fc.integer({ min: 0, max: 3 }),
  bestMicros: level,
});

const quoteArb: fc.Arbitrary<Quote> = fc.record({
  symbol: fc.constant('ES'), bidMicros: level, askMicros: level, lastMicros: level, atMs: fc.constant(0),
});

/** Would this one bracket act on the quote? (The rules the exit manager applies per position.) */
function acts(t: Watched, q: Quote): boolean {
  if (t.stopMicros !== null && stopTriggerPrice(t.side, t.stopMicros, q) !== null) return true;
  const target = t.targets[t.nextTarget];
  if (target !== undefined && targetTouched(t.side, target, q)) return true;
  const px = exitablePriceMicros(q, t.side);
  return t.trailing !== null && t.bestMicros !== null && px !== null && improves(t.side, px, t.bestMicros);
}

describe('the per-symbol pre-filter', () => {
  it('PROPERTY: GIVEN any brackets on a symbol and any quote WHEN one of them would act THEN the watch lets the quote through', () => {
    fc.assert(fc.property(fc.array(watched, { maxLength: 12 }), fc.array(quoteArb, { minLength: 1, maxLength: 10 }), (items, quotes) => {
      const watch = new SymbolWatch<Watched>();
      watch.items.push(...items);
      watch.markDirty();
      for (const q of quotes) {
        if (items.some((t) => acts(t, q))) expect(watch.mayAct(q)).toBe(true);
      }
    }), { numRuns: 500 });
  });

  it('GIVEN a long with stop 4745 and T1 4755 WHEN the bid sits at 4750 THEN the quote is dismissed', () => {
    const watch = new SymbolWatch<Watched>();
    watch.items.push({ side: 'long', targets: [price(20)], trailing: null, stopMicros: price(-20), nextTarget: 0, bestMicros: null });
    expect(watch.mayAct({ symbol: 'ES', bidMicros: price(0), askMicros: price(1), lastMicros: price(0), atMs: 0 })).toBe(false);
    expect(watch.mayAct({ symbol: 'ES', bidMicros: price(-20), askMicros: price(-19), lastMicros: null, atMs: 0 })).toBe(true);
  });
});
