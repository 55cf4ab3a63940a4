/**
 * Chart.js configs (the v2 syntax QuickChart renders by default) for the equity curve and the
 * daily P&L. Plotted values are dollars = cents ÷ 100 — exactly the input figures:
 * Math.round(value × 100) gives the cents back for every safe-integer amount.
 */
import type { DailyPnl, EquityPoint } from '../../domain/analytics/index.js';

export interface ChartDataset {
  label: string;
  data: number[];
  [style: string]: unknown;
}

export interface ChartConfig {
  type: 'line' | 'bar';
  data: { labels: string[]; datasets: ChartDataset[] };
  options?: Record<string, unknown>;
}

export const PROFIT_COLOR = '#2e7d32';
export const LOSS_COLOR = '#c62828';
export const FLAT_COLOR = '#9e9e9e';
const EQUITY_COLOR = '#1565c0';

const centsToDollars = (cents: number): number => cents / 100;

export interface EquityChartOptions {
  /** Zone the point labels are written in (default UTC). */
  readonly timeZone?: string;
  readonly title?: string;
}

function pointLabel(atMs: number | null, timeZone: string): string {
  if (atMs === null) return 'Start';
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
  }).formatToParts(atMs);
  const get = (type: string): string => parts.find((part) => part.type === type)?.value ?? '';
  return `${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

/** A line of equity in dollars: one point per entry of `points`, in the order given. */
export function equityCurveChart(points: readonly EquityPoint[], options: EquityChartOptions = {}): ChartConfig {
  const timeZone = options.timeZone ?? 'UTC';
  return {
    type: 'line',
    data: {
      labels: points.map((point) => pointLabel(point.atMs, timeZone)),
      datasets: [{
        label: 'Equity ($)', data: points.map((point) => centsToDollars(point.equityCents)),
        fill: false, borderColor: EQUITY_COLOR, backgroundColor: EQUITY_COLOR, pointRadius: points.length > 60 ? 0 : 2,
        lineTension: 0,
      }],
    },
    options: {
      title: { display: true, text: options.title ?? 'Equity' },
      legend: { display: false },
    },
  };
}

const barColor = (cents: number): string => (cents > 0 ? PROFIT_COLOR : cents < 0 ? LOSS_COLOR : FLAT_COLOR);

/** Bars of net P&L per day in dollars: green for a profit, red for a loss, grey for flat. */
export function dailyPnlChart(days: readonly DailyPnl[], options: { readonly title?: string } = {}): ChartConfig {
  return {
    type: 'bar',
    data: {
      labels: days.map((day) => day.date),
      datasets: [{
        label: 'Daily P&L ($)', data: days.map((day) => centsToDollars(day.netPnlCents)),
        backgroundColor: days.map((day) => barColor(day.netPnlCents)),
      }],
    },
    options: {
      title: { display: true, text: options.title ?? 'Daily P&L' },
      legend: { display: false },
    },
  };
}

export interface ChartSeries {
  readonly labels: string[];
  /** The first dataset's values, as plotted (dollars). */
  readonly data: number[];
}

/**
 * Labels and the first dataset of a config — ours, or one parsed back off the wire. Throws on a
 * config that does not have that shape (a broken invariant, not an expected outcome).
 */
export function chartSeries(config: unknown): ChartSeries {
  const data = (config as { data?: { labels?: unknown; datasets?: { data?: unknown }[] } } | null)?.data;
  const labels = data?.labels;
  const values = data?.datasets?.[0]?.data;
  const isNumbers = Array.isArray(values) && values.every((v) => typeof v === 'number');
  if (!Array.isArray(labels) || !isNumbers) throw new TypeError('not a chart config with labels and a numeric dataset');
  return { labels: labels.map(String), data: [...(values as number[])] };
}
