import { afterEach, describe, expect, it } from 'vitest';
import { JobScheduler } from '../../../src/adapters/jobs/scheduler.js';
import type { Log } from '../../../src/app/ports.js';
import { eventually } from '../../support/app-harness.js';

/** A Log that keeps `level message` lines. */
function memoryLog(): Log & { lines: string[] } {
  const lines: string[] = [];
  const at = (level: string) => (_: object, msg?: string) => { lines.push(`${level} ${msg ?? ''}`); };
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('JobScheduler.every: a job repeated every few milliseconds', () => {
  let jobs: JobScheduler | null = null;
  afterEach(() => jobs?.stop());

  it('GIVEN a job THEN it runs again and again, logs nothing per run, and stops with the scheduler', async () => {
    const log = memoryLog();
    jobs = new JobScheduler(log);
    let runs = 0;
    jobs.every('watch', 5, () => { runs += 1; return Promise.resolve(); });
    await eventually(() => (runs >= 3 ? true : undefined), 2000, 'three runs');
    jobs.stop();
    const stoppedAt = runs;
    await sleep(40);
    expect(runs).toBe(stoppedAt);
    expect(log.lines).toEqual([]);
  });

  it('GIVEN a run slower than the interval THEN the next run waits for it: never two at once', async () => {
    jobs = new JobScheduler(memoryLog());
    let running = 0, most = 0, runs = 0;
    jobs.every('slow', 2, async () => {
      running += 1; runs += 1; most = Math.max(most, running);
      await sleep(15);
      running -= 1;
    });
    await eventually(() => (runs >= 3 ? true : undefined), 2000, 'three runs');
    expect(most).toBe(1);
  });

  it('GIVEN a job that keeps failing THEN the failure is logged once, and the recovery once', async () => {
    const log = memoryLog();
    jobs = new JobScheduler(log);
    let runs = 0;
    jobs.every('watch', 3, () => (++runs <= 4 ? Promise.reject(new Error('database down')) : Promise.resolve()));
    await eventually(() => (runs >= 7 ? true : undefined), 2000, 'seven runs');
    expect(log.lines).toEqual(['error repeating job failed; retried quietly until it works', 'info repeating job works again']);
  });
});
