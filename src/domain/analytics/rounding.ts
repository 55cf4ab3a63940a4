/** Exact integer division for money averages: no float ever reaches a cent figure. */

/**
 * `numerator ÷ denominator` rounded half away from zero (−2.5 → −3, 2.5 → 3), exact for safe
 * integers: the quotient is computed in BigInt, so large totals cannot pick up float error.
 */
export function divRoundHalfAwayFromZero(numerator: number, denominator: number): number {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || denominator === 0) {
    throw new RangeError(`expected safe integers and a non-zero denominator, got ${numerator}/${denominator}`);
  }
  const n = BigInt(numerator);
  const d = BigInt(denominator);
  const quotient = n / d;
  const remainder = n % d;
  const abs = (x: bigint): bigint => (x < 0n ? -x : x);
  if (2n * abs(remainder) < abs(d)) return Number(quotient);
  const awayFromZero = (n < 0n) !== (d < 0n) ? -1n : 1n;
  return Number(quotient + awayFromZero);
}
