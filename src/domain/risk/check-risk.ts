/**
 * The pre-trade gate: `checkRisk(limits, account, order, nowMs)` runs every rule in a fixed
 * order and returns the first denial. Exits (close/adjust) only meet the rules that make any
 * order wrong — kill switch excepted, so a trader can always get flat — never exposure limits.
 */
import { calendarFor } from '../sessions/calendars.js';
import { isOpen, nextOpen } from '../sessions/market-hours.js';
import type { RiskDecision } from './denials.js';
import {
  contractsPerSymbol, contractsPerTrade, dailyLoss, notionalSymbol, notionalTotal, openPositions,
  symbolCooldown, tradesPerDay, type Check,
} from './exposure-checks.js';
import type { RiskLimits } from './limits.js';
import type { AccountSnapshot, ProposedOrder } from './snapshot.js';

const killSwitch: Check = (_limits, account, order) =>
  account.killSwitch.on && order.intent === 'open' ? { code: 'KILL_SWITCH', reason: account.killSwitch.reason } : null;

/** The same natural key ever, or the same trade content within the window. */
const duplicate: Check = (limits, account, order, nowMs) => {
  for (const seen of account.recentSignals) {
    if (order.signalKey !== null && seen.signalKey === order.signalKey) {
      return { code: 'DUPLICATE_SIGNAL', matchedBy: 'key', value: order.signalKey, firstSeenAtMs: seen.atMs, windowMs: null };
    }
    const window = limits.duplicateWindowMs;
    if (window !== null && order.fingerprint !== null && seen.fingerprint === order.fingerprint && nowMs - seen.atMs < window) {
      return { code: 'DUPLICATE_SIGNAL', matchedBy: 'fingerprint', value: order.fingerprint, firstSeenAtMs: seen.atMs, windowMs: window };
    }
  }
  return null;
};

const stale: Check = (limits, _account, order, nowMs) => {
  if (limits.maxAlertAgeMs === null || order.alertAtMs === null) return null;
  const ageMs = nowMs - order.alertAtMs;
  return ageMs > limits.maxAlertAgeMs ? { code: 'STALE_ALERT', ageMs, maxAgeMs: limits.maxAlertAgeMs } : null;
};

const marketClosed: Check = (limits, _account, order, nowMs) => {
  if (!limits.enforceMarketHours) return null;
  const calendar = calendarFor(order.calendar);
  if (isOpen(calendar, nowMs)) return null;
  return { code: 'MARKET_CLOSED', calendar: order.calendar, atMs: nowMs, nextOpenMs: nextOpen(calendar, nowMs) };
};

/** Rules for every order, then the entry-only exposure rules, in the order they are reported. */
const EVERY_ORDER: readonly Check[] = [killSwitch, duplicate, stale, marketClosed];
const ENTRIES_ONLY: readonly Check[] = [
  dailyLoss, contractsPerTrade, contractsPerSymbol, openPositions, tradesPerDay, symbolCooldown, notionalSymbol, notionalTotal,
];

export function checkRisk(limits: RiskLimits, account: AccountSnapshot, order: ProposedOrder, nowMs: number): RiskDecision {
  const checks = order.intent === 'open' ? [...EVERY_ORDER, ...ENTRIES_ONLY] : EVERY_ORDER;
  for (const check of checks) {
    const denial = check(limits, account, order, nowMs);
    if (denial) return { ok: false, denial };
  }
  return { ok: true };
}
