import { describe, expect, it } from 'vitest';
import { FUTURES } from '../../../src/domain/trading/instruments.js';
import { requestedStopMicros, stopThroughMarket } from '../../../src/domain/trading/manual-stop.js';

const ES = FUTURES.ES!;
const M = 1_000_000;

describe('a stop a user asks for', () => {
  it.each([
    ['a price off the grid snaps to the nearest tick', 'long', 4745.1 * M, 4745 * M],
    ['a price on the grid stays', 'short', 4760.25 * M, 4760.25 * M],
  ] as const)('GIVEN %s', (_what, side, to, want) => {
    expect(requestedStopMicros(side, ES, 4750.25 * M, to)).toBe(want);
  });

  it('GIVEN breakeven WHEN the entry is off the grid (an average) THEN the stop is on the grid on the safe side of it', () => {
    expect(requestedStopMicros('long', ES, 4750.1 * M, 'breakeven')).toBe(4750.25 * M);
    expect(requestedStopMicros('short', ES, 4750.1 * M, 'breakeven')).toBe(4750 * M);
  });
});

describe('a stop through the market', () => {
  it.each([
    ['long', 4752.75, 4753, false],
    ['long', 4753, 4753, true],
    ['long', 4760, 4753, true],
    ['short', 4753.25, 4753, false],
    ['short', 4753, 4753, true],
    ['short', 4740, 4753, true],
  ] as const)('GIVEN a %s stop at %d marked at %d THEN through: %s', (side, stop, mark, through) => {
    expect(stopThroughMarket(side, stop * M, mark * M)).toBe(through);
  });

  it('GIVEN no mark THEN it cannot be said to be through', () => {
    expect(stopThroughMarket('long', 4760 * M, null)).toBe(false);
  });
});
