import { DEFAULT_STARTING_BALANCE_CENTS } from './account.js';
import type { TrailingSpec } from './exit-rules.js';
import type { AssetClass } from './instruments.js';
import type { Cents } from './money.js';

/**
 * How far an alert's price may be from the market before the alert is refused. Either limit
 * may be null (unused); when both are set, exceeding either rejects.
 */
export interface PriceBand {
  readonly maxTicks: number | null;
  readonly maxPercent: number | null;
}

/** Brackets applied when an alert brings none (seed 002's per-link stop/target/trailing %). */
export interface ExitDefaults {
  readonly stopPercent: number | null;
  readonly targetPercents: readonly number[];
  readonly trailing: TrailingSpec | null;
}

export interface PaperConfig {
  readonly startingBalanceCents: Cents;
  /** The C size in contracts; B = 2×C, A = 3×C (BASE_CONTRACTS). */
  readonly baseContracts: number;
  /** Options contracts when the alert states no quantity. */
  readonly defaultOptionContracts: number;
  /** Cap on an option entry's premium (price × 100 × qty), in cents; null = no cap. */
  readonly maxOptionTradeCents: Cents | null;
  /** Ticks added against the trader on market fills (entries, stops, alert closes). */
  readonly slippageTicks: number;
  /** Per contract per side (COMMISSION_FUTURES / COMMISSION_OPTIONS). */
  readonly commissionCents: Readonly<Record<AssetClass, Cents>>;
  readonly priceBand: Readonly<Record<AssetClass, PriceBand>>;
  readonly exitDefaults: Readonly<Record<AssetClass, ExitDefaults>>;
  /** A quote older than this when an order is placed is not used to price it (null = any age). */
  readonly maxQuoteAgeMs: number | null;
  /** Prefix for generated order/fill/position ids (e.g. an account id). */
  readonly idPrefix: string;
}

const NO_DEFAULT_EXITS: ExitDefaults = { stopPercent: null, targetPercents: [], trailing: null };

export const DEFAULT_PAPER_CONFIG: PaperConfig = Object.freeze({
  startingBalanceCents: DEFAULT_STARTING_BALANCE_CENTS,
  baseContracts: 1,
  defaultOptionContracts: 1,
  maxOptionTradeCents: null,
  slippageTicks: 1,
  commissionCents: { futures: 62, option: 65 },
  // 0.5% is ~25 ES points at 5000; options move faster, so their band is wider.
  priceBand: { futures: { maxTicks: null, maxPercent: 0.5 }, option: { maxTicks: null, maxPercent: 20 } },
  exitDefaults: { futures: NO_DEFAULT_EXITS, option: NO_DEFAULT_EXITS },
  maxQuoteAgeMs: null,
  idPrefix: '',
});

export function paperConfig(overrides: Partial<PaperConfig> = {}): PaperConfig {
  return { ...DEFAULT_PAPER_CONFIG, ...overrides };
}
