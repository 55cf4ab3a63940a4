import type { SlashCommand } from '../src/adapters/discord/command-types.js';
import { bot } from './bot.js';
import { positions } from './positions.js';
import { webhook } from './webhook.js';
import { mode } from './mode.js';
import { risk } from './risk.js';
import { notify } from './notify.js';
import { review } from './review.js';
import { helpCommand } from './help.js';
import { status } from './status.js';
import { close } from './close.js';
import { pnl } from './pnl.js';
import { stats } from './stats.js';
import { exportCommand } from './export.js';
import { alerts } from './alerts.js';
import { moveStopCommand } from './move-stop.js';

const ROUTED: readonly SlashCommand[] = [bot, positions, webhook, status, close, moveStopCommand, pnl, stats, exportCommand, alerts, mode, risk, notify, review];

/** Every slash command the bot registers and routes (/help lists them all, itself included). */
export const COMMANDS: readonly SlashCommand[] = [...ROUTED, helpCommand(() => COMMANDS)];
