import type { SlashCommand } from '../src/adapters/discord/command-types.js';
import { bot } from './bot.js';
import { positions } from './positions.js';
import { webhook } from './webhook.js';
import { status } from './status.js';
import { close } from './close.js';
import { pnl } from './pnl.js';
import { stats } from './stats.js';
import { exportCommand } from './export.js';
import { alerts } from './alerts.js';

/** Every slash command the bot registers and routes. */
export const COMMANDS: readonly SlashCommand[] = [bot, positions, webhook, status, close, pnl, stats, exportCommand, alerts];
