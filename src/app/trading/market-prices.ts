import type { PaperEngine } from '../../domain/trading/index.js';

export interface MarketPrices {
  bid: number | null;
  ask: number | null;
  last: number | null;
  /** One price for the symbol (last, else ask, else bid): option budgets and displays. */
  reference: number | null;
}

/** The engine's latest quote for a symbol, in micros. */
export function marketPrices(engine: PaperEngine, symbol: string): MarketPrices {
  const q = engine.latestQuote(symbol);
  if (!q) return { bid: null, ask: null, last: null, reference: null };
  return { bid: q.bidMicros, ask: q.askMicros, last: q.lastMicros, reference: q.lastMicros ?? q.askMicros ?? q.bidMicros };
}
