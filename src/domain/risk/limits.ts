import type { Cents } from '../trading/money.js';

/** Every limit may be null (off). Percentages are of account equity (100 = the whole account). */
export interface RiskLimits {
  /** Session loss (realized net + unrealized) at or beyond which new entries are refused; positive cents. */
  readonly maxDailyLossCents: Cents | null;
  readonly maxContractsPerTrade: number | null;
  /** Open contracts on one symbol after the order, all positions together. */
  readonly maxContractsPerSymbol: number | null;
  readonly maxOpenPositions: number | null;
  /** Entries per trading session. */
  readonly maxTradesPerDay: number | null;
  /** After `afterConsecutiveLosses` losing trades in a row on a symbol, refuse it for `durationMs`. */
  readonly cooldown: { readonly afterConsecutiveLosses: number; readonly durationMs: number } | null;
  readonly maxNotionalSymbolPercent: number | null;
  readonly maxNotionalTotalPercent: number | null;
  /** MAX_ALERT_AGE_SECONDS × 1000. */
  readonly maxAlertAgeMs: number | null;
  /** Same trade content (fingerprint) again within this window counts as a duplicate. */
  readonly duplicateWindowMs: number | null;
  /** ENFORCE_MARKET_HOURS. */
  readonly enforceMarketHours: boolean;
}

export const NO_LIMITS: RiskLimits = Object.freeze({
  maxDailyLossCents: null, maxContractsPerTrade: null, maxContractsPerSymbol: null, maxOpenPositions: null,
  maxTradesPerDay: null, cooldown: null, maxNotionalSymbolPercent: null, maxNotionalTotalPercent: null,
  maxAlertAgeMs: null, duplicateWindowMs: null, enforceMarketHours: false,
});
