/**
 * `npm run deploy-commands`: register every slash command with one bulk overwrite (idempotent).
 * Uses DISCORD_TOKEN, DISCORD_GUILD_ID (guild: instant; otherwise global) and DISCORD_API_BASE.
 */
import { REST } from '@discordjs/rest';
import { Routes, type APIApplication } from 'discord.js';
import { ConfigError, loadConfig } from '../src/config/env.js';
import { COMMANDS } from '../commands/index.js';
import { describeRegistrationError } from '../src/adapters/discord/register.js';

async function deploy(): Promise<void> {
  const config = loadConfig(process.env);
  const rest = new REST(config.discord.apiBase ? { api: config.discord.apiBase } : {}).setToken(config.discord.token);
  const app = (await rest.get(Routes.currentApplication())) as APIApplication;
  const body = COMMANDS.map((c) => c.data);
  const route = config.discord.guildId
    ? Routes.applicationGuildCommands(app.id, config.discord.guildId)
    : Routes.applicationCommands(app.id);
  const result = (await rest.put(route, { body }).catch((err: unknown) => {
    throw describeRegistrationError(err, config.discord.guildId);
  })) as unknown[];
  process.stdout.write(`Registered ${result.length} commands ${config.discord.guildId ? `in guild ${config.discord.guildId}` : 'globally'}.\n`);
}

deploy().catch((err: unknown) => {
  const message = err instanceof ConfigError ? err.message : `Could not register commands: ${(err as Error).message}`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
