/** Limits on how much is on: contracts, positions, trades per day, notional. Entries only. */
import { dailyLossBreach } from './daily-loss.js';
import type { RiskDenial } from './denials.js';
import type { RiskLimits } from './limits.js';
import type { AccountSnapshot, ProposedOrder } from './snapshot.js';

type Check = (limits: RiskLimits, account: AccountSnapshot, order: ProposedOrder, nowMs: number) => RiskDenial | null;

export const dailyLoss: Check = (limits, account) =>
  dailyLossBreach(limits, { realizedNetCents: account.sessionRealizedNetCents, unrealizedCents: account.sessionUnrealizedCents });

export const contractsPerTrade: Check = (limits, _account, order) => {
  const limit = limits.maxContractsPerTrade;
  if (limit === null || order.qtyContracts <= limit) return null;
  return { code: 'MAX_CONTRACTS_PER_TRADE', requestedContracts: order.qtyContracts, limitContracts: limit };
};

export const contractsPerSymbol: Check = (limits, account, order) => {
  const limit = limits.maxContractsPerSymbol;
  if (limit === null) return null;
  const openContracts = account.openPositions.filter((p) => p.symbol === order.symbol).reduce((n, p) => n + p.qtyContracts, 0);
  if (openContracts + order.qtyContracts <= limit) return null;
  return { code: 'MAX_CONTRACTS_PER_SYMBOL', symbol: order.symbol, openContracts, requestedContracts: order.qtyContracts, limitContracts: limit };
};

export const openPositions: Check = (limits, account) => {
  const limit = limits.maxOpenPositions;
  if (limit === null || account.openPositions.length < limit) return null;
  return { code: 'MAX_OPEN_POSITIONS', openPositions: account.openPositions.length, limitPositions: limit };
};

export const tradesPerDay: Check = (limits, account) => {
  const limit = limits.maxTradesPerDay;
  if (limit === null || account.tradesToday < limit) return null;
  return { code: 'MAX_TRADES_PER_DAY', tradesToday: account.tradesToday, limitTrades: limit };
};

export const symbolCooldown: Check = (limits, account, order, nowMs) => {
  const cooldown = limits.cooldown;
  const streak = account.lossStreaks.get(order.symbol);
  if (cooldown === null || streak === undefined || streak.consecutiveLosses < cooldown.afterConsecutiveLosses) return null;
  const untilMs = streak.lastLossAtMs + cooldown.durationMs;
  if (nowMs >= untilMs) return null;
  return { code: 'SYMBOL_COOLDOWN', symbol: order.symbol, consecutiveLosses: streak.consecutiveLosses,
    lossThreshold: cooldown.afterConsecutiveLosses, lastLossAtMs: streak.lastLossAtMs, untilMs };
};

/** Percent of equity in cents, rounded down (a limit never grows by rounding). */
function shareOfEquity(equityCents: number, percent: number): number {
  return Math.floor((Math.max(0, equityCents) * percent) / 100);
}

export const notionalSymbol: Check = (limits, account, order) => {
  const percent = limits.maxNotionalSymbolPercent;
  if (percent === null || order.notionalCents === null) return null;
  const openNotionalCents = account.openPositions.filter((p) => p.symbol === order.symbol).reduce((n, p) => n + p.notionalCents, 0);
  const limitCents = shareOfEquity(account.equityCents, percent);
  if (openNotionalCents + order.notionalCents <= limitCents) return null;
  return { code: 'MAX_NOTIONAL_SYMBOL', symbol: order.symbol, openNotionalCents, requestedNotionalCents: order.notionalCents,
    limitCents, equityCents: account.equityCents, limitPercent: percent };
};

export const notionalTotal: Check = (limits, account, order) => {
  const percent = limits.maxNotionalTotalPercent;
  if (percent === null || order.notionalCents === null) return null;
  const openNotionalCents = account.openPositions.reduce((n, p) => n + p.notionalCents, 0);
  const limitCents = shareOfEquity(account.equityCents, percent);
  if (openNotionalCents + order.notionalCents <= limitCents) return null;
  return { code: 'MAX_NOTIONAL_TOTAL', openNotionalCents, requestedNotionalCents: order.notionalCents,
    limitCents, equityCents: account.equityCents, limitPercent: percent };
};

export type { Check };
