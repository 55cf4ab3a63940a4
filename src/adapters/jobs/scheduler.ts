import schedule from 'node-schedule';
import type { Log } from '../../app/ports.js';

export interface DailyJob {
  name: string;
  /** Local time "HH:MM" in `timeZone`. */
  time: string;
  timeZone: string;
  /** 0 = Sunday … 6 = Saturday; default Monday to Friday. */
  daysOfWeek?: number[];
  run(): Promise<unknown>;
}

/**
 * node-schedule jobs at a local time in a named zone (it follows daylight-saving changes).
 * A failing run is logged; it never takes the process down.
 */
export class JobScheduler {
  private readonly jobs: schedule.Job[] = [];
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(private readonly log: Log) {}

  daily(job: DailyJob): void {
    const [hour, minute] = job.time.split(':').map(Number);
    const rule = new schedule.RecurrenceRule();
    rule.hour = hour ?? 0;
    rule.minute = minute ?? 0;
    rule.second = 0;
    rule.tz = job.timeZone;
    rule.dayOfWeek = job.daysOfWeek ?? [1, 2, 3, 4, 5];
    const scheduled = schedule.scheduleJob(job.name, rule, () => {
      this.log.info({ job: job.name }, 'scheduled job starting');
      job.run().then(
        () => this.log.info({ job: job.name }, 'scheduled job finished'),
        (err: unknown) => this.log.error({ err, job: job.name }, 'scheduled job failed'),
      );
    });
    if (scheduled) this.jobs.push(scheduled);
    this.log.info({ job: job.name, next: scheduled?.nextInvocation()?.toISOString() }, 'job scheduled');
  }

  /**
   * `run` every `everyMs`, a run at a time (a slow one is not overlapped: the next waits for the
   * next tick). Quiet: nothing is logged per run; the first failure is, and the recovery after it.
   */
  every(name: string, everyMs: number, run: () => Promise<unknown>): void {
    let running = false, failing = false;
    const timer = setInterval(() => {
      if (running) return;
      running = true;
      run().then(() => {
        if (failing) this.log.info({ job: name }, 'repeating job works again');
        failing = false;
      }, (err: unknown) => {
        if (!failing) this.log.error({ err, job: name }, 'repeating job failed; retried quietly until it works');
        failing = true;
      }).finally(() => { running = false; });
    }, everyMs);
    timer.unref();
    this.timers.push(timer);
  }

  nextRun(name: string): Date | null {
    const job = this.jobs.find((j) => j.name === name);
    return job?.nextInvocation() ?? null;
  }

  stop(): void {
    for (const job of this.jobs) job.cancel();
    this.jobs.length = 0;
    for (const timer of this.timers) clearInterval(timer);
    this.timers.length = 0;
  }
}
