import type { ChannelKind } from '../../domain/alerts/types.js';
import type { FillRecord, PositionRecord, SignalSource } from '../ports.js';

/** A closed position and where its signal came from (positions ⟕ signals). */
export interface ClosedTrade {
  position: PositionRecord;
  /** Null for a position opened without a stored signal. */
  signalSource: SignalSource | null;
  channelKind: ChannelKind | null;
  channelName: string | null;
  authorId: string | null;
  authorName: string | null;
}

/** A fill as the journal stores it, with its order and slippage. */
export interface StoredFill extends FillRecord {
  orderId: string;
  slippageTicks: number;
}

/** Read models behind /pnl, /stats and /export (the store adapter implements it). */
export interface ReportStore {
  /** Positions closed at or after `sinceMs` (all when null), oldest close first. */
  closedTrades(sinceMs: number | null): Promise<ClosedTrade[]>;
  /** Every fill of these positions, in journal order. */
  fillsOf(positionIds: readonly string[]): Promise<StoredFill[]>;
}

export interface ComponentHealth {
  state: string;
  [detail: string]: unknown;
}

/** What GET /healthz reports: the same object, so /status and /healthz never disagree. */
export interface HealthSnapshot {
  ready: boolean;
  components: Record<string, ComponentHealth>;
}

export type HealthProbe = () => Promise<HealthSnapshot>;
