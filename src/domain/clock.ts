/** Time enters the core only through a Clock; the domain never reads the system clock. */
export interface Clock {
  /** Milliseconds since the Unix epoch (UTC). */
  nowMs(): number;
}

/** A clock that moves only when told to — for tests, replay and benchmarks. */
export class TestClock implements Clock {
  constructor(private currentMs: number) {}

  nowMs(): number {
    return this.currentMs;
  }

  set(ms: number): void {
    this.currentMs = ms;
  }

  advance(ms: number): void {
    if (ms < 0) throw new RangeError('a test clock only moves forward');
    this.currentMs += ms;
  }
}
