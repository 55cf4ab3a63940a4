import { describe, expect, it } from 'vitest';
import { closeQty } from '../../../src/domain/trading/close-qty.js';

const fraction = (fractionMicros: number) => ({ kind: 'fraction', fractionMicros }) as const;

describe('closeQty', () => {
  it('GIVEN a third written as 0.333333 WHEN closing 6 or 9 contracts THEN it closes 2 and 3', () => {
    expect(closeQty(6, fraction(333_333))).toBe(2);
    expect(closeQty(9, fraction(333_333))).toBe(3);
    expect(closeQty(3, fraction(666_667))).toBe(2);
  });

  it('GIVEN an exact fraction WHEN the share is not whole THEN it rounds down, closing at least one', () => {
    expect(closeQty(3, fraction(500_000))).toBe(1);
    expect(closeQty(5, fraction(500_000))).toBe(2);
    expect(closeQty(1, fraction(250_000))).toBe(1);
    expect(closeQty(7, fraction(900_000))).toBe(6);
  });

  it('GIVEN all or a count WHEN closing THEN it closes what is open, never more', () => {
    expect(closeQty(4, fraction(1_000_000))).toBe(4);
    expect(closeQty(4, { kind: 'contracts', qtyContracts: 9 })).toBe(4);
    expect(closeQty(0, fraction(500_000))).toBe(0);
  });
});
