import { describe, expect, it } from 'vitest';
import { foreignWriteCheck } from '../../../src/adapters/store/foreign-writes.js';
import type { Database } from '../../../src/adapters/store/database.js';
import type { InstanceLockState } from '../../../src/adapters/store/instance-lock.js';
import type { Log } from '../../../src/app/ports.js';

/** A database whose lock check answers `state` (after `gate`, when given); counts the checks. */
function fakeDatabase(state: InstanceLockState | null, gate?: Promise<void>) {
  const calls = { checks: 0 };
  const database = {
    ...(state === null ? {} : { checkInstanceLock: async () => { calls.checks++; await gate; return state; } }),
  } as unknown as Database;
  return { database, calls };
}

function recordingLog() {
  const errors: string[] = [];
  const log: Log = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: (_o, msg) => { errors.push(msg ?? ''); } };
  return { log, errors };
}

const settle = () => new Promise((r) => setTimeout(r, 0));
const evidence = new Error('the paper journal is at version 4, not 3');

describe('when the store shows another bot writing', () => {
  it('GIVEN the other bot took the lock THEN the lock is checked at once and nothing more is said (the lock\'s own onLost stops the bot)', async () => {
    const { database, calls } = fakeDatabase('lost');
    const { log, errors } = recordingLog();
    foreignWriteCheck(database, log)(evidence);
    await settle();
    expect(calls.checks).toBe(1);
    expect(errors).toEqual([]);
  });

  it('GIVEN this bot still holds the lock, or has none THEN it says once that a bot runs without the lock', async () => {
    for (const state of ['held', null] as const) {
      const { database } = fakeDatabase(state);
      const { log, errors } = recordingLog();
      const check = foreignWriteCheck(database, log);
      check(evidence);
      await settle();
      check(evidence);
      await settle();
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/^another TradeStream is writing to this database, and nothing stops it: one of them runs with INSTANCE_LOCK=false/);
    }
  });

  it('GIVEN conflicts while a check is under way THEN they share it', async () => {
    let open!: () => void;
    const { database, calls } = fakeDatabase('lost', new Promise<void>((r) => { open = r; }));
    const check = foreignWriteCheck(database, recordingLog().log);
    check(evidence);
    check(evidence);
    open();
    await settle();
    check(evidence);
    await settle();
    expect(calls.checks).toBe(2);
  });
});
