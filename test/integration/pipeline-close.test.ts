import { describe, expect, it } from 'vitest';
import { SignalPipeline, type AlertExecutor } from '../../src/app/pipeline.js';
import type { Log, NewSignal, StoredSignal } from '../../src/app/ports.js';
import { TestClock } from '../../src/domain/clock.js';
import { testDatabaseKinds, useStores } from '../support/databases.js';
import { futuresMessage } from '../support/signals.js';

/**
 * Shutdown (SignalPipeline.close): the signal being processed finishes; those queued behind it
 * stay stored as they are and the next start resumes them, so a backlog never holds a stop up.
 */
const NOW = Date.parse('2026-11-20T15:00:00Z');
const silent: Log = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

const alert = (externalId: string): NewSignal => futuresMessage(externalId, 'ES LONG 4750 STOP 4745', NOW);

describe.each(testDatabaseKinds())('a pipeline closed with signals queued, on $name', (kind) => {
  const db = useStores(kind, () => NOW);

  /** A pipeline whose desk marks each signal executed, after `hold` (when given) lets it. */
  function pipelineWith(executed: number[], hold?: Promise<void>): SignalPipeline {
    const executeAlert: AlertExecutor['executeAlert'] = async (signal: StoredSignal) => {
      executed.push(signal.id);
      await hold;
      await db.stores.signals.setStatus(signal.id, signal.status, 'executed', null, null);
      return { status: 'executed', fills: 1 };
    };
    const deps = { stores: db.stores, notifier: { notify: () => Promise.resolve() }, clock: new TestClock(NOW) };
    return new SignalPipeline(deps, { confidenceThreshold: 0.8, maxAlertAgeMs: 120_000 },
      { executeAlert, lastPrice: () => null, openPositionsFor: () => [] }, silent);
  }

  it('GIVEN three alerts queued and the first at the desk WHEN the pipeline closes THEN the first finishes, the others stay received, and the next start executes them once', async () => {
    const executed: number[] = [];
    let release: () => void = () => undefined;
    const pipeline = pipelineWith(executed, new Promise((r) => { release = r; }));
    const ids: number[] = [];
    for (const key of ['close-1', 'close-2', 'close-3']) ids.push((await pipeline.ingest(alert(key), true)).signal.id);
    await expect.poll(() => executed.length).toBe(1);

    const closed = pipeline.close();
    release();
    await closed;
    expect(executed).toEqual([ids[0]]);
    const statuses = await Promise.all(ids.map(async (id) => (await db.stores.signals.get(id))?.status));
    expect(statuses).toEqual(['executed', 'received', 'received']);

    const afterRestart: number[] = [];
    const next = pipelineWith(afterRestart);
    expect(await next.resume()).toBe(2);
    await next.drain();
    expect(afterRestart).toEqual(ids.slice(1));
    expect((await db.stores.signals.unfinished()).filter((s) => ids.includes(s.id))).toEqual([]);
  });

  it('GIVEN a closed pipeline WHEN an approval or a new signal arrives THEN nothing is executed: the approval is refused with why, the signal waits in the store', async () => {
    const executed: number[] = [];
    const pipeline = pipelineWith(executed);
    await pipeline.close();
    await expect(pipeline.executeApproved(1)).rejects.toThrow('TradeStream is shutting down: the approval is kept, and the alert is executed at the next start');
    const { signal } = await pipeline.ingest(alert('close-late'), true);
    await pipeline.drain();
    expect(executed).toEqual([]);
    expect((await db.stores.signals.get(signal.id))?.status).toBe('received');
  });

  it('GIVEN a start still holding the queue WHEN the pipeline closes THEN the close ends at once and what was held waits for the next start', async () => {
    const executed: number[] = [];
    const pipeline = pipelineWith(executed);
    pipeline.hold();
    const { signal } = await pipeline.ingest(alert('close-held'), true);
    await pipeline.close();
    expect(executed).toEqual([]);
    expect((await db.stores.signals.get(signal.id))?.status).toBe('received');
  });
});
