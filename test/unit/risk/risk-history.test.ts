import { describe, expect, it } from 'vitest';
import { fillsRiskNeeds, NO_LIMITS, riskHistoryCutoff, type HistoryPosition } from '../../../src/domain/risk/index.js';
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
});
