import type { QuoteUpdate } from '../../domain/alerts/index.js';
import { canonicalSymbol, type Quote } from '../../domain/trading/index.js';
import { parseDecimal } from '../../domain/trading/money.js';

/** A quote stamped longer than this before it arrived is history, not a price to act on. */
export const MAX_QUOTE_LAG_MS = 24 * 3600 * 1000;

/**
 * A quote as feeds send it (decimal strings, ISO time, any symbol spelling) → the engine's
 * Quote (micros, epoch ms, canonical symbol). Null when it carries no usable price or symbol,
 * or was stamped more than a day before it arrived. A quote without a parseable time is
 * stamped with the time it was received, and so is one stamped in the future: the book drops
 * quotes older than the one it holds, so one quote from 2099 would freeze it (and its stops).
 */
export function toQuote(update: QuoteUpdate, receivedAtMs: number): Quote | null {
  const symbol = canonicalSymbol(update.symbol);
  if (!symbol) return null;
  const price = (text: string | null) => {
    if (text === null) return null;
    const micros = parseDecimal(text);
    return micros !== null && micros > 0 ? micros : null;
  };
  const bidMicros = price(update.bid);
  const askMicros = price(update.ask);
  const lastMicros = price(update.last);
  if (bidMicros === null && askMicros === null && lastMicros === null) return null;
  const parsedMs = Date.parse(update.ts);
  if (Number.isFinite(parsedMs) && receivedAtMs - parsedMs > MAX_QUOTE_LAG_MS) return null;
  const atMs = Number.isFinite(parsedMs) ? Math.min(parsedMs, receivedAtMs) : receivedAtMs;
  return { symbol, bidMicros, askMicros, lastMicros, atMs };
}
