import { SlashCommandBuilder } from 'discord.js';
import { pnlReport } from '../src/app/reports/pnl-report.js';
import type { SlashCommand } from '../src/adapters/discord/command-types.js';
import { appNowMs } from '../src/adapters/discord/command-deps.js';
import { periodOption, readPeriod, respondPeriods } from '../src/adapters/discord/period-option.js';
import { renderPnlCharts } from '../src/adapters/discord/pnl-charts.js';
import { pnlEmbeds } from '../src/adapters/discord/report-embeds.js';

/** /pnl [period] — realized and unrealized P&L with an equity curve and a daily P&L chart. */
export const pnl: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('pnl')
    .setDescription('Realized and unrealized P&L, with equity and daily P&L charts')
    .addStringOption((o) => periodOption(o, 'today'))
    .toJSON(),

  async execute(interaction, ctx) {
    const period = readPeriod(interaction, 'today');
    await interaction.deferReply();
    const { reportTimeZone, startingBalanceCents, quickchartHost } = ctx.settings;
    const report = await pnlReport(
      { reports: ctx.reports, account: () => ctx.desk.account() },
      { period, nowMs: appNowMs(ctx), timeZone: reportTimeZone, startingBalanceCents },
    );
    const charts = await renderPnlCharts(report, quickchartHost, ctx.log);
    await interaction.editReply({ embeds: pnlEmbeds(report, charts), files: charts.files });
  },

  autocomplete: (interaction) => respondPeriods(interaction),
};
