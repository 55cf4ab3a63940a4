import type { QuoteUpdate } from '../../domain/alerts/index.js';
import type { QuoteSink } from '../ports.js';

type Listener = (quote: QuoteUpdate) => void;

/**
 * The latest webhook quote per symbol, and listeners for each new one: where TradingView quote
 * messages land until (and after) the paper engine subscribes to them.
 */
export class QuoteBook implements QuoteSink {
  private readonly latestBySymbol = new Map<string, QuoteUpdate>();
  private readonly listeners = new Set<Listener>();

  push(quote: QuoteUpdate): void {
    this.latestBySymbol.set(quote.symbol, quote);
    for (const listener of this.listeners) listener(quote);
  }

  latest(symbol: string): QuoteUpdate | null {
    return this.latestBySymbol.get(symbol) ?? null;
  }

  /** Returns the unsubscribe function. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
