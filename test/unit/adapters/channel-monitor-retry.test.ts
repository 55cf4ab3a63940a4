import { describe, expect, it } from 'vitest';
import { ingestWithRetry, type SignalSink } from '../../../src/adapters/discord/message-signal.js';
import type { IngestResult } from '../../../src/app/pipeline.js';
import type { Log, NewSignal, StoredSignal } from '../../../src/app/ports.js';
import { futuresMessage } from '../../support/signals.js';

const signal: NewSignal = futuresMessage('m1', 'ES LONG 4750 STOP 4745', 0);

function recordingLog(): Log & { lines: string[] } {
  const lines: string[] = [];
  const note = (level: string) => (_: object, msg?: string) => { lines.push(`${level} ${msg ?? ''}`); };
  return { lines, debug: note('debug'), info: note('info'), warn: note('warn'), error: note('error') } as Log & { lines: string[] };
}

/** A store that is down for the first `failures` calls (the database dropped out), then stores. */
function flakySink(failures: number): SignalSink & { calls: number } {
  const sink = {
    calls: 0,
    ingest(s: NewSignal): Promise<IngestResult> {
      sink.calls += 1;
      if (sink.calls <= failures) return Promise.reject(new Error('connection reset'));
      return Promise.resolve({ status: 'stored', signal: { ...s, id: 1 } as unknown as StoredSignal });
    },
  };
  return sink;
}

describe('storing an alert channel message while the database drops out', () => {
  it('GIVEN two failed attempts WHEN the third succeeds THEN the message is stored, with a warning per retry', async () => {
    const sink = flakySink(2);
    const log = recordingLog();
    expect(await ingestWithRetry(sink, signal, log, [1, 1, 1])).toMatchObject({ status: 'stored' });
    expect(sink.calls).toBe(3);
    expect(log.lines.filter((l) => l.startsWith('warn'))).toHaveLength(2);
  });

  it('GIVEN the store never answers WHEN every retry is spent THEN null, one error saying it gave up, and no more attempts', async () => {
    const sink = flakySink(99);
    const log = recordingLog();
    expect(await ingestWithRetry(sink, signal, log, [1, 1])).toBeNull();
    expect(sink.calls).toBe(3);
    expect(log.lines.at(-1)).toBe('error could not store an alert channel message; giving up');
  });
});
