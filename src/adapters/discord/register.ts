import type { Client, RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';

/**
 * Register slash commands with one bulk overwrite (PUT), so running it again changes nothing.
 * With a guild id they appear at once in that guild; otherwise globally.
 */
export async function registerCommands(client: Client<true>, definitions: RESTPostAPIChatInputApplicationCommandsJSONBody[],
  guildId: string | null): Promise<number> {
  const registered = guildId
    ? await client.application.commands.set(definitions, guildId)
    : await client.application.commands.set(definitions);
  return registered.size;
}
