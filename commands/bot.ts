import { SlashCommandBuilder } from 'discord.js';
import type { CommandContext, SlashCommand } from '../src/adapters/discord/command-types.js';
import { actorOf } from '../src/adapters/discord/actor.js';
import { statusEmbed, type StatusHealth } from '../src/adapters/discord/embeds.js';
import { requireAdmin } from '../src/adapters/discord/guard.js';

/** /bot start | stop | status — control the bot. Start and stop are for admins. */
export const bot: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('bot')
    .setDescription('Start, stop or inspect the trading bot')
    .addSubcommand((s) => s.setName('start').setDescription('Resume acting on new alerts (admins)'))
    .addSubcommand((s) => s.setName('stop').setDescription('Ignore new alerts; work under way finishes (admins)'))
    .addSubcommand((s) => s.setName('status').setDescription('Running or stopped, mode, uptime, today\'s counts'))
    .toJSON(),

  async execute(interaction, ctx) {
    const sub = interaction.options.getSubcommand(true);
    if (sub === 'status') {
      await interaction.deferReply();
      await interaction.editReply({ embeds: [statusEmbed(await ctx.control.status(), await statusHealth(ctx))] });
      return;
    }
    if (!(await requireAdmin(interaction, ctx, `bot.${sub}`))) return;
    await interaction.deferReply();
    const actor = actorOf(interaction);
    const result = sub === 'start' ? await ctx.control.start(actor) : await ctx.control.stop(actor);
    if (result.status === 'refused') {
      await interaction.editReply({ content: `⛔ ${result.message}` });
      return;
    }
    const verb = sub === 'start' ? 'started' : 'stopped';
    const note = result.changed ? `Bot ${verb}.` : `The bot was already ${verb}.`;
    await interaction.editReply({ content: note, embeds: [statusEmbed(await ctx.control.status(), await statusHealth(ctx))] });
  },
};

/** Gateway latency, database, quote feed and brokers from the /healthz report. */
async function statusHealth(ctx: CommandContext): Promise<StatusHealth> {
  const { components } = await ctx.health();
  const state = (name: string) => components[name]?.state ?? 'unknown';
  const ping = components.discord?.pingMs;
  return { gatewayPingMs: typeof ping === 'number' ? ping : null, database: state('database'), quoteFeed: state('quoteFeed'),
    brokers: state('brokers') };
}
