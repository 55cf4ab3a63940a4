import { CME_GLOBEX, sessionStart } from '../sessions/index.js';
import type { Fill } from '../trading/index.js';
import type { RiskLimits } from './limits.js';

/** How far back closed trades stay in the risk snapshot (loss streaks), at least. */
const RISK_HISTORY_MS = 3 * 24 * 3600 * 1000;

/** What risk needs to know of a fill's position. */
export interface HistoryPosition {
  symbol: string;
  closedAtMs: number | null;
}

/** Trades closed before this are history to risk, but for each symbol's last few (a loss streak may span days). */
export function riskHistoryCutoff(nowMs: number, limits: RiskLimits): number {
  return Math.min(nowMs - Math.max(RISK_HISTORY_MS, limits.cooldown?.durationMs ?? 0), sessionStart(CME_GLOBEX, nowMs));
}

/**
 * The fills risk still needs: those of open positions, of trades closed at or after `cutoffMs`,
 * and of each symbol's last `streak` closed trades. Older ones can be dropped so a snapshot stays
 * cheap on a long history (the store keeps everything).
 */
export function fillsRiskNeeds(fills: readonly Fill[], positionOf: (positionId: string) => HistoryPosition | undefined,
  cutoffMs: number, streak: number): Fill[] {
  const keep = new Set<string>();
  const closedBySymbol = new Map<string, { id: string; closedAtMs: number }[]>();
  for (const fill of fills) {
    const position = positionOf(fill.positionId);
    if (!position || position.closedAtMs === null || position.closedAtMs >= cutoffMs) keep.add(fill.positionId);
    else {
      const list = closedBySymbol.get(position.symbol) ?? [];
      list.push({ id: fill.positionId, closedAtMs: position.closedAtMs });
      closedBySymbol.set(position.symbol, list);
    }
  }
  for (const closed of closedBySymbol.values()) {
    const unique = [...new Map(closed.map((c) => [c.id, c])).values()].sort((a, b) => b.closedAtMs - a.closedAtMs);
    for (const c of unique.slice(0, streak)) keep.add(c.id);
  }
  return fills.filter((f) => keep.has(f.positionId));
}

/** `fills` less what risk no longer needs at `nowMs` (fillsRiskNeeds); the same array when none is old enough to drop. */
export function pruneRiskHistory(fills: Fill[], limits: RiskLimits, nowMs: number,
  positionOf: (positionId: string) => HistoryPosition | undefined): Fill[] {
  const cutoffMs = riskHistoryCutoff(nowMs, limits);
  if ((fills[0]?.atMs ?? nowMs) >= cutoffMs) return fills;
  return fillsRiskNeeds(fills, positionOf, cutoffMs, limits.cooldown?.afterConsecutiveLosses ?? 0);
}
