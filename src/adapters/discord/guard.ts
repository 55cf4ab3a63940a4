import { MessageFlags, type ChatInputCommandInteraction, type ButtonInteraction } from 'discord.js';
import type { CommandContext } from './command-types.js';
import { actorOf } from './actor.js';

/**
 * Admin gate for a command: refuses with an ephemeral reply (before any defer, so the refusal
 * stays private) and leaves the refusal in the audit log. Returns whether to go on.
 */
export async function requireAdmin(interaction: ChatInputCommandInteraction | ButtonInteraction, ctx: CommandContext,
  action: string): Promise<boolean> {
  if (await ctx.control.authorize(actorOf(interaction), action)) return true;
  await interaction.reply({ content: '⛔ Only TradeStream admins may do that.', flags: MessageFlags.Ephemeral });
  return false;
}
