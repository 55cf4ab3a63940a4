import type { QuoteUpdate } from '../../domain/alerts/index.js';
import { canonicalSymbol, type Quote } from '../../domain/trading/index.js';
import { parseDecimal } from '../../domain/trading/money.js';

/**
 * A quote as feeds send it (decimal strings, ISO time, any symbol spelling) → the engine's
 * Quote (micros, epoch ms, canonical symbol). Null when it carries no usable price or symbol.
 * A quote without a parseable time is stamped with the time it was received.
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
  return { symbol, bidMicros, askMicros, lastMicros, atMs: Number.isFinite(parsedMs) ? parsedMs : receivedAtMs };
}
