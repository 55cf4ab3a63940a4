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

  nextRun(name: string): Date | null {
    const job = this.jobs.find((j) => j.name === name);
    return job?.nextInvocation() ?? null;
  }

  stop(): void {
    for (const job of this.jobs) job.cancel();
    this.jobs.length = 0;
  }
}
