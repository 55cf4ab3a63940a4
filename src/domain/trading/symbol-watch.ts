/**
 * The positions on one symbol plus the few price levels at which any of them could act, so a
 * quote that reaches none of them is dismissed with a handful of comparisons — however many
 * positions the symbol has. Levels are recomputed lazily after any bracket change.
 */
import type { Micros } from './money.js';
import type { PositionSide } from './pnl.js';
import type { Quote } from './quotes.js';

/** What the watch needs to know of a tracked bracket. */
export interface Watched {
  readonly side: PositionSide;
  readonly targets: readonly Micros[];
  readonly trailing: unknown;
  stopMicros: Micros | null;
  nextTarget: number;
  bestMicros: Micros | null;
}

export class SymbolWatch<T extends Watched> {
  readonly items: T[] = [];
  private dirty = true;
  // Longs act when bid/last ≤ longStop, bid or last ≥ longTarget, or bid/last > longBest (trailing).
  private longStop = -Infinity;
  private longTarget = Infinity;
  private longBest = Infinity;
  // Shorts mirror it with ask/last.
  private shortStop = Infinity;
  private shortTarget = -Infinity;
  private shortBest = -Infinity;

  /** Call after any change to an item's stop, targets, best price, or to the item list. */
  markDirty(): void {
    this.dirty = true;
  }

  /** False only when no position on the symbol can act on this quote. */
  mayAct(quote: Quote): boolean {
    if (this.dirty) this.recompute();
    const { bidMicros: bid, askMicros: ask, lastMicros: last } = quote;
    const longPx = bid ?? last;
    const shortPx = ask ?? last;
    if (longPx !== null && (longPx <= this.longStop || longPx > this.longBest)) return true;
    if (shortPx !== null && (shortPx >= this.shortStop || shortPx < this.shortBest)) return true;
    if ((bid !== null && bid >= this.longTarget) || (ask !== null && ask <= this.shortTarget)) return true;
    return last !== null && (last >= this.longTarget || last <= this.shortTarget);
  }

  private recompute(): void {
    this.longStop = -Infinity; this.longTarget = Infinity; this.longBest = Infinity;
    this.shortStop = Infinity; this.shortTarget = -Infinity; this.shortBest = -Infinity;
    for (const t of this.items) {
      const target = t.targets[t.nextTarget];
      const trailingBest = t.trailing !== null ? t.bestMicros : null;
      if (t.side === 'long') {
        if (t.stopMicros !== null) this.longStop = Math.max(this.longStop, t.stopMicros);
        if (target !== undefined) this.longTarget = Math.min(this.longTarget, target);
        if (trailingBest !== null) this.longBest = Math.min(this.longBest, trailingBest);
      } else {
        if (t.stopMicros !== null) this.shortStop = Math.min(this.shortStop, t.stopMicros);
        if (target !== undefined) this.shortTarget = Math.max(this.shortTarget, target);
        if (trailingBest !== null) this.shortBest = Math.max(this.shortBest, trailingBest);
      }
    }
    this.dirty = false;
  }
}
