import { EmbedBuilder, type APIEmbed } from 'discord.js';
import type { ComponentHealth } from '../../app/reports/ports.js';
import type { SystemStatus } from '../../app/reports/system-status.js';
import { COLORS, field, formatDuration } from './embeds.js';

const GOOD = new Set(['ok', 'connected', 'running']);
const IDLE = new Set(['stopped', 'disabled']);

function icon(state: string): string {
  if (GOOD.has(state)) return '🟢';
  if (IDLE.has(state)) return '⚪';
  return state === 'connecting' || state === 'reconnecting' || state === 'configured' ? '🟠' : '🔴';
}

const LABELS: Record<string, string> = {
  discord: 'Discord', database: 'Database', brokers: 'Brokers', quoteFeed: 'Quote feed', bot: 'Bot', mode: 'Mode',
};

const ms = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** A component's state with the details that matter to a trader. */
function describe(name: string, c: ComponentHealth): string {
  const parts = [`${icon(c.state)} ${c.state}`];
  if (name === 'discord' && ms(c.pingMs) !== null && (ms(c.pingMs) ?? -1) >= 0) parts.push(`ping ${ms(c.pingMs)} ms`);
  if (name === 'database' && typeof c.kind === 'string') parts.push(c.kind);
  if (name === 'quoteFeed') {
    const age = ms(c.lastQuoteAgeMs);
    if (c.state !== 'disabled') parts.push(age === null ? 'no quote yet' : `last quote ${formatDuration(age)} ago`);
    if (typeof c.received === 'number') parts.push(`${c.received} received`);
  }
  if (name === 'brokers') {
    const others = Object.entries(c).filter(([k]) => k !== 'state').map(([k, v]) => `${k} ${String(v)}`);
    parts.push(...others);
  }
  return parts.join(' · ');
}

/** /status: one field per component of the health report, then the bot's own figures. */
export function systemStatusEmbed(status: SystemStatus): APIEmbed {
  const healthy = status.degraded.length === 0;
  const names = Object.keys(status.components).map((n) => LABELS[n] ?? n);
  const bot = status.bot;
  return new EmbedBuilder()
    .setTitle(healthy ? 'TradeStream status · all systems go' : `TradeStream status · check ${status.degraded.map((n) => LABELS[n] ?? n).join(', ')}`)
    .setColor(healthy ? COLORS.long : COLORS.warn)
    .addFields(
      ...Object.entries(status.components).filter(([n]) => n !== 'mode' && n !== 'bot').map(([n, c]) => field(LABELS[n] ?? n, describe(n, c))),
      field('Bot', `${bot.running ? '🟢 running' : '⏸️ stopped'}${bot.uptimeMs === null ? '' : ` · up ${formatDuration(bot.uptimeMs)}`}`),
      field('Mode', bot.mode),
      field('Pending signals', String(bot.pendingSignals)),
      field('Alerts today', String(bot.alertsToday)),
      field('Open positions', String(bot.openPositions.length)),
    )
    .setFooter({ text: `Same report as GET /healthz (${names.join(', ')})` })
    .toJSON();
}
