import { describe, expect, it } from 'vitest';
import { describeSelector, selects, type PositionSelector } from '../../../src/domain/trading/position-selector.js';

const series = (strikeMicros: number | null, expiry: string | null): PositionSelector =>
  ({ kind: 'option_series', underlying: 'spy', right: 'call', strikeMicros, expiry });

describe('position selectors', () => {
  it.each([
    [series(480_000_000, null), 'SPY250131C00480000', true],
    [series(480_000_000, null), 'SPY250131C00485000', false],
    [series(null, null), 'SPY250131C00485000', true],
    [series(null, null), 'SPY250131P00485000', false],
    [series(null, null), 'QQQ250131C00485000', false],
    [series(null, '2025-01-31'), 'SPY250131C00485000', true],
    [series(null, '2025-01-31'), 'SPY250207C00485000', false],
    [series(null, null), 'ES', false],
  ] as const)('%j selects %s: %s', (selector, symbol, expected) => {
    expect(selects(selector, symbol)).toBe(expected);
  });

  it.each([
    [{ kind: 'symbol', symbol: 'ES' }, 'ES'],
    [{ kind: 'asset_class', assetClass: 'futures' }, 'all futures'],
    [series(480_000_000, null), 'SPY 480 call (any expiry)'],
    [series(282_500_000, null), 'SPY 282.5 call (any expiry)'],
    [series(null, null), 'SPY call (any strike, any expiry)'],
    [series(null, '2025-01-31'), 'SPY 2025-01-31 call (any strike)'],
  ] as const)('%j reads "%s"', (selector, text) => {
    expect(describeSelector(selector as PositionSelector)).toBe(text);
  });
});
