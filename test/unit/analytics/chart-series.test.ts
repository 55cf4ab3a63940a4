import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  chartSeries, dailyPnlChart, equityCurveChart, LOSS_COLOR, PROFIT_COLOR,
} from '../../../src/adapters/charts/index.js';
import { dailyPnl, equityCurve } from '../../../src/domain/analytics/index.js';
import { NY, START_CENTS, tradesHourly } from './fixtures.js';

const toCents = (dollars: readonly number[]) => dollars.map((d) => Math.round(d * 100));

describe('chart configs plot exactly the analytics figures', () => {
  it('GIVEN an equity curve THEN the line is equity in dollars, one point per entry, labelled in the zone', () => {
    const points = equityCurve(tradesHourly([12_345, -678]), START_CENTS);
    const config = equityCurveChart(points, { timeZone: NY });
    expect(config.type).toBe('line');
    expect(chartSeries(config)).toEqual({
      labels: ['Start', '01-15 15:00', '01-15 16:00'],
      data: [10_000, 10_123.45, 10_116.67],
    });
  });

  it('GIVEN daily P&L THEN bars are dollars by date, green for profit and red for loss', () => {
    const days = [
      { date: '2024-01-15', netPnlCents: 2_550, tradeCount: 2 },
      { date: '2024-01-16', netPnlCents: -1, tradeCount: 1 },
      { date: '2024-01-17', netPnlCents: 0, tradeCount: 1 },
    ];
    const config = dailyPnlChart(days);
    expect(config.type).toBe('bar');
    expect(chartSeries(config)).toEqual({ labels: ['2024-01-15', '2024-01-16', '2024-01-17'], data: [25.5, -0.01, 0] });
    expect(config.data.datasets[0]?.backgroundColor).toEqual([PROFIT_COLOR, LOSS_COLOR, '#9e9e9e']);
  });

  it('GIVEN any cents THEN plotted dollars × 100 round back to the exact cents, also after a JSON round trip', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: -1e13, max: 1e13 }), { maxLength: 40 }), (centsList) => {
      const days = centsList.map((netPnlCents, i) => ({ date: `2024-01-${String(i + 1).padStart(2, '0')}`, netPnlCents, tradeCount: 1 }));
      const wire = JSON.parse(JSON.stringify(dailyPnlChart(days))) as unknown;
      expect(toCents(chartSeries(wire).data)).toEqual(centsList);
      expect(chartSeries(wire).data).toEqual(centsList.map((c) => c / 100));
    }));
  });

  it('GIVEN trades THEN the daily chart sums to the trades\u2019 net P&L', () => {
    const trades = tradesHourly([101, -202, 303, 99_999]);
    const plotted = toCents(chartSeries(dailyPnlChart(dailyPnl(trades, NY))).data);
    expect(plotted.reduce((a, b) => a + b, 0)).toBe(101 - 202 + 303 + 99_999);
  });

  it('GIVEN something that is not a chart config THEN chartSeries refuses it', () => {
    expect(() => chartSeries({ data: { labels: [], datasets: [{ data: ['x'] }] } })).toThrow(TypeError);
    expect(() => chartSeries(null)).toThrow(TypeError);
  });
});
