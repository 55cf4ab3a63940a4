import type { RiskDenial } from '../../domain/risk/index.js';
import type { EngineRejection } from '../../domain/trading/index.js';
import { describeSelector } from '../../domain/trading/index.js';
import { formatMicros, formatUsd } from '../../domain/trading/money.js';

const price = (micros: number) => formatMicros(micros, 2);
const when = (ms: number) => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;

/** A risk denial in words, with the numbers that caused it. */
export function describeDenial(d: RiskDenial): string {
  switch (d.code) {
    case 'KILL_SWITCH': return `the kill switch is on${d.reason ? ` (${d.reason})` : ''}`;
    case 'DUPLICATE_SIGNAL': return d.matchedBy === 'key'
      ? 'this signal was already acted on'
      : `the same trade was signalled ${seconds(d.windowMs ?? 0)} ago or less`;
    case 'STALE_ALERT': return `the alert is ${seconds(d.ageMs)} old; the limit is ${seconds(d.maxAgeMs)}`;
    case 'MARKET_CLOSED': return `the ${d.calendar} market is closed; it opens ${when(d.nextOpenMs)}`;
    case 'DAILY_LOSS_LIMIT': return `today's P&L ${formatUsd(d.sessionPnlCents)} has reached the daily loss limit of -${formatUsd(d.limitCents)}`;
    case 'MAX_CONTRACTS_PER_TRADE': return `${d.requestedContracts} contracts exceeds the limit of ${d.limitContracts} per trade`;
    case 'MAX_CONTRACTS_PER_SYMBOL': return `${d.openContracts} open + ${d.requestedContracts} on ${d.symbol} exceeds the limit of ${d.limitContracts}`;
    case 'MAX_OPEN_POSITIONS': return `${d.openPositions} positions are open; the limit is ${d.limitPositions}`;
    case 'MAX_TRADES_PER_DAY': return `${d.tradesToday} trades today; the limit is ${d.limitTrades}`;
    case 'SYMBOL_COOLDOWN': return `${d.symbol} is cooling down after ${d.consecutiveLosses} losses in a row, until ${when(d.untilMs)}`;
    case 'MAX_NOTIONAL_SYMBOL': return `${d.symbol} notional ${formatUsd(d.openNotionalCents + d.requestedNotionalCents)} would exceed ${d.limitPercent}% of equity (${formatUsd(d.limitCents)})`;
    case 'MAX_NOTIONAL_TOTAL': return `total notional ${formatUsd(d.openNotionalCents + d.requestedNotionalCents)} would exceed ${d.limitPercent}% of equity (${formatUsd(d.limitCents)})`;
  }
}

/** An engine rejection in words. */
export function describeRejection(r: EngineRejection): string {
  switch (r.code) {
    case 'UNKNOWN_SYMBOL': return `no instrument spec for ${r.symbol}`;
    case 'INVALID_ALERT': return `the alert's ${r.field} "${r.value ?? ''}" is not usable`;
    case 'NO_PRICE': return `no quote for ${r.symbol} yet and the alert gives no price`;
    case 'PRICE_OUT_OF_BAND': return `the alert price ${price(r.alertPriceMicros)} is ${r.deviationTicks} ticks `
      + `(${r.deviationPercent.toFixed(2)}%) from the market ${price(r.marketPriceMicros)}`;
    case 'INVALID_BRACKET': return `the bracket is inconsistent (${r.problem}: ${price(r.offendingMicros)} against ${price(r.referenceMicros)})`;
    case 'OPTION_BUDGET_TOO_SMALL': return `one contract at ${price(r.priceMicros)} costs ${formatUsd(r.costPerContractCents)}, `
      + `more than the ${formatUsd(r.budgetCents)} budget per trade`;
    case 'NO_OPEN_POSITION': return `no open position matches ${describeSelector(r.target)}${r.side ? ` (${r.side})` : ''}`;
  }
}
