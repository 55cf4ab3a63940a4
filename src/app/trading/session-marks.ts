import { CME_GLOBEX, sessionStart } from '../../domain/sessions/index.js';
import type { Position } from '../../domain/trading/index.js';
import type { Micros } from '../../domain/trading/money.js';
import type { Log, SessionMarkStore } from '../ports.js';

const NONE: ReadonlyMap<string, Micros> = new Map();

/**
 * The first mark of the trading session for each position carried into it. Today's loss is
 * measured from that mark, so an overnight gain given back today counts against the daily
 * loss limit. Marks are stored as they are seen (the first one wins, also across a restart);
 * one that could not be stored is kept in memory and logged.
 */
export class SessionMarks {
  private sessionStartMs = Number.NaN;
  private marks = new Map<string, Micros>();

  constructor(private readonly store: SessionMarkStore, private readonly log: Log) {}

  /** The marks of the session at `nowMs`, from the store (on start). */
  async load(nowMs: number): Promise<void> {
    this.sessionStartMs = sessionStart(CME_GLOBEX, nowMs);
    this.marks = await this.store.load(this.sessionStartMs);
  }

  /** Marks of the session at `nowMs`: empty until the first carried position is marked in it. */
  current(nowMs: number): ReadonlyMap<string, Micros> {
    return sessionStart(CME_GLOBEX, nowMs) === this.sessionStartMs ? this.marks : NONE;
  }

  /** A quote came in: note the first mark of each carried position that has none this session. */
  observe(nowMs: number, open: readonly Position[], markFor: (p: Position) => Micros | null): void {
    if (open.length === 0) return;
    const start = sessionStart(CME_GLOBEX, nowMs);
    if (start !== this.sessionStartMs) {
      this.sessionStartMs = start;
      this.marks = new Map();
    }
    for (const position of open) {
      if (position.openedAtMs >= start || this.marks.has(position.positionId)) continue;
      const mark = markFor(position);
      if (mark === null) continue;
      this.marks.set(position.positionId, mark);
      this.store.record(start, position.positionId, mark, nowMs).catch((err: unknown) => {
        this.log.warn({ err, positionId: position.positionId }, 'could not store the session mark; kept in memory only');
      });
    }
  }
}
