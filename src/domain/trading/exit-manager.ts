/**
 * Watches open positions' brackets against quotes. Positions are indexed by symbol, so a quote
 * costs one map lookup plus a check of the positions on that symbol only. The manager is the
 * single owner of bracket state: every change it makes is returned as data (ExitAction), and a
 * rebuild replays `track`, `reduce` and `applyStopMove` from the journal to the same state.
 *
 * It assumes each exit it signals is executed in full (true for the paper engine); a caller
 * whose broker fails an exit should `untrack`/`track` again from the broker's position.
 */
import {
  breakevenStopMicros, improves, stopTriggerPrice, targetExitQty, targetTouched, tighterStop,
  trailingStopMicros, type ExitPlan, type TrailingSpec,
} from './exit-rules.js';
import type { InstrumentSpec } from './instruments.js';
import type { Micros } from './money.js';
import type { PositionSide } from './pnl.js';
import { exitablePriceMicros, type Quote, type QuotedPrice } from './quotes.js';
import { SymbolWatch } from './symbol-watch.js';

/** What last set the stop: the alert's bracket, breakeven after T1, trailing, an alert or a user. */
export type StopCause = 'initial' | 'breakeven' | 'trailing' | 'alert' | 'manual';

/** An exit rule fired: close `qtyContracts` of the position. */
export interface ExitTrigger {
  readonly kind: 'exit';
  readonly positionId: string;
  readonly symbol: string;
  readonly side: PositionSide;
  readonly reason: 'stop' | 'trailing_stop' | 'target';
  readonly qtyContracts: number;
  /** The stop or target level that fired. */
  readonly levelMicros: Micros;
  /** The quote price at or past a stop (null for targets, which fill at their level). */
  readonly quoted: QuotedPrice | null;
  readonly targetIndex: number | null;
  readonly atMs: number;
}

/** The stop changed (or, for trailing, the best price did). `bestMicros` is the trailing anchor. */
export interface StopMoveDraft {
  readonly kind: 'stop_moved';
  readonly positionId: string;
  readonly fromMicros: Micros | null;
  readonly toMicros: Micros | null;
  readonly bestMicros: Micros | null;
  readonly cause: StopCause;
  readonly atMs: number;
}

export type ExitAction = ExitTrigger | StopMoveDraft;

export interface TrackInput {
  readonly positionId: string;
  readonly symbol: string;
  readonly side: PositionSide;
  readonly spec: InstrumentSpec;
  readonly qtyContracts: number;
  /** Average entry (micros, may be fractional): breakeven and the first trailing anchor. */
  readonly entryMicros: number;
  readonly plan: ExitPlan;
}

/** A read-only view of one tracked bracket, for /positions and the like. */
export interface BracketView {
  readonly positionId: string;
  readonly symbol: string;
  readonly side: PositionSide;
  readonly openContracts: number;
  readonly stopMicros: Micros | null;
  readonly stopCause: StopCause;
  readonly targetsMicros: readonly Micros[];
  readonly nextTargetIndex: number;
  readonly trailing: TrailingSpec | null;
  readonly bestMicros: Micros | null;
}

interface Tracked {
  readonly positionId: string;
  readonly symbol: string;
  readonly side: PositionSide;
  readonly spec: InstrumentSpec;
  readonly targets: readonly Micros[];
  readonly trailing: TrailingSpec | null;
  openContracts: number;
  entryMicros: number;
  stopMicros: Micros | null;
  stopCause: StopCause;
  nextTarget: number;
  bestMicros: Micros | null;
}

const NOTHING: readonly ExitAction[] = Object.freeze([]);

export class ExitManager {
  private readonly bySymbol = new Map<string, SymbolWatch<Tracked>>();
  private readonly byId = new Map<string, Tracked>();

