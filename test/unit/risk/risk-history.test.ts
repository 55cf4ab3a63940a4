import { describe, expect, it } from 'vitest';
import { fillsRiskNeeds, NO_LIMITS, pruneRiskHistory, riskHistoryCutoff, type HistoryPosition } from '../../../src/domain/risk/index.js';
import type { Fill } from '../../../src/domain/trading/index.js';

const DAY = 24 * 3600 * 1000;
/** Friday 2026-11-20 10:00 New York. */
const NOW = Date.parse('2026-11-20T15:00:00Z');

let seq = 0;
const fill = (positionId: string, atMs: number): Fill => ({
  fillId: `F${++seq}`, orderId: `O${seq}`, positionId, symbol: 'ES', side: 'buy', qtyContracts: 1, priceMicros: 4_750_000_000,
  commissionCents: 62, atMs, priceSource: 'ask', reason: 'entry', targetIndex: null, slippageTicks: 0, seq,
});

describe('the fills risk keeps', () => {
  it('GIVEN no cooldown THEN history reaches back three days, or to the session start if that is earlier', () => {
    expect(riskHistoryCutoff(NOW, NO_LIMITS)).toBe(NOW - 3 * DAY);
    const longCooldown = { ...NO_LIMITS, cooldown: { afterConsecutiveLosses: 3, durationMs: 5 * DAY } };
    expect(riskHistoryCutoff(NOW, longCooldown)).toBe(NOW - 5 * DAY);
  });

  it('GIVEN open, recently closed and old trades THEN open and recent ones stay, and of the old only each symbol\'s last `streak`', () => {
    const cutoff = NOW - 3 * DAY;
    const positions: Record<string, HistoryPosition> = {
      open: { symbol: 'ES', closedAtMs: null },
      recent: { symbol: 'ES', closedAtMs: cutoff + 1 },
      old1: { symbol: 'ES', closedAtMs: cutoff - 3 * DAY },
      old2: { symbol: 'ES', closedAtMs: cutoff - 2 * DAY },
      old3: { symbol: 'ES', closedAtMs: cutoff - DAY },
      nqOld: { symbol: 'NQ', closedAtMs: cutoff - 5 * DAY },
    };
    const fills = ['old1', 'old1', 'old2', 'nqOld', 'old3', 'open', 'recent', 'gone'].map((id, i) => fill(id, cutoff - 10 * DAY + i));
    const kept = fillsRiskNeeds(fills, (id) => positions[id], cutoff, 2);
    expect(kept.map((f) => f.positionId)).toEqual(['old2', 'nqOld', 'old3', 'open', 'recent', 'gone']);
    expect(fillsRiskNeeds(fills, (id) => positions[id], cutoff, 0).map((f) => f.positionId)).toEqual(['open', 'recent', 'gone']);
  });

  it('GIVEN the oldest fill within the history THEN pruning hands back the same array; GIVEN an older one THEN only what risk needs, with the cooldown\'s streak', () => {
    const closedAt: Record<string, number | null> = { a: NOW - 10 * DAY, b: NOW - 9 * DAY, open: null };
    const closed = (id: string): HistoryPosition => ({ symbol: 'ES', closedAtMs: closedAt[id] ?? null });
    const recent = [fill('open', NOW - DAY)];
    expect(pruneRiskHistory(recent, NO_LIMITS, NOW, closed)).toBe(recent);
    const old = [fill('a', NOW - 12 * DAY), fill('b', NOW - 11 * DAY), fill('open', NOW - DAY)];
    expect(pruneRiskHistory(old, NO_LIMITS, NOW, closed).map((f) => f.positionId)).toEqual(['open']);
    const streak = { ...NO_LIMITS, cooldown: { afterConsecutiveLosses: 1, durationMs: DAY } };
    expect(pruneRiskHistory(old, streak, NOW, closed).map((f) => f.positionId)).toEqual(['b', 'open']); // the last loss of the streak
  });
});
