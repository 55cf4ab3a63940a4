import { breakevenStopMicros } from './exit-rules.js';
import type { InstrumentSpec } from './instruments.js';
import { snapToTick, type Micros } from './money.js';
import type { PositionSide } from './pnl.js';

/** A stop a user asks for: a price, or the position's breakeven (its entry). */
export type StopRequest = Micros | 'breakeven';

/** The stop price a request gives a position: on the instrument's tick grid, or its breakeven. */
export function requestedStopMicros(side: PositionSide, spec: InstrumentSpec, avgEntryMicros: Micros, to: StopRequest): Micros {
  return to === 'breakeven' ? breakevenStopMicros(side, spec, avgEntryMicros) : snapToTick(to, spec.tick);
}

/**
 * A stop at or through the price the position could be closed at now (a long's at or above the
 * bid, a short's at or below the ask) would fill on the next quote: a move that is really a close.
 * Without a mark nothing can be said (false).
 */
export function stopThroughMarket(side: PositionSide, stopMicros: Micros, markMicros: Micros | null): boolean {
  if (markMicros === null) return false;
  return side === 'long' ? stopMicros >= markMicros : stopMicros <= markMicros;
}
