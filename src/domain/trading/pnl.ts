import type { InstrumentSpec } from './instruments.js';
import type { Cents, Micros } from './money.js';

export type PositionSide = 'long' | 'short';

/**
 * P&L in cents of `qtyContracts` held from `entryMicros` to `exitMicros`.
 *
 * Computed as ticks × tickValueCents: exact for prices on the tick grid, which every fill is.
 * A mark that is off the grid (a quote with more decimals than the tick) is rounded to the
 * nearest cent, half away from zero — marks are for display and limits, never booked.
 */
export function pnlCents(spec: InstrumentSpec, side: PositionSide, qtyContracts: number,
  entryMicros: Micros, exitMicros: Micros): Cents {
  const moveMicros = side === 'long' ? exitMicros - entryMicros : entryMicros - exitMicros;
  const numerator = moveMicros * qtyContracts * spec.tickValueCents;
  if (numerator % spec.tick === 0) return numerator / spec.tick;
  const rounded = Math.round(Math.abs(numerator) / spec.tick);
  return numerator < 0 ? -rounded : rounded;
}

/** Notional value in cents: price × point value × quantity (premium for options). */
export function notionalCents(spec: InstrumentSpec, priceMicros: Micros, qtyContracts: number): Cents {
  // price × point value stays below 2^53 for every plausible price; multiply by qty last.
  return Math.round((priceMicros * spec.pointValueCents) / 1_000_000) * qtyContracts;
}