  track(input: TrackInput): void {
    if (this.byId.has(input.positionId)) throw new Error(`position ${input.positionId} already tracked`);
    const t: Tracked = {
      positionId: input.positionId, symbol: input.symbol, side: input.side, spec: input.spec,
      targets: input.plan.targetsMicros, trailing: input.plan.trailing, openContracts: input.qtyContracts,
      entryMicros: input.entryMicros, stopMicros: input.plan.stopMicros, stopCause: 'initial', nextTarget: 0,
      bestMicros: null,
    };
    if (t.trailing) {
      // The trailing anchor starts at the entry; the initial stop is the tighter of both.
      t.bestMicros = breakevenStopMicros(t.side, t.spec, t.entryMicros);
      t.stopMicros = tighterStop(t.side, t.stopMicros, trailingStopMicros(t.side, t.spec, t.bestMicros, t.trailing));
    }
    this.byId.set(t.positionId, t);
    let watch = this.bySymbol.get(t.symbol);
    if (!watch) this.bySymbol.set(t.symbol, (watch = new SymbolWatch<Tracked>()));
    watch.items.push(t);
    watch.markDirty();
  }

  /** Another entry fill on a tracked position (partial fills of the entry order). */
  addContracts(positionId: string, qtyContracts: number, entryMicros: number): void {
    const t = this.byId.get(positionId);
    if (!t) return;
    t.openContracts += qtyContracts;
    t.entryMicros = entryMicros;
  }

  /** An exit happened outside `onQuote` (alert, user, end of day) or is being replayed. */
  reduce(positionId: string, qtyContracts: number, targetIndex: number | null): void {
    const t = this.byId.get(positionId);
    if (!t) return;
    t.openContracts = Math.max(0, t.openContracts - qtyContracts);
    if (targetIndex !== null) t.nextTarget = Math.max(t.nextTarget, targetIndex + 1);
    this.bySymbol.get(t.symbol)?.markDirty();
    if (t.openContracts === 0) this.untrack(positionId);
  }

  /** Move the stop on request (an alert's "stop to breakeven", a user). Null when unchanged. */
  moveStop(positionId: string, to: Micros | 'breakeven', cause: StopCause, atMs: number): StopMoveDraft | null {
    const t = this.byId.get(positionId);
    if (!t) return null;
    const toMicros = to === 'breakeven' ? breakevenStopMicros(t.side, t.spec, t.entryMicros) : to;
    if (toMicros === t.stopMicros) return null;
    return this.setStop(t, toMicros, cause, atMs);
  }

  /** Replay a journaled stop move. */
  applyStopMove(move: Pick<StopMoveDraft, 'positionId' | 'toMicros' | 'bestMicros' | 'cause'>): void {
    const t = this.byId.get(move.positionId);
    if (!t) return;
    t.stopMicros = move.toMicros;
    t.stopCause = move.cause;
    if (move.bestMicros !== null) t.bestMicros = move.bestMicros;
    this.bySymbol.get(t.symbol)?.markDirty();
  }

  untrack(positionId: string): void {
    const t = this.byId.get(positionId);
    if (!t) return;
    this.byId.delete(positionId);
    const watch = this.bySymbol.get(t.symbol);
    if (!watch) return;
    // Ordered removal keeps per-quote output order stable across a rebuild.
    watch.items.splice(watch.items.indexOf(t), 1);
    watch.markDirty();
    if (watch.items.length === 0) this.bySymbol.delete(t.symbol);
  }

  /**
   * Check the positions on the quote's symbol. A quote that reaches none of the symbol's levels
   * costs a few comparisons; otherwise each position is checked. Returns a shared empty array
   * when nothing fired.
   */
  onQuote(quote: Quote): readonly ExitAction[] {
    const watch = this.bySymbol.get(quote.symbol);
    if (watch === undefined || !watch.mayAct(quote)) return NOTHING;
    let out: ExitAction[] | null = null;
    for (const t of watch.items) {
      if (!this.mayAct(t, quote)) continue;
      out ??= [];
      this.check(t, quote, out);
    }
    if (out === null) return NOTHING;
    watch.markDirty();
    this.dropClosed(out);
    return out;
  }

  get(positionId: string): BracketView | undefined {
    const t = this.byId.get(positionId);
    if (!t) return undefined;
    return {
      positionId: t.positionId, symbol: t.symbol, side: t.side, openContracts: t.openContracts,
      stopMicros: t.stopMicros, stopCause: t.stopCause, targetsMicros: t.targets, nextTargetIndex: t.nextTarget,
      trailing: t.trailing, bestMicros: t.bestMicros,
    };
  }

