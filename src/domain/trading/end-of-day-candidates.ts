import type { EndOfDayCandidate } from '../sessions/end-of-day.js';
import { positionNetPnlCents } from './account.js';
import type { Micros } from './money.js';
import type { Position } from './positions.js';

/**
 * Feed for sessions/endOfDayCloses: each open position's net P&L (realized + unrealized −
 * commissions), or null when it has no mark — e.g. `endOfDayCandidates(engine.openPositions(),
 * (p) => engine.markFor(p))`.
 */
export function endOfDayCandidates(positions: readonly Position[], markFor: (p: Position) => Micros | null): EndOfDayCandidate[] {
  return positions.filter((p) => p.qtyContracts > 0).map((p) => {
    const mark = markFor(p);
    return { positionId: p.positionId, netPnlCents: mark === null ? null : positionNetPnlCents(p, mark) };
  });
}
