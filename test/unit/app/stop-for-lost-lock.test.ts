import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../../src/adapters/log/logger.js';
import { SHUTDOWN_TIMEOUT_MS, stopForLostLock } from '../../../src/bootstrap.js';

const log = createLogger({ level: 'silent' });
const reason = new Error('Another TradeStream took this database\'s instance lock');

describe('stopping after the instance lock was taken', () => {
  afterEach(() => { vi.useRealTimers(); });

  it('GIVEN a stop that ends WHEN it has ended THEN main is told once, and not again when the time limit passes', async () => {
    vi.useFakeTimers();
    const told = vi.fn();
    stopForLostLock({ stop: () => Promise.resolve() }, reason, log, told);
    expect(told).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(0);
    expect(told).toHaveBeenCalledExactlyOnceWith(reason);
    await vi.advanceTimersByTimeAsync(SHUTDOWN_TIMEOUT_MS * 2);
    expect(told).toHaveBeenCalledOnce();
  });

  it('GIVEN a stop that hangs WHEN the time limit passes THEN main is told anyway (and exits)', async () => {
    vi.useFakeTimers();
    const told = vi.fn();
    stopForLostLock({ stop: () => new Promise<void>(() => undefined) }, reason, log, told);
    await vi.advanceTimersByTimeAsync(SHUTDOWN_TIMEOUT_MS - 1);
    expect(told).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(told).toHaveBeenCalledExactlyOnceWith(reason);
  });

  it('GIVEN a stop that fails WHEN it fails THEN main is told', async () => {
    const told = vi.fn();
    stopForLostLock({ stop: () => Promise.reject(new Error('the database did not close')) }, reason, log, told);
    await vi.waitFor(() => expect(told).toHaveBeenCalledExactlyOnceWith(reason));
  });
});
