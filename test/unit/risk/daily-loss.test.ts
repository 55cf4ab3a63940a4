import { describe, expect, it } from 'vitest';
import { dailyLossLimitJustHit } from '../../../src/domain/risk/daily-loss.js';
import { NO_LIMITS } from '../../../src/domain/risk/limits.js';

const limits = { ...NO_LIMITS, maxDailyLossCents: 100_000 };
const pnl = (realizedNetCents: number, unrealizedCents = 0) => ({ realizedNetCents, unrealizedCents });

describe('telling admins the daily loss limit was just hit', () => {
  it('GIVEN −$900 WHEN a stop-out makes it −$1,050 THEN the breach is reported once, with the numbers', () => {
    expect(dailyLossLimitJustHit(limits, pnl(-90_000), pnl(-105_000))).toEqual({
      code: 'DAILY_LOSS_LIMIT', sessionPnlCents: -105_000, realizedNetCents: -105_000, unrealizedCents: 0, limitCents: 100_000 });
  });

  it('GIVEN already beyond the limit WHEN it gets worse THEN nothing new is reported', () => {
    expect(dailyLossLimitJustHit(limits, pnl(-105_000), pnl(-120_000))).toBeNull();
  });

  it('GIVEN a mark-to-market dip that takes realized −$600 and open −$450 past the limit THEN it counts', () => {
    expect(dailyLossLimitJustHit(limits, pnl(-60_000, -30_000), pnl(-60_000, -45_000))?.sessionPnlCents).toBe(-105_000);
  });

  it('GIVEN no limit configured THEN never reported', () => {
    expect(dailyLossLimitJustHit(NO_LIMITS, pnl(0), pnl(-10_000_000))).toBeNull();
  });
});
