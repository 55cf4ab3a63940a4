import { EmbedBuilder, type APIEmbed } from 'discord.js';
import type { GroupStats, TradeStats } from '../../domain/analytics/index.js';
import { formatUsd } from '../../domain/trading/money.js';
import type { PnlReport } from '../../app/reports/pnl-report.js';
import type { TradeStatsReport } from '../../app/reports/trade-stats.js';
import { COLORS, EMBED_LIMITS, clip, field } from './embeds.js';
import type { PnlCharts } from './pnl-charts.js';
import { percent, periodLabel, ratio, signedUsd } from './report-format.js';

const colorOf = (cents: number): number => (cents > 0 ? COLORS.long : cents < 0 ? COLORS.short : COLORS.info);

function chartNote(charts: PnlCharts): string | null {
  const failed = [charts.equity, charts.daily].find((c) => c.ok === false);
  return failed && failed.ok === false ? `⚠️ Chart unavailable (the chart service could not be reached: ${clip(failed.error, 200)}). The figures above come from the trade journal.` : null;
}

/** /pnl: the figures, the equity chart on the first embed and the daily chart on a second. */
export function pnlEmbeds(report: PnlReport, charts: PnlCharts): APIEmbed[] {
  const { closed, account } = report;
  const unmarked = account.unmarkedPositionIds.length;
  const main = new EmbedBuilder()
    .setTitle(`P&L · ${periodLabel(report.period, null)}`)
    .setColor(colorOf(closed.realizedNetCents + account.unrealizedCents))
    .setDescription(report.fromMs === null ? 'Every closed trade.' : periodLabel(report.period, report.fromMs))
    .addFields(
      field('Realized (closed trades)', `**${signedUsd(closed.realizedNetCents)}**`),
      field('Trades', `${closed.count} · ${closed.wins}W ${closed.losses}L`),
      field('Commission', formatUsd(closed.commissionCents)),
      field('Unrealized (open now)', `**${signedUsd(account.unrealizedCents)}** · ${account.openPositions} open${unmarked > 0 ? ` (${unmarked} without a quote)` : ''}`),
      field('Equity over the period', `${formatUsd(report.startEquityCents)} → ${formatUsd(report.endEquityCents)}`),
      field('Account equity now', formatUsd(account.equityCents)),
    )
    .setFooter({ text: 'Net of commissions · realized by close date · open positions marked at bid (long) / ask (short)' });
  if (closed.count === 0) main.addFields(field('Charts', 'No closed trades in this period.', false));
  const note = chartNote(charts);
  if (note) main.addFields(field('Charts', note, false));
  if (charts.equity.ok === true) main.setImage(`attachment://${charts.equity.fileName}`);
  const embeds = [main.toJSON()];
  if (charts.daily.ok === true) {
    embeds.push(new EmbedBuilder().setTitle('Daily P&L').setColor(COLORS.info).setImage(`attachment://${charts.daily.fileName}`).toJSON());
  }
  return embeds;
}

function groupLine(g: GroupStats): string {
  const s = g.stats;
  return `**${g.key}** · ${s.tradeCount} trades · ${percent(s.winRate)} win · ${signedUsd(s.netPnlCents)} · PF ${ratio(s.profitFactor)}`;
}

function groupField(name: string, groups: readonly GroupStats[]): ReturnType<typeof field> {
  const lines: string[] = [];
  let used = 0;
  for (const [i, g] of groups.entries()) {
    const line = groupLine(g);
    if (used + line.length + 1 > EMBED_LIMITS.fieldValue - 30) {
      lines.push(`…and ${groups.length - i} more`);
      break;
    }
    lines.push(line);
    used += line.length + 1;
  }
  return field(name, lines.length > 0 ? lines.join('\n') : '—', false);
}

const optionalUsd = (cents: number | null): string => (cents === null ? '—' : signedUsd(cents));

function overallFields(s: TradeStats): ReturnType<typeof field>[] {
  const dd = s.drawdown;
  return [
    field('Trades', `${s.tradeCount} (${s.wins}W · ${s.losses}L · ${s.breakeven} BE)`),
    field('Win rate', percent(s.winRate)),
    field('Net P&L', signedUsd(s.netPnlCents)),
    field('Profit factor', ratio(s.profitFactor)),
    field('Average win', optionalUsd(s.avgWinCents)),
    field('Average loss', optionalUsd(s.avgLossCents)),
    field('Expectancy', `${optionalUsd(s.expectancyCents)} / trade`),
    field('Sharpe', ratio(s.sharpe)),
    field('Sortino', ratio(s.sortino)),
    field('Max drawdown', `${formatUsd(dd.maxDrawdownCents)}${dd.maxDrawdownPctOfPeak === null ? '' : ` (${dd.maxDrawdownPctOfPeak.toFixed(2)}%)`}`),
    field('Recovery factor', ratio(s.recoveryFactor)),
    field('Commission', formatUsd(s.commissionCents)),
  ];
}

/** /stats: the headline figures, then the same per asset class, source channel and alert author. */
export function statsEmbed(stats: TradeStatsReport): APIEmbed {
  const { overall, byAssetClass, bySource, byAuthor } = stats.report;
  const embed = new EmbedBuilder()
    .setTitle(`Trade stats · ${periodLabel(stats.period, null)}`)
    .setColor(colorOf(overall.netPnlCents))
    .setDescription(stats.fromMs === null ? 'Every closed trade.' : periodLabel(stats.period, stats.fromMs));
  if (overall.tradeCount === 0) return embed.addFields(field('Trades', 'No closed trades in this period.', false)).toJSON();
  return embed
    .addFields(...overallFields(overall), groupField('By asset class', byAssetClass), groupField('By source channel', bySource),
      groupField('By alert author', byAuthor))
    .setFooter({ text: 'Net of commissions · Sharpe/Sortino annualised from daily returns (need ≥ 2 days) · PF = profit factor' })
    .toJSON();
}
