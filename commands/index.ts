import type { SlashCommand } from '../src/adapters/discord/command-types.js';
import { bot } from './bot.js';
import { positions } from './positions.js';
import { webhook } from './webhook.js';

/** Every slash command the bot registers and routes. */
export const COMMANDS: readonly SlashCommand[] = [bot, positions, webhook];
