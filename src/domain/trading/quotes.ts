import type { Micros } from './money.js';
import type { PositionSide } from './pnl.js';

/**
 * A top-of-book snapshot for one symbol. Any of bid/ask/last may be missing (the quote-feed
 * contract allows it). Prices are micros; `atMs` is the feed's timestamp (epoch ms, UTC).
 */
export interface Quote {
  readonly symbol: string;
  readonly bidMicros: Micros | null;
  readonly askMicros: Micros | null;
  readonly lastMicros: Micros | null;
  readonly atMs: number;
}

export type QuoteSide = 'bid' | 'ask' | 'last';

/** A price and which field of the quote it came from. */
export interface QuotedPrice {
  readonly priceMicros: Micros;
  readonly source: QuoteSide;
}

/**
 * The price a position could be closed at right now — longs sell at the bid, shorts buy at
 * the ask; `last` stands in when that side of the book is missing. Also the mark for P&L.
 */
export function exitableQuote(quote: Quote, side: PositionSide): QuotedPrice | null {
  const book = side === 'long' ? quote.bidMicros : quote.askMicros;
  if (book !== null) return { priceMicros: book, source: side === 'long' ? 'bid' : 'ask' };
  if (quote.lastMicros !== null) return { priceMicros: quote.lastMicros, source: 'last' };
  return null;
}

/** The price a new position would be opened at: longs lift the ask, shorts hit the bid. */
export function enterableQuote(quote: Quote, side: PositionSide): QuotedPrice | null {
  return exitableQuote(quote, side === 'long' ? 'short' : 'long');
}

/** Mark price for a position (longs at bid or last, shorts at ask or last). */
export function markMicros(quote: Quote, side: PositionSide): Micros | null {
  return exitableQuote(quote, side)?.priceMicros ?? null;
}

/** Allocation-free form of `exitableQuote` for the per-quote hot path. */
export function exitablePriceMicros(quote: Quote, side: PositionSide): Micros | null {
  const book = side === 'long' ? quote.bidMicros : quote.askMicros;
  return book ?? quote.lastMicros;
}
