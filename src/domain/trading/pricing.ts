/** Paper fill prices: the market's own price plus slippage, always rounded against the trader. */
import type { OrderSide, PriceSource } from './fills.js';
import type { InstrumentSpec } from './instruments.js';
import { snapToTick, type Micros } from './money.js';
import type { PriceBand } from './paper-config.js';
import type { Quote, QuoteSide } from './quotes.js';

export interface FillPrice {
  readonly priceMicros: Micros;
  readonly source: PriceSource;
  readonly slippageTicks: number;
}

/**
 * Move a reference price `slippageTicks` against the order (buys pay more, sells get less),
 * onto the tick grid in the same direction; a sell never goes below one tick.
 */
export function slipped(spec: InstrumentSpec, side: OrderSide, referenceMicros: Micros, slippageTicks: number): Micros {
  if (side === 'buy') return snapToTick(referenceMicros + slippageTicks * spec.tick, spec.tick, 'up');
  const price = snapToTick(referenceMicros - slippageTicks * spec.tick, spec.tick, 'down');
  return Math.max(price, spec.tick);
}

/** The quote price a market order takes: buys the ask, sells the bid, `last` when that side is empty. */
export function marketReference(quote: Quote | undefined, side: OrderSide): { priceMicros: Micros; source: QuoteSide } | null {
  if (quote === undefined) return null;
  const book = side === 'buy' ? quote.askMicros : quote.bidMicros;
  if (book !== null) return { priceMicros: book, source: side === 'buy' ? 'ask' : 'bid' };
  if (quote.lastMicros !== null) return { priceMicros: quote.lastMicros, source: 'last' };
  return null;
}

/**
 * A market order's paper fill: at the quote ± slippage, or — before any quote has arrived —
 * at the alert's price ± slippage, saying so (`source: 'alert'`). Null when neither exists.
 */
export function marketFill(spec: InstrumentSpec, side: OrderSide, quote: Quote | undefined,
  alertPriceMicros: Micros | null, slippageTicks: number): FillPrice | null {
  const ref = marketReference(quote, side);
  if (ref) return { priceMicros: slipped(spec, side, ref.priceMicros, slippageTicks), source: ref.source, slippageTicks };
  if (alertPriceMicros === null) return null;
  return { priceMicros: slipped(spec, side, alertPriceMicros, slippageTicks), source: 'alert', slippageTicks };
}

export interface BandBreach {
  readonly deviationTicks: number;
  /** Percent of the market price, rounded to 0.01. */
  readonly deviationPercent: number;
  readonly maxTicks: number | null;
  readonly maxPercent: number | null;
}

/** Is the alert's price too far from the market? Returns the numbers when it is. */
export function bandBreach(spec: InstrumentSpec, band: PriceBand, alertPriceMicros: Micros,
  marketMicros: Micros): BandBreach | null {
  const deviationMicros = Math.abs(alertPriceMicros - marketMicros);
  const deviationTicks = deviationMicros / spec.tick;
  const exactPercent = marketMicros > 0 ? (deviationMicros * 100) / marketMicros : Infinity;
  const overTicks = band.maxTicks !== null && deviationTicks > band.maxTicks;
  const overPercent = band.maxPercent !== null && exactPercent > band.maxPercent;
  if (!overTicks && !overPercent) return null;
  return { deviationTicks, deviationPercent: Math.round(exactPercent * 100) / 100,
    maxTicks: band.maxTicks, maxPercent: band.maxPercent };
}
