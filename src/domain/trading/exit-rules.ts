/**
 * Exit rules as pure functions: how much a target closes, when a stop or target fires,
 * where a trailing stop sits and where breakeven is. The exit manager applies them per quote.
 */
import type { InstrumentSpec } from './instruments.js';
import { snapToTick, type Micros } from './money.js';
import type { PositionSide } from './pnl.js';
import { exitablePriceMicros, exitableQuote, type Quote, type QuotedPrice } from './quotes.js';

/** Trailing distance: a fixed number of ticks, or a percentage of the best price seen. */
export type TrailingSpec =
  | { readonly kind: 'ticks'; readonly ticks: number }
  | { readonly kind: 'percent'; readonly percent: number };

/** A position's bracket: protective stop, ordered targets (T1 first) and optional trailing. */
export interface ExitPlan {
  readonly stopMicros: Micros | null;
  readonly targetsMicros: readonly Micros[];
  readonly trailing: TrailingSpec | null;
}

export const NO_EXITS: ExitPlan = Object.freeze({ stopMicros: null, targetsMicros: [], trailing: null });

/**
 * Contracts a target closes. The last target closes the rest. Any earlier target closes half
 * of what is open, rounded down but at least one, and leaves at least one for the next target
 * whenever two or more are open (with 1 open, T1 closes it).
 */
export function targetExitQty(openContracts: number, targetIndex: number, targetCount: number): number {
  if (openContracts <= 0) return 0;
  if (targetIndex >= targetCount - 1 || openContracts === 1) return openContracts;
  return Math.max(1, Math.floor(openContracts / 2));
}

/**
 * A stop fires on touch or beyond: for a long when the price it could sell at (bid, else last)
 * is at or below the stop. Returns that price — the first quote at or past the stop.
 */
export function stopTriggerPrice(side: PositionSide, stopMicros: Micros, quote: Quote): QuotedPrice | null {
  const price = exitablePriceMicros(quote, side);
  if (price === null) return null;
  const crossed = side === 'long' ? price <= stopMicros : price >= stopMicros;
  return crossed ? exitableQuote(quote, side) : null;
}

/**
 * A target (a resting limit) fires on touch: for a long when the bid or the last trade is at or
 * above it; for a short when the ask or the last trade is at or below it.
 */
export function targetTouched(side: PositionSide, targetMicros: Micros, quote: Quote): boolean {
  const book = side === 'long' ? quote.bidMicros : quote.askMicros;
  const last = quote.lastMicros;
  if (side === 'long') return (book !== null && book >= targetMicros) || (last !== null && last >= targetMicros);
  return (book !== null && book <= targetMicros) || (last !== null && last <= targetMicros);
}

/**
 * Trailing stop for a best price seen (`bestMicros`: highest exitable price for a long, lowest
 * for a short). Percent distances round away from the market, onto the tick grid.
 */
export function trailingStopMicros(side: PositionSide, spec: InstrumentSpec, bestMicros: Micros,
  trailing: TrailingSpec): Micros {
  const distanceMicros = trailing.kind === 'ticks'
    ? trailing.ticks * spec.tick
    : Math.ceil((bestMicros * trailing.percent) / 100);
  return side === 'long'
    ? snapToTick(bestMicros - distanceMicros, spec.tick, 'down')
    : snapToTick(bestMicros + distanceMicros, spec.tick, 'up');
}

/** The more protective of two stops (higher for a long, lower for a short); null means none. */
export function tighterStop(side: PositionSide, a: Micros | null, b: Micros | null): Micros | null {
  if (a === null) return b;
  if (b === null) return a;
  return side === 'long' ? Math.max(a, b) : Math.min(a, b);
}

/** Is `candidate` strictly better for the position than `best` (a new high for a long)? */
export function improves(side: PositionSide, candidate: Micros, best: Micros): boolean {
  return side === 'long' ? candidate > best : candidate < best;
}

/**
 * Breakeven stop for an average entry (micros, possibly fractional after several entry fills),
 * snapped so that a stop-out at it loses nothing: up for a long, down for a short.
 */
export function breakevenStopMicros(side: PositionSide, spec: InstrumentSpec, avgEntryMicros: number): Micros {
  const whole = side === 'long' ? Math.ceil(avgEntryMicros) : Math.floor(avgEntryMicros);
  return snapToTick(whole, spec.tick, side === 'long' ? 'up' : 'down');
}

/** Why a bracket cannot be used, with the prices that make it inconsistent. */
export interface BracketProblem {
  readonly code: 'STOP_WRONG_SIDE' | 'TARGET_WRONG_SIDE' | 'TARGETS_OUT_OF_ORDER';
  readonly referenceMicros: Micros;
  readonly offendingMicros: Micros;
}

/**
 * A long's stop must sit below the reference (entry) price and its targets above it, T1 nearest;
 * mirrored for a short. Returns the first problem, or null when the bracket is usable.
 */
export function bracketProblem(side: PositionSide, referenceMicros: Micros, plan: ExitPlan): BracketProblem | null {
  const sign = side === 'long' ? 1 : -1;
  if (plan.stopMicros !== null && sign * (plan.stopMicros - referenceMicros) >= 0) {
    return { code: 'STOP_WRONG_SIDE', referenceMicros, offendingMicros: plan.stopMicros };
  }
  let previous = referenceMicros;
  for (const target of plan.targetsMicros) {
    if (sign * (target - referenceMicros) <= 0) {
      return { code: 'TARGET_WRONG_SIDE', referenceMicros, offendingMicros: target };
    }
    if (sign * (target - previous) <= 0) {
      return { code: 'TARGETS_OUT_OF_ORDER', referenceMicros, offendingMicros: target };
    }
    previous = target;
  }
  return null;
}
