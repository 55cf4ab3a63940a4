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
  /**
   * Positions carried into the session: positionId → their first mark of the session. Their
   * open P&L at that mark was earned before today and is taken out of today's figure.
   */
  readonly sessionMarks?: ReadonlyMap<string, Micros>;
  readonly killSwitch?: { readonly on: boolean; readonly reason: string | null };
  readonly recentSignals?: readonly SeenSignal[];
}

function exposure(position: Position, markMicros: Micros | null): OpenExposure {
  const spec = specForSymbol(position.symbol);
  const priceMicros = markMicros ?? Math.round(averageEntryMicros(position));
  return { positionId: position.positionId, symbol: position.symbol, qtyContracts: position.qtyContracts,
    notionalCents: spec ? notionalCents(spec, priceMicros, position.qtyContracts) : 0 };
}

/** Open P&L, at their first mark of the session, of the positions open when the session started. */
function carriedInCents(input: SnapshotInput): Cents {
  const marks = input.sessionMarks;
  if (marks === undefined || marks.size === 0) return 0;
  const before = input.fills.filter((f) => f.atMs < input.sessionStartMs);
  let total = 0;
  for (const position of fillLedger(before).book.open()) {
    const mark = marks.get(position.positionId);
    const spec = specForSymbol(position.symbol);
    if (mark !== undefined && spec) total += unrealizedCents(spec, position, mark);
  }
  return total;
}

/**
 * Session P&L is the change in equity since the session started: what the session's fills
 * realized (net of their commissions), plus open P&L now, minus the open P&L that positions
 * carried in already had at their first mark of the session. So an overnight gain given back
 * today counts against today's loss limit, and an overnight loss is not counted twice.
 * A carried position with no session mark yet is measured from its entry.
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
    sessionUnrealizedCents: unrealized - carriedInCents(input),
    openPositions: open.map((p) => exposure(p, input.markFor(p))),
    tradesToday: new Set(today.filter((e) => e.reason === 'entry').map((e) => e.positionId)).size,
    lossStreaks: lossStreaks(closed),
    recentSignals: input.recentSignals ?? [],
  };
}
