import { SlashCommandBuilder } from 'discord.js';
import type { ChannelKind } from '../src/domain/alerts/types.js';
import { DEFAULT_ALERTS, listAlerts, MAX_ALERTS } from '../src/app/reports/list-alerts.js';
import { alertsPage } from '../src/adapters/discord/alert-embeds.js';
import { CommandError, type CommandContext, type SlashCommand } from '../src/adapters/discord/command-types.js';

const CHANNELS: readonly ChannelKind[] = ['futures', 'options', 'tradingview'];
const channelOf = (raw: string | null): ChannelKind | null => CHANNELS.find((c) => c === raw) ?? null;

/** /alerts [channel] [limit] — recent signals with their parse, confidence, status and reason, paged. */
export const alerts: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('alerts')
    .setDescription('Recent alerts with their parse, confidence, status and reason')
    .addStringOption((o) => o.setName('channel').setDescription('Only alerts from this source')
      .addChoices(...CHANNELS.map((c) => ({ name: c, value: c }))))
    .addIntegerOption((o) => o.setName('limit').setDescription(`How many (1–${MAX_ALERTS}, default ${DEFAULT_ALERTS})`)
      .setMinValue(1).setMaxValue(MAX_ALERTS))
    .toJSON(),

  async execute(interaction, ctx) {
    const channel = channelOf(interaction.options.getString('channel'));
    const limit = interaction.options.getInteger('limit');
    await interaction.deferReply();
    await interaction.editReply(await page(ctx, channel, limit, 0));
  },

  async button(interaction, ctx) {
    const [, action, pageText = '0', channelText = '', limitText = ''] = interaction.customId.split(':');
    if (action !== 'page') throw new CommandError('UNKNOWN_BUTTON', 'This button is no longer handled.');
    await interaction.deferUpdate();
    await interaction.editReply(await page(ctx, channelOf(channelText), Number(limitText) || null, Number(pageText)));
  },
};

async function page(ctx: CommandContext, channel: ChannelKind | null, limit: number | null, n: number) {
  const result = await listAlerts(ctx.stores.signals, { channelKind: channel, limit });
  if (result.status === 'failed') throw new CommandError(result.code, result.message);
  return alertsPage(result.signals, channel, result.limit, n);
}
