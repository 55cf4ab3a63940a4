import { z } from 'zod';
import { bool, decimal, int, optionalInt, optionalPercent, optionalPositiveUsd, TIME_ZONE } from './fields.js';

/** Ticks beyond this are no trailing stop at all (10,000 ES ticks = 2,500 points). */
const MAX_TRAILING_TICKS = 10_000;

/** "8t" (whole ticks, 1 to MAX_TRAILING_TICKS) or "0.5%" (of price, above 0 and below 100, up to 4 decimals). */
function trailingOf(text: string): TradingConfig['trailing'] {
  const ticks = /^(\d{1,6})t$/i.exec(text)?.[1];
  if (ticks !== undefined) return Number(ticks) >= 1 && Number(ticks) <= MAX_TRAILING_TICKS ? { kind: 'ticks', ticks: Number(ticks) } : null;
  const percent = /^(\d{1,2}(\.\d{1,4})?|\.\d{1,4})%$/.exec(text)?.[1];
  return percent !== undefined && Number(percent) > 0 ? { kind: 'percent', percent: Number(percent) } : null;
}

const TRAILING = z.string().transform((s, ctx) => {
  const trailing = trailingOf(s.trim());
  if (trailing) return trailing;
  ctx.addIssue({ code: 'custom', message: `must be whole ticks from 1 to ${MAX_TRAILING_TICKS} like "8t", `
    + `or a percent above 0 and below 100 like "0.5%", got "${s.length > 40 ? `${s.slice(0, 39)}…` : s}"` });
  return z.NEVER;
}).optional();

/** Risk limits, paper-engine extras and the end-of-day routine. Unset limits are off. */
export const TRADING_ENV = {
  // The range /risk set max_daily_loss accepts: a limit of 0 would refuse every entry.
  MAX_DAILY_LOSS: optionalPositiveUsd(10_000_000_000, 'a USD amount above 0 and at most 100,000,000, such as 500 or 750.50'),
  FLATTEN_ON_DAILY_LOSS: bool(false),
  MAX_CONTRACTS_PER_TRADE: optionalInt(1, 100_000),
  MAX_CONTRACTS_PER_SYMBOL: optionalInt(1, 100_000),
  MAX_OPEN_POSITIONS: optionalInt(1, 100_000),
  MAX_TRADES_PER_DAY: optionalInt(1, 100_000),
  COOLDOWN_AFTER_LOSSES: optionalInt(1, 1000),
  COOLDOWN_MINUTES: int(30, 1, 7 * 24 * 60),
  MAX_NOTIONAL_SYMBOL_PERCENT: optionalPercent,
  MAX_NOTIONAL_TOTAL_PERCENT: optionalPercent,
  DUPLICATE_WINDOW_SECONDS: int(60, 0, 86_400),
  DEFAULT_OPTION_CONTRACTS: int(1, 1, 10_000),
  MAX_OPTION_TRADE_USD: optionalPositiveUsd(),
  PRICE_BAND_PERCENT_FUTURES: decimal(0.5, 'a percent above 0 and at most 100, such as 0.5', (n) => n > 0 && n <= 100),
  PRICE_BAND_PERCENT_OPTIONS: decimal(20, 'a percent above 0 and at most 1000, such as 20', (n) => n > 0 && n <= 1000),
  TRAILING_STOP: TRAILING,
  MAX_QUOTE_AGE_SECONDS: int(60, 1, 86_400),
  QUEUE_OUTSIDE_HOURS: bool(false),
  EOD_POLICY: z.enum(['none', 'flatten_all', 'close_losers']).default('none'),
  EOD_TIME: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a local time HH:MM such as 15:55').default('15:55'),
  EOD_TIME_ZONE: TIME_ZONE.default('America/New_York'),
};

type TradingEnv = z.infer<ReturnType<typeof z.object<typeof TRADING_ENV>>>;

export interface TradingConfig {
  maxDailyLossCents: number | null;
  flattenOnDailyLoss: boolean;
  maxContractsPerTrade: number | null;
  maxContractsPerSymbol: number | null;
  maxOpenPositions: number | null;
  maxTradesPerDay: number | null;
  cooldown: { afterConsecutiveLosses: number; durationMs: number } | null;
  maxNotionalSymbolPercent: number | null;
  maxNotionalTotalPercent: number | null;
  duplicateWindowMs: number | null;
  defaultOptionContracts: number;
  maxOptionTradeCents: number | null;
  priceBandPercent: { futures: number; option: number };
  trailing: { kind: 'ticks'; ticks: number } | { kind: 'percent'; percent: number } | null;
  maxQuoteAgeMs: number;
  queueOutsideHours: boolean;
  endOfDay: { policy: 'none' | 'flatten_all' | 'close_losers'; time: string; timeZone: string };
}

export function toTradingConfig(env: TradingEnv): TradingConfig {
  return {
    maxDailyLossCents: env.MAX_DAILY_LOSS ?? null,
    flattenOnDailyLoss: env.FLATTEN_ON_DAILY_LOSS,
    maxContractsPerTrade: env.MAX_CONTRACTS_PER_TRADE ?? null,
    maxContractsPerSymbol: env.MAX_CONTRACTS_PER_SYMBOL ?? null,
    maxOpenPositions: env.MAX_OPEN_POSITIONS ?? null,
    maxTradesPerDay: env.MAX_TRADES_PER_DAY ?? null,
    cooldown: env.COOLDOWN_AFTER_LOSSES
      ? { afterConsecutiveLosses: env.COOLDOWN_AFTER_LOSSES, durationMs: env.COOLDOWN_MINUTES * 60_000 } : null,
    maxNotionalSymbolPercent: env.MAX_NOTIONAL_SYMBOL_PERCENT ?? null,
    maxNotionalTotalPercent: env.MAX_NOTIONAL_TOTAL_PERCENT ?? null,
    duplicateWindowMs: env.DUPLICATE_WINDOW_SECONDS > 0 ? env.DUPLICATE_WINDOW_SECONDS * 1000 : null,
    defaultOptionContracts: env.DEFAULT_OPTION_CONTRACTS,
    maxOptionTradeCents: env.MAX_OPTION_TRADE_USD ?? null,
    priceBandPercent: { futures: env.PRICE_BAND_PERCENT_FUTURES, option: env.PRICE_BAND_PERCENT_OPTIONS },
    trailing: env.TRAILING_STOP ?? null,
    maxQuoteAgeMs: env.MAX_QUOTE_AGE_SECONDS * 1000,
    queueOutsideHours: env.QUEUE_OUTSIDE_HOURS,
    endOfDay: { policy: env.EOD_POLICY, time: env.EOD_TIME, timeZone: env.EOD_TIME_ZONE },
  };
}
