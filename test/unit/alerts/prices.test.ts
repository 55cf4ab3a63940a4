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

  it('GIVEN any decimal text WHEN parsed THEN it equals exact BigInt arithmetic (the one-pass path and the general one agree)', () => {
    const decimal = fc.tuple(fc.constantFrom('', '', '', '-', '+', '$', ' '), fc.stringMatching(/^[0-9]{0,18}$/),
      fc.option(fc.stringMatching(/^[0-9]{0,9}$/), { nil: undefined }))
      .map(([prefix, int, frac]) => `${prefix}${int}${frac === undefined ? '' : `.${frac}`}`);
    fc.assert(fc.property(decimal, (text) => {
      expect(parseDecimal(text)).toBe(exactMicros(text));
    }), { numRuns: 20_000 });
    expect(['4750.25', '.7', '4750.', '0.000001', '1.0000000', '9007199254.740991', '9007199254.740992']
      .map((t) => parseDecimal(t))).toEqual([4_750_250_000, 700_000, 4_750_000_000, 1, 1_000_000, Number.MAX_SAFE_INTEGER, null]);
  });

  it('GIVEN a payload number as a string or a number WHEN read THEN it is the exact micros, and junk is null', () => {
    fc.assert(fc.property(fc.nat({ max: 9_000_000_000 }), (n) => {
      expect(decimalMicros(n)).toBe(n * 1_000_000);
      expect(decimalMicros(String(n))).toBe(n * 1_000_000);
    }), { numRuns: 2000 });
    expect([decimalMicros(4750.25), decimalMicros('4750.25'), decimalMicros(0.7)]).toEqual([4_750_250_000, 4_750_250_000, 700_000]);
    for (const junk of ['', '.', 'NaN', '4750.25.1', '{{close}}', '1e5x']) expect(decimalMicros(junk)).toBeNull();
    expect(decimalMicros('$2.50')).toBe(2_500_000);
  });
});

/** The oracle: sign, `$`, digits and one point, in BigInt; null past 6 non-zero decimals or past 2^53. */
function exactMicros(input: string): number | null {
  const m = /^([+-])?(\d*)(?:\.(\d*))?$/.exec(input.trim().replace(/^\$/, ''));
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return null;
  const frac = m[3] ?? '';
  if (/[1-9]/.test(frac.slice(6))) return null;
  const v = BigInt(m[2] || '0') * 1_000_000n + BigInt(frac.slice(0, 6).padEnd(6, '0'));
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  return m[1] === '-' ? -Number(v) : Number(v);
}
