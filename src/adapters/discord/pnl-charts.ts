import type { AttachmentPayload } from 'discord.js';
import type { Log } from '../../app/ports.js';
import type { PnlReport } from '../../app/reports/pnl-report.js';
import { dailyPnlChart, equityCurveChart, renderChart, type ChartConfig } from '../charts/index.js';
import { PERIOD_LABELS } from './report-format.js';

/** How long /pnl waits for QuickChart before answering with the figures alone. */
export const CHART_TIMEOUT_MS = 5000;

export type ChartOutcome = { ok: true; fileName: string } | { ok: false; error: string } | { ok: 'skipped' };

export interface PnlCharts {
  files: AttachmentPayload[];
  equity: ChartOutcome;
  daily: ChartOutcome;
}

async function render(config: ChartConfig, fileName: string, host: string | null, log: Log): Promise<{ outcome: ChartOutcome; file?: AttachmentPayload }> {
  const result = await renderChart(config, { host: host ?? undefined, timeoutMs: CHART_TIMEOUT_MS });
  if (result.ok) return { outcome: { ok: true, fileName }, file: { attachment: result.png, name: fileName } };
  log.warn({ chart: fileName, error: result.error }, 'chart unavailable');
  return { outcome: { ok: false, error: result.error } };
}

/**
 * The equity curve and daily P&L as PNG attachments (attachment://equity.png, daily.png), rendered
 * side by side. A chart that fails is reported, never thrown: the embed keeps its figures.
 */
export async function renderPnlCharts(report: PnlReport, host: string | null, log: Log): Promise<PnlCharts> {
  if (report.closed.count === 0) return { files: [], equity: { ok: 'skipped' }, daily: { ok: 'skipped' } };
  const label = PERIOD_LABELS[report.period];
  const [equity, daily] = await Promise.all([
    render(equityCurveChart(report.equity, { timeZone: report.timeZone, title: `Equity · ${label}` }), 'equity.png', host, log),
    render(dailyPnlChart(report.daily, { title: `Daily P&L · ${label}` }), 'daily.png', host, log),
  ]);
  return {
    files: [equity.file, daily.file].filter((f): f is AttachmentPayload => f !== undefined),
    equity: equity.outcome, daily: daily.outcome,
  };
}
