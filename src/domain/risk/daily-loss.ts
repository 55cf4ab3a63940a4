import type { Cents } from '../trading/money.js';
import type { RiskDenial } from './denials.js';
import type { RiskLimits } from './limits.js';

export interface SessionPnl {
  readonly realizedNetCents: Cents;
  readonly unrealizedCents: Cents;
}

export type DailyLossDenial = Extract<RiskDenial, { code: 'DAILY_LOSS_LIMIT' }>;

/** The DAILY_LOSS_LIMIT denial when the session's P&L is at or beyond the limit, else null. */
export function dailyLossBreach(limits: RiskLimits, pnl: SessionPnl): DailyLossDenial | null {
  if (limits.maxDailyLossCents === null) return null;
  const sessionPnlCents = pnl.realizedNetCents + pnl.unrealizedCents;
  if (sessionPnlCents > -limits.maxDailyLossCents) return null;
  return { code: 'DAILY_LOSS_LIMIT', sessionPnlCents, realizedNetCents: pnl.realizedNetCents,
    unrealizedCents: pnl.unrealizedCents, limitCents: limits.maxDailyLossCents };
}

/**
 * Non-null exactly once per crossing: when `before` was inside the limit and `after` is not —
 * the moment to DM admins and, if configured, flatten. Call it after every fill and mark update.
 */
export function dailyLossLimitJustHit(limits: RiskLimits, before: SessionPnl, after: SessionPnl): DailyLossDenial | null {
  if (dailyLossBreach(limits, before) !== null) return null;
  return dailyLossBreach(limits, after);
}
