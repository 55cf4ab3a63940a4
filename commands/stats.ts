import { SlashCommandBuilder } from 'discord.js';
import { tradeStats } from '../src/app/reports/trade-stats.js';
import type { SlashCommand } from '../src/adapters/discord/command-types.js';
import { appNowMs } from '../src/adapters/discord/command-deps.js';
import { periodOption, readPeriod, respondPeriods } from '../src/adapters/discord/period-option.js';
import { statsEmbed } from '../src/adapters/discord/report-embeds.js';

/** /stats [period] — win rate, profit factor, expectancy, Sharpe, Sortino, drawdown; by asset, channel, author. */
export const stats: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('stats')
    .setDescription('Trade statistics: win rate, profit factor, Sharpe, drawdown; by asset class, channel and author')
    .addStringOption((o) => periodOption(o, 'all'))
    .toJSON(),

  async execute(interaction, ctx) {
    const period = readPeriod(interaction, 'all');
    await interaction.deferReply();
    const { reportTimeZone, startingBalanceCents } = ctx.settings;
    const report = await tradeStats(ctx.reports, { period, nowMs: appNowMs(ctx), timeZone: reportTimeZone, startingBalanceCents });
    await interaction.editReply({ embeds: [statsEmbed(report)] });
  },

  autocomplete: (interaction) => respondPeriods(interaction),
};
