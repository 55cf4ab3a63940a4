import type { Client, RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';

/** Discord's answer when the bot may not reach a guild: it is not a member (or lacks the commands scope there). */
const MISSING_ACCESS = 50001;

/** Raised when the commands cannot be registered in DISCORD_GUILD_ID; its message says what to do. */
export class DiscordGuildAccessError extends Error {
  readonly code = 'DISCORD_GUILD_NOT_JOINED';
  constructor(readonly guildId: string, options?: { cause?: unknown }) {
    super(`the bot is not in guild ${guildId} (DISCORD_GUILD_ID): invite it to that server (README, "Invite the bot") `
      + 'or unset DISCORD_GUILD_ID.', options);
    this.name = 'DiscordGuildAccessError';
  }
}

/**
 * The registration failure as a DiscordGuildAccessError when the guild refused access; anything
 * else as it is. By shape, not instanceof: @discordjs/rest loaded as ESM (scripts) and through
 * discord.js (CommonJS) are two copies of DiscordAPIError.
 */
export function describeRegistrationError(err: unknown, guildId: string | null): unknown {
  const api = err as { code?: unknown; status?: unknown };
  return guildId !== null && api.code === MISSING_ACCESS && api.status === 403
    ? new DiscordGuildAccessError(guildId, { cause: err }) : err;
}

/**
 * Register slash commands with one bulk overwrite (PUT), so running it again changes nothing.
 * With a guild id they appear at once in that guild; otherwise globally.
 */
export async function registerCommands(client: Client<true>, definitions: RESTPostAPIChatInputApplicationCommandsJSONBody[],
  guildId: string | null): Promise<number> {
  try {
    const registered = guildId
      ? await client.application.commands.set(definitions, guildId)
      : await client.application.commands.set(definitions);
    return registered.size;
  } catch (err) {
    throw describeRegistrationError(err, guildId);
  }
}
