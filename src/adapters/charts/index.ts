export {
  chartSeries, dailyPnlChart, equityCurveChart, FLAT_COLOR, LOSS_COLOR, PROFIT_COLOR,
  type ChartConfig, type ChartDataset, type ChartSeries, type EquityChartOptions,
} from './chart-config.js';
export { DEFAULT_QUICKCHART_HOST, renderChart, type RenderOptions, type RenderResult } from './render.js';
