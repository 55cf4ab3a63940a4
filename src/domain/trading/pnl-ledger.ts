/** Per-fill realized P&L: what each exit fill booked, for daily totals, streaks and reports. */
import type { Fill } from './fills.js';
import type { Cents } from './money.js';
import { PositionBook, type SpecResolver } from './positions.js';
import { specForSymbol } from './symbols.js';

export interface FillPnl {
  readonly fillId: string;
  readonly positionId: string;
  readonly symbol: string;
  readonly atMs: number;
  readonly reason: Fill['reason'];
  /** Realized by this fill before commission (0 for entries). */
  readonly realizedGrossCents: Cents;
  readonly commissionCents: Cents;
}

/** Replay fills (by seq) and report what each one realized; also returns the resulting book. */
export function fillLedger(fills: readonly Fill[], resolve: SpecResolver = specForSymbol): { book: PositionBook; entries: FillPnl[] } {
  const book = new PositionBook(resolve);
  const entries: FillPnl[] = [];
  for (const fill of [...fills].sort((a, b) => a.seq - b.seq)) {
    const before = book.get(fill.positionId)?.realizedGrossCents ?? 0;
    const { position } = book.apply(fill);
    entries.push({ fillId: fill.fillId, positionId: fill.positionId, symbol: fill.symbol, atMs: fill.atMs, reason: fill.reason,
      realizedGrossCents: position.realizedGrossCents - before, commissionCents: fill.commissionCents });
  }
  return { book, entries };
}
