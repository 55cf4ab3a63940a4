/**
 * Why an order was refused: one variant per rule, each with a stable SCREAMING_SNAKE code and
 * the numbers that caused it, so a DM can say "daily loss -$1,012.50 ≤ limit -$1,000.00".
 */
import type { CalendarName } from '../sessions/calendars.js';
import type { Cents } from '../trading/money.js';

export type RiskDenial =
  | { readonly code: 'KILL_SWITCH'; readonly reason: string | null }
  | { readonly code: 'DUPLICATE_SIGNAL'; readonly matchedBy: 'key' | 'fingerprint'; readonly value: string;
      readonly firstSeenAtMs: number; readonly windowMs: number | null }
  | { readonly code: 'STALE_ALERT'; readonly ageMs: number; readonly maxAgeMs: number }
  | { readonly code: 'MARKET_CLOSED'; readonly calendar: CalendarName; readonly atMs: number; readonly nextOpenMs: number }
  | { readonly code: 'DAILY_LOSS_LIMIT'; readonly sessionPnlCents: Cents; readonly realizedNetCents: Cents;
      readonly unrealizedCents: Cents; readonly limitCents: Cents }
  | { readonly code: 'MAX_CONTRACTS_PER_TRADE'; readonly requestedContracts: number; readonly limitContracts: number }
  | { readonly code: 'MAX_CONTRACTS_PER_SYMBOL'; readonly symbol: string; readonly openContracts: number;
      readonly requestedContracts: number; readonly limitContracts: number }
  | { readonly code: 'MAX_OPEN_POSITIONS'; readonly openPositions: number; readonly limitPositions: number }
  | { readonly code: 'MAX_TRADES_PER_DAY'; readonly tradesToday: number; readonly limitTrades: number }
  | { readonly code: 'SYMBOL_COOLDOWN'; readonly symbol: string; readonly consecutiveLosses: number;
      readonly lossThreshold: number; readonly lastLossAtMs: number; readonly untilMs: number }
  | { readonly code: 'MAX_NOTIONAL_SYMBOL'; readonly symbol: string; readonly openNotionalCents: Cents;
      readonly requestedNotionalCents: Cents; readonly limitCents: Cents; readonly equityCents: Cents; readonly limitPercent: number }
  | { readonly code: 'MAX_NOTIONAL_TOTAL'; readonly openNotionalCents: Cents; readonly requestedNotionalCents: Cents;
      readonly limitCents: Cents; readonly equityCents: Cents; readonly limitPercent: number };

export type RiskDenialCode = RiskDenial['code'];

export type RiskDecision = { readonly ok: true } | { readonly ok: false; readonly denial: RiskDenial };