  trackedIds(): string[] {
    return [...this.byId.keys()];
  }

  /** Cheap pre-check without allocation: could this quote fire a stop, a target or move a trail? */
  private mayAct(t: Tracked, quote: Quote): boolean {
    const px = exitablePriceMicros(quote, t.side);
    if (px !== null && t.stopMicros !== null && (t.side === 'long' ? px <= t.stopMicros : px >= t.stopMicros)) return true;
    const target = t.targets[t.nextTarget];
    if (target !== undefined && targetTouched(t.side, target, quote)) return true;
    return t.bestMicros !== null && px !== null && improves(t.side, px, t.bestMicros);
  }

  private check(t: Tracked, quote: Quote, out: ExitAction[]): void {
    if (this.checkStop(t, quote, out)) return;
    this.checkTargets(t, quote, out);
    if (t.openContracts > 0) this.checkTrailing(t, quote, out);
  }

  private checkStop(t: Tracked, quote: Quote, out: ExitAction[]): boolean {
    if (t.stopMicros === null) return false;
    const quoted = stopTriggerPrice(t.side, t.stopMicros, quote);
    if (quoted === null) return false;
    out.push({
      kind: 'exit', positionId: t.positionId, symbol: t.symbol, side: t.side,
      reason: t.stopCause === 'trailing' ? 'trailing_stop' : 'stop', qtyContracts: t.openContracts,
      levelMicros: t.stopMicros, quoted, targetIndex: null, atMs: quote.atMs,
    });
    t.openContracts = 0;
    return true;
  }

  /** A gap through several targets fills each in turn, at its own level. */
  private checkTargets(t: Tracked, quote: Quote, out: ExitAction[]): void {
    while (t.openContracts > 0 && t.nextTarget < t.targets.length) {
      const index = t.nextTarget;
      const level = t.targets[index] as Micros;
      if (!targetTouched(t.side, level, quote)) return;
      const qty = targetExitQty(t.openContracts, index, t.targets.length);
      out.push({
        kind: 'exit', positionId: t.positionId, symbol: t.symbol, side: t.side, reason: 'target',
        qtyContracts: qty, levelMicros: level, quoted: null, targetIndex: index, atMs: quote.atMs,
      });
      t.openContracts -= qty;
      t.nextTarget = index + 1;
      if (index === 0 && t.openContracts > 0) this.toBreakeven(t, quote.atMs, out);
    }
  }

  private toBreakeven(t: Tracked, atMs: number, out: ExitAction[]): void {
    const breakeven = breakevenStopMicros(t.side, t.spec, t.entryMicros);
    const next = tighterStop(t.side, t.stopMicros, breakeven);
    if (next !== t.stopMicros) out.push(this.setStop(t, next, 'breakeven', atMs));
  }

  private checkTrailing(t: Tracked, quote: Quote, out: ExitAction[]): void {
    if (t.trailing === null || t.bestMicros === null) return;
    const px = exitablePriceMicros(quote, t.side);
    if (px === null || !improves(t.side, px, t.bestMicros)) return;
    t.bestMicros = px;
    const trail = trailingStopMicros(t.side, t.spec, px, t.trailing);
    const next = tighterStop(t.side, t.stopMicros, trail);
    // Journaled even when the stop stays put, so a rebuild restores the anchor exactly.
    out.push(this.setStop(t, next, next === trail ? 'trailing' : t.stopCause, quote.atMs));
  }

  private setStop(t: Tracked, toMicros: Micros | null, cause: StopCause, atMs: number): StopMoveDraft {
    const move: StopMoveDraft = {
      kind: 'stop_moved', positionId: t.positionId, fromMicros: t.stopMicros, toMicros,
      bestMicros: t.bestMicros, cause, atMs,
    };
    t.stopMicros = toMicros;
    t.stopCause = cause;
    this.bySymbol.get(t.symbol)?.markDirty();
    return move;
  }

  private dropClosed(actions: readonly ExitAction[]): void {
    for (const action of actions) {
      if (action.kind !== 'exit') continue;
      const t = this.byId.get(action.positionId);
      if (t && t.openContracts === 0) this.untrack(t.positionId);
    }
  }
}
