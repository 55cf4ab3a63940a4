import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/adapters/log/logger.js';
import { DatabaseUnavailableError } from '../../../src/adapters/store/database.js';
import { InstanceRunningError } from '../../../src/adapters/store/instance-lock.js';
import { reportFatalStop, reportShutdownFailure, reportStartupFailure } from '../../../src/startup-failure.js';

const PASSWORD = 'hunter22-secret';

function report(err: unknown, level = 'info', reporter = reportStartupFailure): { stderr: string[]; logLines: string[] } {
  const chunks: string[] = [];
  const destination = new Writable({ write(chunk, _enc, done) { chunks.push(String(chunk)); done(); } });
  const log = createLogger({ level, secrets: [PASSWORD], destination: destination as never });
  const stderr: string[] = [];
  reporter(err, log, [PASSWORD], (line) => stderr.push(line));
  return { stderr, logLines: chunks.join('').split('\n').filter(Boolean) };
}

describe('reporting a failure to start', () => {
  it('GIVEN an error nobody foresaw, with a secret and several lines WHEN reported THEN stderr gets one line without the secret, the log the stack', () => {
    const { stderr, logLines } = report(new TypeError(`cannot read ${PASSWORD}\nsecond line`));
    expect(stderr).toEqual(['TradeStream could not start: unexpected TypeError: cannot read [REDACTED]\n']);
    expect(logLines).toHaveLength(1);
    const entry = JSON.parse(logLines[0] ?? '{}') as { level: number; msg: string; err: { stack: string } };
    expect(entry).toMatchObject({ level: 60, msg: 'unexpected start-up failure' });
    expect(entry.err.stack).toMatch(/^TypeError: cannot read \[REDACTED\]/);
  });

  it('GIVEN a failure whose message says what to fix and LOG_LEVEL=silent WHEN reported THEN stderr still gets that message', () => {
    const { stderr, logLines } = report(new DatabaseUnavailableError('Could not connect to the database at db:5432/x: connection refused.'), 'silent');
    expect(stderr).toEqual(['TradeStream could not start: Could not connect to the database at db:5432/x: connection refused.\n']);
    expect(logLines).toEqual([]);
  });

  it('GIVEN something thrown that is not an Error WHEN reported THEN stderr still gets one line', () => {
    expect(report('boom\nmore').stderr).toEqual(['TradeStream could not start: unexpected failure: boom\n']);
  });

  it('GIVEN a shutdown that failed, with LOG_LEVEL=silent WHEN reported THEN stderr gets one line without the secret', () => {
    const { stderr, logLines } = report(new Error(`store did not close: ${PASSWORD}\nstack`), 'silent', reportShutdownFailure);
    expect(stderr).toEqual(['TradeStream did not shut down cleanly: Error: store did not close: [REDACTED]\n']);
    expect(logLines).toEqual([]);
  });

  it('GIVEN the bot stopped because another took its database, with LOG_LEVEL=silent WHEN reported THEN stderr says why in one line', () => {
    const taken = new InstanceRunningError(`Another TradeStream took this database's instance lock (application "x ${PASSWORD}"). This one stops.\nmore`);
    const { stderr, logLines } = report(taken, 'silent', (err, log, secrets, out) => reportFatalStop(err as Error, log, secrets, out));
    expect(stderr).toEqual(['TradeStream stopped: Another TradeStream took this database\'s instance lock (application "x [REDACTED]"). This one stops.\n']);
    expect(logLines).toEqual([]);
  });
});
