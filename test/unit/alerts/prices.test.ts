import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalMicros, formatPrice } from '../../../src/domain/alerts/prices.js';
import { formatMicros, parseDecimal } from '../../../src/domain/trading/money.js';

describe('alert price formatting and reading', () => {
  it('GIVEN any non-negative price in micros WHEN formatted THEN it is the shortest exact decimal, as formatMicros(x, 0)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (m) => {
      expect(formatPrice(m)).toBe(formatMicros(m, 0));
    }), { numRuns: 5000 });
    expect([4_750_000_000, 16_250_500_000, 2_500_000, 700_000, 10_000].map(formatPrice)).toEqual(['4750', '16250.5', '2.5', '0.7', '0.01']);
  });

  it('GIVEN a payload number as a string or a number WHEN read THEN it equals parseDecimal, and junk is null', () => {
    const decimal = fc.tuple(fc.nat({ max: 99_999_999 }), fc.option(fc.stringMatching(/^[0-9]{1,8}$/), { nil: undefined }))
      .map(([int, frac]) => (frac === undefined ? String(int) : `${int}.${frac}`));
    fc.assert(fc.property(decimal, (text) => {
      expect(decimalMicros(text)).toBe(parseDecimal(text));
      expect(decimalMicros(Number(text))).toBe(parseDecimal(Number(text)));
    }), { numRuns: 5000 });
    for (const junk of ['', '.', 'NaN', '4750.25.1', '{{close}}', '1e5x']) expect(decimalMicros(junk)).toBeNull();
    expect(decimalMicros('$2.50')).toBe(2_500_000);
  });
});
