import type { JournalBatch, Log } from '../ports.js';
import { JournalConflictError } from '../conflicts.js';
import { SerialQueue } from '../serial-queue.js';

/** Delays between attempts to rebuild the engine from the store after a failed write. */
const RESYNC_BACKOFF_MS = [1_000, 2_000, 5_000, 10_000, 30_000];

/**
 * Writes the desk's engine output to the store one batch at a time, in the order the engine
 * made them, and keeps memory from running ahead of the store. When a write fails, every batch
 * queued behind it was computed from state the store never got: those are dropped, and the
 * desk is out of step until `rebuild` (reload the engine from the store) succeeds — retried
 * with backoff, in the queue, so nothing interleaves with it.
 */
export class JournalWriter {
  private readonly queue = new SerialQueue();
  /** Bumped by every failed write: a queued batch from an older generation is never stored. */
  private generation = 0;
  private problem: Error | null = null;
  private attempts = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private foreignRebuild: Promise<void> | null = null;

  /** `onForeignWrite`: told when a batch is refused because another bot wrote to the journal (AppDeps). */
  constructor(private readonly commit: (batch: JournalBatch) => Promise<void>,
    private readonly rebuild: () => Promise<void>, private readonly log: Log,
    private readonly onForeignWrite: (evidence: Error) => void = () => undefined) {}

  /** Null while memory matches the store; else the write failure no rebuild has repaired yet. */
  get outOfStep(): Error | null {
    return this.problem;
  }

  /**
   * Queue a batch built from the engine as it is now. Resolves once it is stored, then runs
   * `afterStored` (the announcements) before the next batch; rejects when it is not stored.
   */
  write(batch: JournalBatch, afterStored: () => Promise<void>): Promise<void> {
    const generation = this.generation;
    return new Promise<void>((resolve, reject) => {
      void this.queue.push(async () => {
        if (generation !== this.generation) {
          reject(new Error('not stored: computed from engine state lost in a failed write'));
          return;
        }
        try {
          await this.commit(batch);
        } catch (err) {
          this.generation += 1;
          this.problem = err as Error;
          this.log.error({ err }, 'could not store engine output; rebuilding the engine from the store');
          if (err instanceof JournalConflictError) this.onForeignWrite(err);
          await this.resync();
          reject(err as Error);
          return;
        }
        resolve();
        await afterStored();
      });
    });
  }

  /**
   * Another bot on this database stored engine output this engine never saw (the desk found the
   * stored journal version ahead of every batch it built): the batches queued behind are dropped,
   * being built on the same stale state, and the engine is rebuilt from the store — in the queue,
   * as after a refused write. Resolves once rebuilt, or once the rebuild failed (outOfStep says so).
   */
  rebuildAfterForeignWrite(evidence: Error): Promise<void> {
    const generation = this.generation;
    const done = this.queue.push(async () => {
      if (generation !== this.generation) return; // a write refused since has rebuilt it already
      this.generation += 1;
      this.problem = evidence;
      this.log.warn({ err: evidence }, 'another TradeStream stored trades this engine never saw; rebuilding the engine from the store');
      this.onForeignWrite(evidence);
      await this.resync();
    });
    this.foreignRebuild = done;
    void done.then(() => { if (this.foreignRebuild === done) this.foreignRebuild = null; });
    return done;
  }

  /**
   * Resolves once the rebuild for another bot's write under way, if any, is over: nothing is
   * decided on an engine about to be replaced (and out of step until it is).
   */
  rebuilt(): Promise<void> {
    return this.foreignRebuild ?? Promise.resolve();
  }

  drain(): Promise<void> {
    return this.queue.drain();
  }

  /** Stop retrying a rebuild (shutdown). */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private async resync(): Promise<void> {
    this.timer = null;
    try {
      await this.rebuild();
      this.problem = null;
      this.attempts = 0;
      this.log.info({}, 'paper engine rebuilt from the store');
    } catch (err) {
      const delayMs = RESYNC_BACKOFF_MS[Math.min(this.attempts, RESYNC_BACKOFF_MS.length - 1)] as number;
      this.attempts += 1;
      this.log.error({ err, retryInMs: delayMs }, 'rebuilding the paper engine from the store failed');
      this.timer = setTimeout(() => void this.queue.push(() => this.resync()), delayMs);
      this.timer.unref();
    }
  }
}
