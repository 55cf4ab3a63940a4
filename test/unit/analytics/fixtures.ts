import type { TradeOutcome } from '../../../src/domain/analytics/index.js';

export const NY = 'America/New_York';
/** $10,000.00 */
export const START_CENTS = 1_000_000;
/** Monday 2024-01-15 15:00 New York (EST, UTC−5). */
export const MON_15_NY_MS = Date.parse('2024-01-15T20:00:00Z');
export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

let seq = 0;

/** A closed futures trade from the futures channel; override what the case is about. */
export function trade(netPnlCents: number, closedAtMs: number, overrides: Partial<TradeOutcome> = {}): TradeOutcome {
  seq += 1;
  return {
    id: `T${String(seq).padStart(4, '0')}`, symbol: 'ES', assetClass: 'futures', source: 'futures', author: 'alice',
    broker: 'paper', openedAtMs: closedAtMs - 10 * 60_000, closedAtMs, netPnlCents, commissionCents: 124,
    ...overrides,
  };
}

/** Trades closing an hour apart from `firstCloseMs`, in the order given. */
export function tradesHourly(netPnlsCents: readonly number[], firstCloseMs = MON_15_NY_MS): TradeOutcome[] {
  return netPnlsCents.map((pnl, i) => trade(pnl, firstCloseMs + i * HOUR_MS, { id: `H${i + 1}` }));
}
