import type { InstrumentSpec } from '../trading/instruments.js';
import { parseDecimal } from '../trading/money.js';
import { lastPriceOf, type ParseContext } from './context.js';
import type { OpenFields } from './futures-fields.js';
import type { OpenAnchor } from './futures.js';
import { checkBand, checkMarket, formatPrice, snapPrice } from './prices.js';
import { REASON } from './reasons.js';
import type { Scorecard } from './score.js';
import type { FuturesAlert, Side } from './types.js';

/** A stop farther than this share of the entry is not an intraday stop: a misread or a typo. */
const MAX_STOP_SHARE = 0.03;
/** Likewise for targets. */
const MAX_TARGET_SHARE = 0.1;

/**
 * Turn read fields into a checked open alert: snap to tick, plausibility for the instrument,
 * stop and targets on the right side of the entry and in order, distance from the market.
 */
export function checkOpen(f: OpenFields, side: Side, anchor: OpenAnchor, spec: InstrumentSpec | undefined,
  card: Scorecard, ctx: ParseContext): FuturesAlert {
  const symbol = anchor.root ?? anchor.symbolText;
  if (spec === undefined) {
    card.penalize('symbol', 0.2, REASON.UNKNOWN_SYMBOL, `${symbol} is not in the instrument table`);
  }
  const entry = f.entry === null ? null : price(card, spec, 'entry', f.entry);
  let stop = f.stop === null ? null : price(card, spec, 'stop', f.stop);
  if (stop === null && f.stopDistance !== null && entry !== null) stop = stopFromDistance(f, entry, side, spec);
  const targets: number[] = [];
  for (const t of f.targets) targets.push(price(card, spec, 'targets', t));
  const missingStopScore = ctx.channel === 'tradingview' ? 0.95 : 0.7;
  if (stop === null) card.penalize('stop', missingStopScore, REASON.MISSING_STOP, 'no stop');
  if (entry === null && !f.market) {
    card.penalize('entry', ctx.channel === 'tradingview' ? 0.95 : 0.6, REASON.MISSING_ENTRY, 'no entry price');
  }
  const last = spec === undefined ? null : lastPriceOf(ctx, spec.root);
  if (entry !== null) checkMarket(card, 'entry', entry, last, ctx.futuresMarketBand);
  // An entry "here" is checked against the last price when one is known.
  checkSides(card, side, entry ?? (last === null ? null : parseDecimal(last)), stop, targets);
  if (f.quantity !== null && (f.quantity < 1 || f.quantity > 500)) {
    card.penalize('quantity', 0.3, REASON.QUANTITY_IMPLAUSIBLE, `${f.quantity} contracts`);
  }
  if (f.quantity !== null && f.size !== null) {
    card.penalize('quantity', 0.6, REASON.QUANTITY_AMBIGUOUS, `both ${f.quantity} contracts and size ${f.size}`);
  }
  return {
    kind: 'futures', action: 'open', symbol, side, entry: entry === null ? null : formatPrice(entry),
    stop: stop === null ? null : formatPrice(stop), targets: targets.map(formatPrice), size: f.size,
    quantity: f.quantity, fraction: null, newStop: null, tags: f.tags,
  };
}

/** Snap to the instrument's tick and check its band; an unknown instrument's prices stay as written. */
function price(card: Scorecard, spec: InstrumentSpec | undefined, field: string, micros: number): number {
  if (spec === undefined) return micros;
  const snapped = snapPrice(card, field, micros, spec.tick);
  checkBand(card, field, snapped, spec.plausibleMin, spec.plausibleMax, spec.root);
  return snapped;
}

function stopFromDistance(f: OpenFields, entry: number, side: Side, spec: InstrumentSpec | undefined): number | null {
  const d = f.stopDistance;
  if (d === null) return null;
  const distance = d.unit === 'ticks' ? (spec === undefined ? null : (d.amount / 1_000_000) * spec.tick) : d.amount;
  if (distance === null) return null;
  return side === 'long' ? entry - distance : entry + distance;
}

/** Stop below a long's entry and targets above it, rising (mirrored for a short). */
function checkSides(card: Scorecard, side: Side, entry: number | null, stop: number | null, targets: number[]): void {
  const sign = side === 'long' ? 1 : -1;
  if (entry !== null && stop !== null) {
    if ((entry - stop) * sign <= 0) {
      card.penalize('stop', 0.3, REASON.STOP_WRONG_SIDE, `stop ${formatPrice(stop)} is not ${side === 'long' ? 'below' : 'above'} the entry ${formatPrice(entry)}`);
    } else if (Math.abs(entry - stop) > entry * MAX_STOP_SHARE) {
      card.penalize('stop', 0.5, REASON.PRICE_IMPLAUSIBLE, `stop ${formatPrice(stop)} is too far from the entry`);
    }
  }
  const base = entry ?? stop;
  for (const t of targets) {
    if (base !== null && (t - base) * sign <= 0) {
      card.penalize('targets', 0.4, REASON.TARGET_WRONG_SIDE, `target ${formatPrice(t)} is on the wrong side of ${entry !== null ? 'the entry' : 'the stop'}`);
    } else if (entry !== null && Math.abs(t - entry) > entry * MAX_TARGET_SHARE) {
      card.penalize('targets', 0.5, REASON.PRICE_IMPLAUSIBLE, `target ${formatPrice(t)} is too far from the entry`);
    }
  }
  for (let i = 1; i < targets.length; i++) {
    if (((targets[i] as number) - (targets[i - 1] as number)) * sign <= 0) {
      card.penalize('targets', 0.5, REASON.TARGETS_OUT_OF_ORDER, `targets ${targets.map(formatPrice).join(', ')} are not in order`);
      break;
    }
  }
}
