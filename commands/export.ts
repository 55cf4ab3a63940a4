import { EmbedBuilder, MessageFlags, SlashCommandBuilder } from 'discord.js';
import { exportTrades } from '../src/app/reports/export-trades.js';
import type { SlashCommand } from '../src/adapters/discord/command-types.js';
import { appNowMs } from '../src/adapters/discord/command-deps.js';
import { COLORS } from '../src/adapters/discord/embeds.js';
import { periodOption, readPeriod, respondPeriods } from '../src/adapters/discord/period-option.js';
import { periodLabel } from '../src/adapters/discord/report-format.js';

/** /export trades [period] — closed trades and their fills as CSV attachments (only you see the reply). */
export const exportCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('export')
    .setDescription('Export data as CSV')
    .addSubcommand((s) => s.setName('trades').setDescription('Closed trades and their fills as CSV (exact prices, dollars to the cent)')
      .addStringOption((o) => periodOption(o, 'all')))
    .toJSON(),

  async execute(interaction, ctx) {
    const period = readPeriod(interaction, 'all');
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const { reportTimeZone, startingBalanceCents } = ctx.settings;
    const result = await exportTrades(ctx.reports, { period, nowMs: appNowMs(ctx), timeZone: reportTimeZone, startingBalanceCents });
    const embed = new EmbedBuilder().setTitle(`Trade export · ${periodLabel(period, null)}`).setColor(COLORS.info)
      .setDescription(`${result.tradeCount} closed trade${result.tradeCount === 1 ? '' : 's'} and ${result.fillCount} fill${result.fillCount === 1 ? '' : 's'}`
        + `${result.fromMs === null ? '' : `, ${periodLabel(period, result.fromMs)}`}. Prices are exact decimals; money is USD to the cent; times are UTC.`)
      .toJSON();
    await interaction.editReply({
      embeds: [embed],
      files: [
        { attachment: Buffer.from(result.tradesCsv, 'utf8'), name: `trades-${period}.csv` },
        { attachment: Buffer.from(result.fillsCsv, 'utf8'), name: `fills-${period}.csv` },
      ],
    });
  },

  autocomplete: (interaction) => respondPeriods(interaction),
};
