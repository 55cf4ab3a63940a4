import { describe, expect, it } from 'vitest';
import { JournalConflictError } from '../../src/app/conflicts.js';
import { SignalPipeline, type AlertExecutor } from '../../src/app/pipeline.js';
import type { Log, NewSignal, SignalStore } from '../../src/app/ports.js';
import { TestClock } from '../../src/domain/clock.js';
import { testDatabaseKinds, useStores } from '../support/databases.js';

/**
 * When processing a signal throws, the signal is marked `failed` with a reason the store can
 * hold — and if even that write fails, the log says so (the signal stays `received`).
 */
const NOW = Date.parse('2026-11-20T15:00:00Z');

/** What drizzle throws when PostgreSQL refuses a parse: its message repeats the parameters, NUL included. */
const refusedParse = () => new Error('Failed query: update "signals" set "parse" = $1 …\nparams: {"message":"2027\u0000 is not a date"}',
  { cause: Object.assign(new Error('unsupported Unicode escape sequence'), { code: '22P05' }) });

const chatter = (externalId: string): NewSignal => ({
  source: 'discord', externalId, channelKind: 'options', channelId: '2', channelName: 'twi_options', guildId: '9',
  authorId: '7', authorName: 'jmoney', rawText: 'good morning all', postedAtMs: NOW, messageUrl: null,
});

describe.each(testDatabaseKinds())('a signal whose processing fails, on $name', (kind) => {
  const db = useStores(kind, () => NOW);

  /** The pipeline over the real store, with some of the signal store's methods replaced; what it logs as errors. */
  function pipelineWith(overrides: Partial<SignalStore>, executeAlert: AlertExecutor['executeAlert'] = () => Promise.resolve({ status: 'executed', fills: 1 })):
    { pipeline: SignalPipeline; errors: string[] } {
    const errors: string[] = [];
    const log: Log = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: (_obj, msg) => { errors.push(msg ?? ''); } };
    const signals = new Proxy(db.stores.signals, {
      get: (target, prop, receiver) => (overrides as Record<string | symbol, unknown>)[prop] ?? Reflect.get(target, prop, receiver) as unknown,
    });
    const deps = { stores: { ...db.stores, signals }, notifier: { notify: () => Promise.resolve() }, clock: new TestClock(NOW) };
    const executor = { executeAlert, lastPrice: () => null, openPositionsFor: () => [] };
    const pipeline = new SignalPipeline(deps, { confidenceThreshold: 0.8, maxAlertAgeMs: 120_000 }, executor, log);
    return { pipeline, errors };
  }

  it('GIVEN storing the parse fails with an error that repeats a U+0000 WHEN the signal is marked failed THEN the reason written is the cause, on one line, without it', async () => {
    const written: (string | null)[] = [];
    const { pipeline } = pipelineWith({
      saveParse: () => Promise.reject(refusedParse()),
      setStatus: (id, from, to, code, reason) => {
        written.push(reason);
        return db.stores.signals.setStatus(id, from, to, code, reason);
      },
    });
    const { signal } = await pipeline.ingest(chatter('f-1'), true);
    await pipeline.drain();
    expect(written).toEqual(['unsupported Unicode escape sequence']);
    expect(await db.stores.signals.get(signal.id)).toMatchObject({ status: 'failed', reasonCode: 'INTERNAL_ERROR' });
    expect(await db.stores.signals.unfinished()).toEqual([]);
  });

  it('GIVEN even the failure status cannot be written WHEN processing fails THEN that is logged too, and the signal stays received for the next start', async () => {
    const { pipeline, errors } = pipelineWith({
      saveParse: () => Promise.reject(refusedParse()),
      setStatus: () => Promise.reject(new Error('connection reset')),
    });
    const { signal } = await pipeline.ingest(chatter('f-2'), true);
    await pipeline.drain();
    expect(errors).toEqual(['signal processing failed',
      'could not mark a failed signal failed: it stays received, and is tried again on the next start']);
    expect((await db.stores.signals.unfinished()).map((s) => s.id)).toEqual([signal.id]);
  });

  const alert = (externalId: string): NewSignal => ({ ...chatter(externalId), channelKind: 'futures', rawText: 'ES LONG 4750 STOP 4745' });

  it('GIVEN the journal moved on under an alert (another bot wrote) WHEN the desk refuses it once THEN it is tried once more and goes through', async () => {
    let calls = 0;
    const { pipeline, errors } = pipelineWith({}, () => {
      calls++;
      return calls === 1 ? Promise.reject(new JournalConflictError('paper', 3, 4)) : Promise.resolve({ status: 'executed', fills: 1 });
    });
    const { signal } = await pipeline.ingest(alert('c-1'), true);
    await pipeline.drain();
    expect(calls).toBe(2);
    expect(errors).toEqual([]);
    expect((await db.stores.signals.get(signal.id))?.status).toBe('received'); // the stub desk stored no outcome
  });

  it('GIVEN the journal moves on again WHEN the alert is tried the second time THEN it is marked failed with why, not tried forever', async () => {
    let calls = 0;
    const { pipeline } = pipelineWith({}, () => { calls++; return Promise.reject(new JournalConflictError('paper', calls, calls + 1)); });
    const { signal } = await pipeline.ingest(alert('c-2'), true);
    await pipeline.drain();
    expect(calls).toBe(2);
    expect(await db.stores.signals.get(signal.id)).toMatchObject({ status: 'failed', reasonCode: 'INTERNAL_ERROR',
      reason: 'the paper journal is at version 3, not 2: another TradeStream on this database wrote to it' });
  });
});
