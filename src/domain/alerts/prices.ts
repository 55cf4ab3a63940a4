import { formatMicros, parseDecimal, snapToTick, type Micros } from '../trading/money.js';
import { REASON } from './reasons.js';
import type { Scorecard } from './score.js';

/**
 * Every price on an alert is printed the same way: the shortest exact decimal
 * (`formatMicros(x, 0)`): 4750, 16250.5, 2.5, 0.7.
 */
export function formatPrice(micros: Micros): string {
  if (micros < 0 || !Number.isSafeInteger(micros)) return formatMicros(micros, 0);
  const int = Math.floor(micros / 1_000_000);
  let frac = micros - int * 1_000_000;
  if (frac === 0) return String(int);
  let digits = 6;
  while (frac % 10 === 0) { frac /= 10; digits--; }
  const f = String(frac);
  return `${int}.${f.length < digits ? '0'.repeat(digits - f.length) + f : f}`;
}

/** Snap to the tick grid; an off-tick price is kept snapped and noted (a typo or a misread). */
export function snapPrice(card: Scorecard, field: string, micros: Micros, tick: Micros): Micros {
  const snapped = snapToTick(micros, tick);
  if (snapped !== micros) {
    card.penalize(field, 0.85, REASON.OFF_TICK,
      `${field} ${formatPrice(micros)} is off the ${formatPrice(tick)} tick; read as ${formatPrice(snapped)}`);
  }
  return snapped;
}

export function checkBand(card: Scorecard, field: string, micros: Micros, min: Micros, max: Micros, what: string): void {
  if (micros < min || micros > max) {
    card.penalize(field, 0.2, REASON.PRICE_IMPLAUSIBLE,
      `${field} ${formatPrice(micros)} is implausible for ${what} (expected ${formatPrice(min)}–${formatPrice(max)})`);
  }
}

/**
 * Compare with the last known quote. `band` is a fraction of the quote (0.01 = 1 %);
 * `floor` an absolute distance always tolerated (cheap options move in big percentages).
 */
export function checkMarket(card: Scorecard, field: string, micros: Micros, last: string | null | undefined,
  band: number, floor: Micros = 0): void {
  if (last === null || last === undefined) return;
  const lastMicros = parseDecimal(last);
  if (lastMicros === null || lastMicros <= 0) return;
  const allowed = Math.max(floor, lastMicros * band);
  if (Math.abs(micros - lastMicros) > allowed) {
    card.penalize(field, 0.5, REASON.FAR_FROM_MARKET,
      `${field} ${formatPrice(micros)} is far from the last price ${formatPrice(lastMicros)}`);
  }
}

/** A price or count from a payload (`"4750.25"`, `4750.25`, `2`) in micros; null when it is not an exact decimal. */
export function decimalMicros(v: string | number): Micros | null {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 9_000_000_000) return v * 1_000_000;
  return parseDecimal(v);
}
