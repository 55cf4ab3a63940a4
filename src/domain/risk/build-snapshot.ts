/** Build the risk view of the account from stored fills and current marks. */
import { accountView } from '../trading/account.js';
import type { Fill } from '../trading/fills.js';
import type { Cents, Micros } from '../trading/money.js';
import { fillLedger } from '../trading/pnl-ledger.js';
import { notionalCents } from '../trading/pnl.js';
import { averageEntryMicros, realizedNetCents, unrealizedCents, type Position } from '../trading/positions.js';
import { specForSymbol } from '../trading/symbols.js';
import { lossStreaks } from './loss-streaks.js';
import type { AccountSnapshot, OpenExposure, SeenSignal } from './snapshot.js';

export interface SnapshotInput {
  /** Every fill of the account (open positions need their entries). */
  readonly fills: readonly Fill[];
  readonly markFor: (position: Position) => Micros | null;
  readonly startingBalanceCents: Cents;
  /** Start of the current trading session (sessions/sessionStart). */
  readonly sessionStartMs: number;
  readonly killSwitch?: { readonly on: boolean; readonly reason: string | null };
  readonly recentSignals?: readonly SeenSignal[];
}

function exposure(position: Position, markMicros: Micros | null): OpenExposure {
  const spec = specForSymbol(position.symbol);
  const priceMicros = markMicros ?? Math.round(averageEntryMicros(position));
  return { positionId: position.positionId, symbol: position.symbol, qtyContracts: position.qtyContracts,
    notionalCents: spec ? notionalCents(spec, priceMicros, position.qtyContracts) : 0 };
}

/**
 * Session P&L is what the session's fills realized (net of their commissions) plus the open
 * positions' unrealized P&L measured from entry — a position carried overnight brings its
 * earlier open gain or loss into today's figure (conservative only when it was a loss).
 */
export function buildAccountSnapshot(input: SnapshotInput): AccountSnapshot {
  const { book, entries } = fillLedger(input.fills);
  const today = entries.filter((e) => e.atMs >= input.sessionStartMs);
  const open = book.open();
  let unrealized = 0;
  for (const position of open) {
    const mark = input.markFor(position);
    const spec = specForSymbol(position.symbol);
    if (mark !== null && spec) unrealized += unrealizedCents(spec, position, mark);
  }
  const closed = book.all().filter((p) => p.closedAtMs !== null)
    .map((p) => ({ symbol: p.symbol, closedAtMs: p.closedAtMs as number, netPnlCents: realizedNetCents(p) }));
  return {
    killSwitch: input.killSwitch ?? { on: false, reason: null },
    equityCents: accountView(input.startingBalanceCents, book.all(), input.markFor).equityCents,
    sessionRealizedNetCents: today.reduce((n, e) => n + e.realizedGrossCents - e.commissionCents, 0),
    sessionUnrealizedCents: unrealized,
    openPositions: open.map((p) => exposure(p, input.markFor(p))),
    tradesToday: new Set(today.filter((e) => e.reason === 'entry').map((e) => e.positionId)).size,
    lossStreaks: lossStreaks(closed),
    recentSignals: input.recentSignals ?? [],
  };
}
