import type { PaperEngine } from '../../domain/trading/index.js';
import { parseOcc, specForSymbol } from '../../domain/trading/index.js';
import { formatMicros } from '../../domain/trading/money.js';
import { unrealizedCents } from '../../domain/trading/positions.js';
import { exitableQuote, type QuoteSide } from '../../domain/trading/quotes.js';
import { realizedNetOf, type PositionRecord, type TradeStore } from '../ports.js';

export interface Mark {
  /** Decimal string: the price the position could be closed at now. */
  price: string;
  /** Longs are marked at the bid, shorts at the ask; `last` when that side is missing. */
  source: QuoteSide;
  quoteAtMs: number;
}

export interface OpenPositionView {
  position: PositionRecord;
  mark: Mark | null;
  /** Mark-to-market of the contracts still open, gross of commissions; null without a quote. */
  unrealizedCents: number | null;
  /** Realized so far (partial exits) net of every commission paid on the position. */
  realizedNetCents: number;
}

export interface OpenPositionDeps {
  trades: TradeStore;
  engine: PaperEngine;
}

/** A position matches a symbol by its own symbol, or by the underlying of an OCC option symbol. */
export function matchesSymbol(positionSymbol: string, wanted: string): boolean {
  const upper = wanted.trim().toUpperCase();
  return positionSymbol === upper || parseOcc(positionSymbol)?.underlying === upper;
}

export function viewOf(position: PositionRecord, engine: PaperEngine): OpenPositionView {
  const base = { position, mark: null, unrealizedCents: null, realizedNetCents: realizedNetOf(position) };
  const live = engine.position(position.id);
  const quote = engine.latestQuote(position.symbol);
  const spec = specForSymbol(position.symbol);
  if (!live || !quote || !spec) return base;
  const exit = exitableQuote(quote, position.side);
  if (!exit) return base;
  return {
    ...base,
    mark: { price: formatMicros(exit.priceMicros, 0), source: exit.source, quoteAtMs: quote.atMs },
    unrealizedCents: unrealizedCents(spec, live, exit.priceMicros),
  };
}

/** /positions: open positions (all, or one symbol) with live unrealized P&L from the latest quote. */
export async function listOpenPositions(deps: OpenPositionDeps, symbol: string | null): Promise<OpenPositionView[]> {
  const open = await deps.trades.openPositions();
  const wanted = symbol === null ? open : open.filter((p) => matchesSymbol(p.symbol, symbol));
  return wanted.map((p) => viewOf(p, deps.engine));
}
