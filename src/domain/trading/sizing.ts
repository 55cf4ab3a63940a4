/**
 * Size mapping: the alert's letter or quantity → contracts. C = base, B = 2×C, A = 3×C;
 * an explicit quantity wins. Options default to a configured count, capped by a dollar budget.
 */
import type { SizeLetter } from '../alerts/types.js';
import type { Cents, Micros } from './money.js';

const SIZE_MULTIPLIER: Readonly<Record<SizeLetter, number>> = { A: 3, B: 2, C: 1 };

export function futuresContracts(size: SizeLetter | null, quantity: number | null, baseContracts: number): number {
  if (quantity !== null) return quantity;
  return SIZE_MULTIPLIER[size ?? 'C'] * baseContracts;
}

export type OptionSizing =
  | { readonly ok: true; readonly qtyContracts: number; readonly requestedContracts: number }
  | { readonly ok: false; readonly code: 'OPTION_BUDGET_TOO_SMALL'; readonly priceMicros: Micros;
      readonly costPerContractCents: Cents; readonly budgetCents: Cents };

/**
 * Option contracts for an entry: the alert's quantity or the default, then at most what the
 * budget buys at `priceMicros` (premium × 100 per contract). Unknown price → no cap applied.
 */
export function optionContracts(quantity: number | null, priceMicros: Micros | null,
  defaultContracts: number, budgetCents: Cents | null): OptionSizing {
  const requested = quantity ?? defaultContracts;
  if (budgetCents === null || priceMicros === null || priceMicros <= 0) {
    return { ok: true, qtyContracts: requested, requestedContracts: requested };
  }
  // Premium of one contract in cents: price (micros) × 100 shares / 10,000 micros per cent.
  const costPerContractCents = Math.ceil(priceMicros / 100);
  const affordable = Math.floor(budgetCents / costPerContractCents);
  if (affordable < 1) {
    return { ok: false, code: 'OPTION_BUDGET_TOO_SMALL', priceMicros, costPerContractCents, budgetCents };
  }
  return { ok: true, qtyContracts: Math.min(requested, affordable), requestedContracts: requested };
}
