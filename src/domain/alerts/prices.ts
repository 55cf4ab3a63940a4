import { formatMicros, parseDecimal, snapToTick, type Micros } from '../trading/money.js';
import { REASON } from './reasons.js';
import type { Scorecard } from './score.js';

/**
 * Every price on an alert is printed the same way: the shortest exact decimal
 * (`formatMicros(x, 0)`): 4750, 16250.5, 2.5, 0.7.
 */
export function formatPrice(micros: Micros): string {
  return formatMicros(micros, 0);
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
