import type { JournalBatch, TradeStore } from '../../src/app/ports.js';

/** How a FaultyTrades store misbehaves; tests change these between steps. */
export interface Faults {
  /** The next this many commits throw ("the database dropped out"). */
  failCommits: number;
  /** The next this many journal loads throw. */
  failLoads: number;
  /** When set, a commit waits for it before it succeeds or fails (a write in flight). */
  gate: Promise<void> | null;
  /** Called as each commit starts. */
  onCommit: () => void;
}

/** A real trade store whose writes and loads can be made to fail or stall on demand. */
export function faultyTrades(real: TradeStore): { trades: TradeStore; faults: Faults } {
  const faults: Faults = { failCommits: 0, failLoads: 0, gate: null, onCommit: () => undefined };
  const trades: TradeStore = {
    loadJournal: async (broker) => {
      if (faults.failLoads > 0) { faults.failLoads -= 1; throw new Error('database down (load)'); }
      return real.loadJournal(broker);
    },
    journalVersion: (broker) => real.journalVersion(broker),
    commit: async (batch: JournalBatch) => {
      faults.onCommit();
      if (faults.gate) await faults.gate;
      if (faults.failCommits > 0) { faults.failCommits -= 1; throw new Error('database down (commit)'); }
      return real.commit(batch);
    },
    openPositions: (s) => real.openPositions(s),
    closedPositions: (s) => real.closedPositions(s),
  };
  return { trades, faults };
}
