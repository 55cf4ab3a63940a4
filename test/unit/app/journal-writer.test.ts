import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/adapters/log/logger.js';
import { JournalConflictError } from '../../../src/app/conflicts.js';
import type { JournalBatch } from '../../../src/app/ports.js';
import { JournalWriter } from '../../../src/app/trading/journal-writer.js';

const log = createLogger({ level: 'silent' });
const batch = (basedOn: number) => ({ broker: 'paper', basedOn } as unknown as JournalBatch);
const evidence = () => new JournalConflictError('paper', 0, 1);

/** A writer over an in-memory journal head: a commit names the version it was built on, as the store checks. */
function setup(rebuild: () => Promise<void> = () => Promise.resolve()) {
  const state = { head: 0, rebuilds: 0, commits: [] as number[], foreign: [] as Error[] };
  const writer = new JournalWriter(
    (b) => {
      if (b.basedOn !== state.head) return Promise.reject(new JournalConflictError('paper', b.basedOn, state.head));
      state.head += 1;
      state.commits.push(b.basedOn);
      return Promise.resolve();
    },
    () => { state.rebuilds += 1; return rebuild(); },
    log,
    (e) => state.foreign.push(e),
  );
  return { state, writer };
}

describe('JournalWriter.rebuildAfterForeignWrite: the desk found trades another bot stored', () => {
  it('GIVEN a batch already queued THEN it is stored first, then the engine is rebuilt once, the foreign write reported, and the writer is in step after', async () => {
    const { state, writer } = setup();
    const first = writer.write(batch(0), () => Promise.resolve());
    const err = evidence();
    await writer.rebuildAfterForeignWrite(err);
    await first;
    expect(state).toMatchObject({ commits: [0], rebuilds: 1 });
    expect(state.foreign).toEqual([err]);
    expect(writer.outOfStep).toBeNull();
  });

  it('GIVEN a batch queued behind the rebuild THEN it is dropped, never stored: it was built on the same stale engine', async () => {
    const { state, writer } = setup();
    const rebuilt = writer.rebuildAfterForeignWrite(evidence());
    const stale = writer.write(batch(0), () => Promise.resolve());
    await rebuilt;
    await expect(stale).rejects.toThrow('not stored');
    expect(state.commits).toEqual([]);
  });

  it('GIVEN a write refused ahead of it THEN no second rebuild: the refusal already rebuilt the engine', async () => {
    const { state, writer } = setup();
    state.head = 4; // another bot's batches: the one below, built on 0, is refused
    const refused = writer.write(batch(0), () => Promise.resolve());
    const rebuilt = writer.rebuildAfterForeignWrite(evidence());
    await expect(refused).rejects.toThrow(JournalConflictError);
    await rebuilt;
    expect(state.rebuilds).toBe(1);
  });

  it('GIVEN the rebuild fails THEN the writer stays out of step with the evidence (so the desk trades nothing) until a retry succeeds', async () => {
    const { writer } = setup(() => Promise.reject(new Error('database down (load)')));
    await writer.rebuildAfterForeignWrite(evidence());
    expect(writer.outOfStep?.message).toBe('the paper journal is at version 1, not 0: another TradeStream on this database wrote to it');
    writer.stop(); // the retry timer
  });

  it('GIVEN no rebuild under way THEN rebuilt() resolves at once; GIVEN one THEN only once it is over', async () => {
    let finish: () => void = () => undefined;
    const { state, writer } = setup(() => new Promise<void>((r) => { finish = r; }));
    await writer.rebuilt();
    const rebuilding = writer.rebuildAfterForeignWrite(evidence());
    let over = false;
    const waited = writer.rebuilt().then(() => { over = true; });
    await new Promise((r) => setTimeout(r, 10));
    expect([state.rebuilds, over]).toEqual([1, false]);
    finish();
    await Promise.all([rebuilding, waited]);
    expect(over).toBe(true);
    await writer.rebuilt(); // nothing under way again
  });
});
