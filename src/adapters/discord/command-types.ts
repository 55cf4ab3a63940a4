import type {
  AutocompleteInteraction, ButtonInteraction, ChatInputCommandInteraction, RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { BotControl } from '../../app/control.js';
import type { Log, Stores } from '../../app/ports.js';
import type { AdminPolicy } from '../../app/permissions.js';
import type { TradingDesk } from '../../app/trading/desk.js';
import type { LinkAdminDeps } from '../../app/webhooks/link-admin.js';
import type { ControlServices } from '../../app/controls.js';
import type { HealthProbe, ReportStore } from '../../app/reports/ports.js';

/** Settings commands show or use (from the environment). */
export interface CommandSettings {
  /** Time zone of "today", "this week" in reports (America/New_York). */
  reportTimeZone: string;
  startingBalanceCents: number;
  confidenceThreshold: number;
  /** Self-hosted QuickChart base URL; null = quickchart.io. */
  quickchartHost: string | null;
}

/** What a command handler may use: use cases and read models, never the database or the client. */
export interface CommandContext {
  control: BotControl;
  stores: Stores;
  policy: AdminPolicy;
  log: Log;
  desk: TradingDesk;
  webhooks: LinkAdminDeps;
  settings: CommandSettings;
  /** /mode, /risk, /notify, /review. */
  controls: ControlServices;
  /** The health report behind GET /healthz (/status shows the same). */
  health: HealthProbe;
  /** Closed trades and fills for /pnl, /stats and /export. */
  reports: ReportStore;
}

/**
 * One slash command: its definition and its handler (discord.js guide style). A command or
 * subcommand whose description says "(admins)" is admin-only: /help says so, and the permission
 * matrix test holds the handler to it.
 */
export interface SlashCommand {
  data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  /** Admin-only commands are refused by the router before the handler runs. */
  execute(interaction: ChatInputCommandInteraction, ctx: CommandContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, ctx: CommandContext): Promise<void>;
  button?(interaction: ButtonInteraction, ctx: CommandContext): Promise<void>;
}

/** An expected failure a handler reports to the user (ephemeral), not a crash. */
export class CommandError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'CommandError';
  }
}
