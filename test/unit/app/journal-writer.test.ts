import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/adapters/log/logger.js';
import { JournalConflictError } from '../../../src/app/conflicts.js';
import type { JournalBatch } from '../../../src/app/ports.js';
import { JournalWriter } from '../../../src/app/trading/journal-writer.js';

const log = createLogger({ level: 'silent' });
const batch = (basedOn: number) => ({ broker: 'paper', basedOn } as unknown as JournalBatch);

/** A writer over an in-memory journal head: commits bump it, `foreign` writes bump it behind the writer's back. */
function setup() {
  const state = { head: 0, rebuilds: 0, reads: 0, foreign: [] as Error[], readFails: false };
  const writer = new JournalWriter(
    (b) => {
      if (b.basedOn !== state.head) return Promise.reject(new JournalConflictError('paper', b.basedOn, state.head));
      state.head += 1;
      return Promise.resolve();
    },
    () => { state.rebuilds += 1; return Promise.resolve(); },
    log,
    (e) => state.foreign.push(e),
  );
  const stored = () => {
    state.reads += 1;
    return state.readFails ? Promise.reject(new Error('database down')) : Promise.resolve(state.head);
  };
  return { state, writer, verify: (expected: number) => writer.verify('paper', expected, stored) };
}

describe('JournalWriter.verify: is the engine still the store\'s before a decision?', () => {
  it('GIVEN the store at the version the engine built THEN nothing is rebuilt', async () => {
    const { state, verify } = setup();
    state.head = 3;
    await verify(3);
    expect(state).toMatchObject({ reads: 1, rebuilds: 0, foreign: [] });
  });

  it('GIVEN batches still being written THEN it reads the version after them, and finds it in step', async () => {
    const { state, writer, verify } = setup();
    const written = [writer.write(batch(0), () => Promise.resolve()), writer.write(batch(1), () => Promise.resolve())];
    await verify(2); // the version those two batches bring the journal to
    await Promise.all(written);
    expect(state).toMatchObject({ head: 2, reads: 1, rebuilds: 0 });
  });

  it('GIVEN another bot stored a batch THEN the engine is rebuilt before the caller goes on, the foreign write is reported, and the writer is in step after', async () => {
    const { state, writer, verify } = setup();
    state.head = 1; // the other bot's batch
    await verify(0);
    expect(state.rebuilds).toBe(1);
    expect(state.foreign.map((e) => e.message)).toEqual(['the paper journal is at version 1, not 0: another TradeStream on this database wrote to it']);
    expect(writer.outOfStep).toBeNull();
  });

  it('GIVEN the store behind the engine (not another bot: a restored database) THEN the engine is rebuilt, and nothing is reported as a foreign write', async () => {
    const { state, verify } = setup();
    state.head = 2;
    await verify(5);
    expect(state).toMatchObject({ rebuilds: 1, foreign: [] });
  });

  it('GIVEN a rebuild that fails THEN the writer stays out of step (so the desk trades nothing), and the retry is scheduled', async () => {
    const failing = new JournalWriter(() => Promise.resolve(), () => Promise.reject(new Error('database down (load)')), log);
    await failing.verify('paper', 0, () => Promise.resolve(1));
    expect(failing.outOfStep?.message).toContain('version 1, not 0');
    failing.stop(); // the retry timer
  });

  it('GIVEN the version cannot be read THEN verify rejects, and nothing is rebuilt', async () => {
    const { state, verify } = setup();
    state.readFails = true;
    await expect(verify(0)).rejects.toThrow('database down');
    expect(state.rebuilds).toBe(0);
  });

  it('GIVEN a write failed ahead of it THEN it does not read again: that failure already rebuilt the engine', async () => {
    const { state, writer, verify } = setup();
    state.head = 4; // the engine's batch below is built on 0: refused
    const refused = writer.write(batch(0), () => Promise.resolve());
    const verified = verify(1);
    await expect(refused).rejects.toThrow(JournalConflictError);
    await verified;
    expect(state).toMatchObject({ reads: 0, rebuilds: 1 });
  });
});
