import { SlashCommandBuilder } from 'discord.js';
import type { SlashCommand } from '../src/adapters/discord/command-types.js';
import { positionsEmbed } from '../src/adapters/discord/embeds.js';

/** /positions [symbol] — open positions with entry, stop and targets. */
export const positions: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('positions')
    .setDescription('Open positions with entry, stop and targets')
    .addStringOption((o) => o.setName('symbol').setDescription('Only this symbol (e.g. ES)').setMaxLength(32).setAutocomplete(true))
    .toJSON(),

  async execute(interaction, ctx) {
    const symbol = interaction.options.getString('symbol');
    await interaction.deferReply();
    const open = await ctx.stores.trades.openPositions(symbol ?? undefined);
    await interaction.editReply({ embeds: [positionsEmbed(open, symbol)] });
  },

  async autocomplete(interaction, ctx) {
    const typed = interaction.options.getFocused().toUpperCase();
    const symbols = [...new Set((await ctx.stores.trades.openPositions()).map((p) => p.symbol))];
    await interaction.respond(symbols.filter((s) => s.startsWith(typed)).slice(0, 25).map((s) => ({ name: s, value: s })));
  },
};
