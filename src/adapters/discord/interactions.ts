import { MessageFlags, type Client, type Interaction, type RepliableInteraction } from 'discord.js';
import type { Log } from '../../app/ports.js';
import { CommandError, type CommandContext, type SlashCommand } from './command-types.js';

/**
 * The one place that routes interactions to command files, catches their errors, turns
 * error codes into an ephemeral reply, and logs with the interaction id.
 */
export function attachInteractionRouter(client: Client, commands: readonly SlashCommand[], ctx: CommandContext): void {
  const byName = new Map(commands.map((c) => [c.data.name, c]));
  client.on('interactionCreate', (interaction) => {
    void route(interaction, byName, ctx);
  });
}

async function route(interaction: Interaction, byName: Map<string, SlashCommand>, ctx: CommandContext): Promise<void> {
  try {
    if (interaction.isChatInputCommand()) {
      const command = byName.get(interaction.commandName);
      if (!command) throw new CommandError('UNKNOWN_COMMAND', `Unknown command /${interaction.commandName}.`);
      await command.execute(interaction, ctx);
    } else if (interaction.isAutocomplete()) {
      const command = byName.get(interaction.commandName);
      if (command?.autocomplete) await command.autocomplete(interaction, ctx);
      else await interaction.respond([]);
    } else if (interaction.isButton()) {
      const command = byName.get(interaction.customId.split(':')[0] ?? '');
      if (!command?.button) throw new CommandError('UNKNOWN_BUTTON', 'This button is no longer handled.');
      await command.button(interaction, ctx);
    }
  } catch (err) {
    await reportError(interaction, err, ctx.log);
  }
}

async function reportError(interaction: Interaction, err: unknown, log: Log): Promise<void> {
  const expected = err instanceof CommandError;
  if (expected) log.info({ interactionId: interaction.id, code: err.code }, 'command refused');
  else log.error({ err, interactionId: interaction.id }, 'command failed');
  if (!interaction.isRepliable()) return;
  const content = expected ? `⚠️ ${err.message}` : `⚠️ Something went wrong (reference ${interaction.id}). It has been logged.`;
  await replyEphemeral(interaction, content).catch((e: unknown) => log.warn({ err: e, interactionId: interaction.id }, 'could not report an error'));
}

/**
 * Answer with an error. Before any reply it is ephemeral. After a defer, Discord turns the first
 * follow-up into the deferred reply with the defer's visibility, so the deferred reply is edited
 * instead (handlers validate and check permission before deferring, so only unexpected failures
 * land there, with no detail beyond a reference).
 */
export async function replyEphemeral(interaction: RepliableInteraction, content: string): Promise<void> {
  if (interaction.deferred && !interaction.replied) {
    await interaction.editReply({ content, embeds: [], components: [] });
  } else if (interaction.replied) {
    await interaction.followUp({ content, flags: MessageFlags.Ephemeral });
  } else {
    await interaction.reply({ content, flags: MessageFlags.Ephemeral });
  }
}
