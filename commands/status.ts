import { SlashCommandBuilder } from 'discord.js';
import { systemStatus } from '../src/app/reports/system-status.js';
import type { SlashCommand } from '../src/adapters/discord/command-types.js';
import { systemStatusEmbed } from '../src/adapters/discord/status-embed.js';

/** /status — every component's health (the /healthz report), the bot's state, mode and pending work. */
export const status: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('status')
    .setDescription('Health of every component: Discord, database, brokers, quote feed, bot, mode, pending signals')
    .toJSON(),

  async execute(interaction, ctx) {
    await interaction.deferReply();
    await interaction.editReply({ embeds: [systemStatusEmbed(await systemStatus(ctx.health, ctx.control))] });
  },
};
