/**
 * Runs jobs one at a time in arrival order, so two alerts never race for the same position.
 * A failing job never stops the queue (the job itself must record its failure).
 */
export class SerialQueue {
  private tail: Promise<void> = Promise.resolve();
  private pendingCount = 0;

  get pending(): number {
    return this.pendingCount;
  }

  push(job: () => Promise<void>): Promise<void> {
    this.pendingCount += 1;
    const run = this.tail.then(job).catch(() => undefined).finally(() => {
      this.pendingCount -= 1;
    });
    this.tail = run;
    return run;
  }

  /** Resolves once every job pushed so far has finished. */
  async drain(): Promise<void> {
    let seen: Promise<void> | undefined;
    while (seen !== this.tail) {
      seen = this.tail;
      await seen;
    }
  }
}
