import type { Quote } from './quotes.js';

/**
 * Latest quote per symbol. Out-of-order quotes (older than the one held) are dropped, and a
 * quote older than `maxAgeMs` at the time of an order is not used to price it.
 */
export class QuoteBook {
  private readonly latest = new Map<string, Quote>();

  constructor(private readonly maxAgeMs: number | null = null) {}

  /** Keep `quote` if it is not older than the one held; false when it was dropped. */
  update(quote: Quote): boolean {
    const previous = this.latest.get(quote.symbol);
    if (previous !== undefined && quote.atMs < previous.atMs) return false;
    this.latest.set(quote.symbol, quote);
    return true;
  }

  all(): Quote[] {
    return [...this.latest.values()];
  }

  get(symbol: string): Quote | undefined {
    return this.latest.get(symbol);
  }

  /** The latest quote if it is fresh enough to fill an order placed at `atMs`. */
  fresh(symbol: string, atMs: number): Quote | undefined {
    const quote = this.latest.get(symbol);
    if (quote === undefined || this.maxAgeMs === null) return quote;
    return atMs - quote.atMs <= this.maxAgeMs ? quote : undefined;
  }
}
