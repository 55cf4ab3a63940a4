import { MessageFlags, SlashCommandBuilder } from 'discord.js';
import type { NotifyStatus } from '../src/app/notify/notify-settings.js';
import type { SlashCommand } from '../src/adapters/discord/command-types.js';
import { actorOf } from '../src/adapters/discord/actor.js';

const WHY: Record<NotifyStatus['reason'], string> = {
  admin_default: 'you are an admin, and admins get them unless they opt out',
  opted_in: 'you turned them on',
  opted_out: 'you turned them off',
  not_subscribed: 'you have not turned them on',
};

/** /notify on | off | status — trade confirmations by DM (fills, exits with P&L, stop moves, rejections, the daily summary). */
export const notify: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('notify')
    .setDescription('Trade confirmations by DM')
    .addSubcommand((s) => s.setName('on').setDescription('DM me fills, exits with P&L, stop moves, rejections and the daily summary'))
    .addSubcommand((s) => s.setName('off').setDescription('Stop DMing me trade confirmations'))
    .addSubcommand((s) => s.setName('status').setDescription('Whether I get trade DMs'))
    .toJSON(),

  async execute(interaction, ctx) {
    const sub = interaction.options.getSubcommand(true);
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const actor = actorOf(interaction);
    if (sub === 'status') {
      await interaction.editReply({ content: statusText(await ctx.controls.notify.status(actor)) });
      return;
    }
    const result = await ctx.controls.notify.set(actor, sub === 'on');
    const verb = result.now.subscribed ? '🔔 You will get trade confirmations by DM' : '🔕 You will not get trade confirmations by DM';
    await interaction.editReply({ content: `${verb}${result.changed ? '' : ' (no change)'}.`
      + (result.now.subscribed ? ' Allow DMs from server members so they reach you.' : '') });
  },
};

function statusText(status: NotifyStatus): string {
  return `${status.subscribed ? '🔔 You get trade confirmations by DM' : '🔕 You do not get trade confirmations by DM'}: ${WHY[status.reason]}. `
    + 'Use /notify on or /notify off to change it.';
}
