import {
  buildAccountSnapshot, dailyLossLimitJustHit, type AccountSnapshot, type RiskLimits, type SeenSignal, type SessionPnl,
} from '../../domain/risk/index.js';
import { CME_GLOBEX, sessionStart } from '../../domain/sessions/index.js';
import type { Fill, PaperEngine } from '../../domain/trading/index.js';
import { describeDenial } from './describe.js';

/** How often (in quote time) the open P&L is re-measured against the daily loss limit. */
const CHECK_EVERY_MS = 1000;
/** Signals remembered for duplicate detection. */
const RECENT_KEEP_MS = 24 * 3600 * 1000;

export interface SnapshotSource {
  fills: readonly Fill[];
  engine: PaperEngine;
  nowMs: number;
  killSwitch: { on: boolean; reason: string | null };
  recent: SeenSignal[];
  /** First marks of this session for positions carried into it (SessionMarks). */
  sessionMarks: ReadonlyMap<string, number>;
}

/**
 * The account as risk sees it, and the moment the daily loss limit is crossed. The trading day
 * is CME Globex's session (it starts 18:00 New York the evening before).
 */
export class DailyLossWatch {
  private lastCheckMs = Number.NEGATIVE_INFINITY;
  private last: { sessionStartMs: number; pnl: SessionPnl } | null = null;

  constructor(private readonly limits: RiskLimits, private readonly startingBalanceCents: number) {}

  snapshot(source: SnapshotSource): AccountSnapshot {
    const cutoff = source.nowMs - RECENT_KEEP_MS;
    while (source.recent.length > 0 && (source.recent[0]?.atMs ?? 0) < cutoff) source.recent.shift();
    const engine = source.engine;
    return buildAccountSnapshot({
      fills: source.fills, markFor: (p) => engine.markFor(p), startingBalanceCents: this.startingBalanceCents,
      sessionStartMs: sessionStart(CME_GLOBEX, source.nowMs), sessionMarks: source.sessionMarks, killSwitch: source.killSwitch, recentSignals: source.recent,
    });
  }

  /** Throttled: returns the denial's words once, when this tick crossed the limit. */
  onTick(atMs: number, snapshot: () => AccountSnapshot): string | null {
    if (this.limits.maxDailyLossCents === null || atMs - this.lastCheckMs < CHECK_EVERY_MS) return null;
    this.lastCheckMs = atMs;
    const s = snapshot();
    const pnl = { realizedNetCents: s.sessionRealizedNetCents, unrealizedCents: s.sessionUnrealizedCents };
    const sessionStartMs = sessionStart(CME_GLOBEX, atMs);
    const before = this.last && this.last.sessionStartMs === sessionStartMs ? this.last.pnl : { realizedNetCents: 0, unrealizedCents: 0 };
    this.last = { sessionStartMs, pnl };
    const hit = dailyLossLimitJustHit(this.limits, before, pnl);
    return hit ? describeDenial(hit) : null;
  }
}
