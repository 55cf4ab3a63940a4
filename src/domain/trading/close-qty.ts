import type { CloseAmount } from './alert-commands.js';
import { MICROS_PER_UNIT } from './money.js';

/**
 * Contracts to close of `openContracts` for "STC 50%" / "ES out" / "close 2": a fraction rounds
 * down but closes at least one contract (as T1 does); a count is capped at what is open.
 * A fraction is exact to a micro: "1/3" arrives as 0.333333, so each contract adds one micro of
 * slack before rounding down (6 × 0.333333 is 2 contracts, not 1).
 */
export function closeQty(openContracts: number, amount: CloseAmount): number {
  if (openContracts <= 0) return 0;
  if (amount.kind === 'contracts') return Math.min(Math.max(1, amount.qtyContracts), openContracts);
  if (amount.fractionMicros >= MICROS_PER_UNIT) return openContracts;
  const qty = Math.floor((openContracts * (amount.fractionMicros + 1)) / MICROS_PER_UNIT);
  return Math.min(Math.max(1, qty), openContracts);
}
