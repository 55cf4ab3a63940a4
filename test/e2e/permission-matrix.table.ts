import type { OptionValue } from '../support/discord-double/index.js';

/**
 * Who may run what: one row per command and subcommand the bot registers. A command without a
 * row fails the permission matrix test — add its row here when you add a command.
 *
 * `who: 'admins'` means: allowed for an admin by user id and by role in the guild, and for an
 * admin by user id in a DM; refused (ephemeral, before any defer) for a non-admin in the guild
 * or in a DM. `who: 'anyone'` means allowed for all of them. The row's `who` must agree with the
 * "(admins)" mark in the command's descriptions, which /help shows.
 *
 * Rows run in this order, each for every actor: options are chosen so that running them does no
 * harm (stop comes before start; ids that do not exist).
 */
export interface MatrixRow {
  command: string;
  subcommand?: string;
  options?: Record<string, OptionValue>;
  who: 'anyone' | 'admins';
}

export const PERMISSION_MATRIX: readonly MatrixRow[] = [
  { command: 'bot', subcommand: 'status', who: 'anyone' },
  { command: 'bot', subcommand: 'stop', who: 'admins' },
  { command: 'bot', subcommand: 'start', who: 'admins' },
  { command: 'status', who: 'anyone' },
  { command: 'positions', who: 'anyone' },
  { command: 'close', options: { symbol: 'ES' }, who: 'admins' },
  { command: 'move-stop', options: { symbol: 'ES', to: '4700' }, who: 'admins' },
  { command: 'pnl', who: 'anyone' },
  { command: 'stats', who: 'anyone' },
  { command: 'export', subcommand: 'trades', who: 'anyone' },
  { command: 'alerts', who: 'anyone' },
  { command: 'webhook', subcommand: 'create', options: { name: 'matrix' }, who: 'admins' },
  { command: 'webhook', subcommand: 'list', who: 'admins' },
  { command: 'webhook', subcommand: 'revoke', options: { id: 999_999 }, who: 'admins' },
  { command: 'mode', subcommand: 'paper', who: 'admins' },
  { command: 'mode', subcommand: 'live', who: 'admins' },
  { command: 'mode', subcommand: 'concurrent', who: 'admins' },
  { command: 'risk', subcommand: 'show', who: 'anyone' },
  { command: 'risk', subcommand: 'set', options: { limit: 'max_open_positions', value: '50' }, who: 'admins' },
  { command: 'notify', subcommand: 'status', who: 'anyone' },
  { command: 'notify', subcommand: 'off', who: 'anyone' },
  { command: 'notify', subcommand: 'on', who: 'anyone' },
  { command: 'review', subcommand: 'pending', who: 'admins' },
  { command: 'review', subcommand: 'approve', options: { id: 999_999 }, who: 'admins' },
  { command: 'review', subcommand: 'reject', options: { id: 999_999 }, who: 'admins' },
  { command: 'help', who: 'anyone' },
];
