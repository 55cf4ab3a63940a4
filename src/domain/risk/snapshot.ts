import type { CalendarName } from '../sessions/calendars.js';
import type { Cents, Micros } from '../trading/money.js';

export interface OpenExposure {
  readonly positionId: string;
  readonly symbol: string;
  readonly qtyContracts: number;
  readonly notionalCents: Cents;
}

export interface SymbolLossStreak {
  readonly consecutiveLosses: number;
  readonly lastLossAtMs: number;
}

/** A signal already acted on: its natural key and its trade-content fingerprint. */
export interface SeenSignal {
  readonly signalKey: string;
  readonly fingerprint: string | null;
  readonly atMs: number;
}

/** The account as risk sees it — plain numbers, built by `buildAccountSnapshot` or by the app. */
export interface AccountSnapshot {
  readonly killSwitch: { readonly on: boolean; readonly reason: string | null };
  readonly equityCents: Cents;
  /**
   * P&L of the current trading session (see sessionStart): realized net of commissions, and the
   * change in open P&L since the session started (their sum is the change in equity).
   */
  readonly sessionRealizedNetCents: Cents;
  readonly sessionUnrealizedCents: Cents;
  readonly openPositions: readonly OpenExposure[];
  /** Entries filled in the current trading session. */
  readonly tradesToday: number;
  readonly lossStreaks: ReadonlyMap<string, SymbolLossStreak>;
  readonly recentSignals: readonly SeenSignal[];
}

/** What is about to be sent. Exits (close/adjust) are reduce-only and skip the exposure limits. */
export interface ProposedOrder {
  readonly intent: 'open' | 'close' | 'adjust';
  readonly signalKey: string | null;
  readonly fingerprint: string | null;
  readonly symbol: string;
  readonly qtyContracts: number;
  /** Price used for notional (the market, else the alert's price); null when unknown. */
  readonly priceMicros: Micros | null;
  readonly notionalCents: Cents | null;
  readonly calendar: CalendarName;
  /** When the alert was posted (or the webhook received); age is measured from it. */
  readonly alertAtMs: number | null;
}
