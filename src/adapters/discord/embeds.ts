import { EmbedBuilder, type APIEmbed } from 'discord.js';
import type { Alert } from '../../domain/alerts/types.js';
import type { FillRecord, PositionRecord, StoredSignal } from '../../app/ports.js';
import type { StatusReport } from '../../app/control.js';
import { formatUsd } from '../../domain/trading/money.js';

export const COLORS = { long: 0x2ecc71, short: 0xe74c3c, info: 0x3498db, warn: 0xf1c40f, stopped: 0x95a5a6 } as const;

/** Discord's embed limits (reference §8): every embed we build is clipped to them. */
export const EMBED_LIMITS = { title: 256, description: 4096, fields: 25, fieldName: 256, fieldValue: 1024, footer: 2048, total: 6000 };

export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * Text shown as a code block: a run of backticks in it gets zero-width spaces so it cannot close
 * the block early (a webhook body may hold three), and it is clipped inside the fences so a long
 * text still ends its block.
 */
export function codeBlock(text: string, max: number): string {
  const safe = text.replace(/`(?=`)/g, '`\u200b');
  return `\`\`\`\n${clip(safe, max - 8)}\n\`\`\``;
}

export function field(name: string, value: string, inline = true): { name: string; value: string; inline: boolean } {
  return { name: clip(name, EMBED_LIMITS.fieldName), value: clip(value || '—', EMBED_LIMITS.fieldValue), inline };
}

export function formatDuration(ms: number): string {
  const s = Math.floor(ms / 1000);
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d > 0) return `${d}d ${h}h ${m}m`;
  if (h > 0) return `${h}h ${m}m`;
  return m > 0 ? `${m}m ${s % 60}s` : `${s % 60}s`;
}

/** The parts of the /healthz report /bot status shows beside the bot's own state. */
export interface StatusHealth {
  gatewayPingMs: number | null;
  database: string;
  quoteFeed: string;
  brokers: string;
}

export function statusEmbed(report: StatusReport, health: StatusHealth | null = null): APIEmbed {
  const embed = new EmbedBuilder()
    .setTitle(`TradeStream is ${report.running ? 'running' : 'stopped'}`)
    .setColor(report.running ? COLORS.long : COLORS.stopped)
    .addFields(
      field('State', report.running ? '🟢 Running' : '⏸️ Stopped'),
      field('Mode', report.mode),
      field('Uptime', report.uptimeMs === null ? '—' : formatDuration(report.uptimeMs)),
      field('Alerts today', String(report.alertsToday)),
      field('Open positions', String(report.openPositions.length)),
      field('In progress', String(report.pendingSignals)),
    );
  if (health) {
    embed.addFields(
      field('Gateway latency', health.gatewayPingMs === null || health.gatewayPingMs < 0 ? '—' : `${health.gatewayPingMs} ms`),
      field('Database', health.database),
      field('Quote feed', health.quoteFeed),
      field('Brokers', health.brokers),
    );
  }
  return embed.toJSON();
}

/** Where a fill price came from, so nobody mistakes an alert-price fill for a market fill. */
export const PRICE_SOURCE_NOTE: Record<string, string> = {
  alert: ' (alert price: no quote yet)', ask: ' (ask)', bid: ' (bid)', last: ' (last)', target: ' (target)',
};

export function positionLine(p: PositionRecord): string {
  const targets = p.targets.length > 0 ? p.targets.join(' / ') : '—';
  return `**${p.side.toUpperCase()} ${p.qtyOpen}** @ ${p.avgEntry} · stop ${p.stop ?? '—'} · targets ${targets} · ${p.mode}`;
}

export function entryFilledEmbed(signal: StoredSignal | null, alert: Alert | null, position: PositionRecord, fill: FillRecord): APIEmbed {
  const embed = new EmbedBuilder()
    .setTitle(clip(`${position.symbol} ${position.side.toUpperCase()} ${position.qtyOpen} filled (${position.mode})`, EMBED_LIMITS.title))
    .setColor(position.side === 'long' ? COLORS.long : COLORS.short)
    .addFields(
      field('Symbol', position.symbol),
      field('Side', position.side),
      field('Quantity', String(fill.qty)),
      field('Fill price', `${fill.price}${PRICE_SOURCE_NOTE[fill.priceSource] ?? ''}`),
      field('Stop', position.stop ?? '—'),
      field('Targets', position.targets.length > 0 ? position.targets.join(' / ') : '—'),
      field('Commission', formatUsd(fill.commissionCents)),
    )
    .setTimestamp(new Date(fill.filledAtMs));
  if (alert?.kind === 'futures' && alert.size) embed.addFields(field('Size', alert.size));
  return (signal ? withSource(embed, signal) : embed).toJSON();
}

export function rejectedEmbed(signal: StoredSignal, reasonCode: string, reason: string): APIEmbed {
  return withSource(new EmbedBuilder()
    .setTitle('Order rejected')
    .setColor(COLORS.short)
    .setDescription(codeBlock(signal.rawText, EMBED_LIMITS.description))
    .addFields(field('Reason', `${reasonCode}: ${reason}`, false)), signal).toJSON();
}

function withSource(embed: EmbedBuilder, signal: StoredSignal): EmbedBuilder {
  const where = signal.channelName ? `#${signal.channelName}` : signal.source;
  const source = signal.messageUrl ? `[${where} message](${signal.messageUrl})` : where;
  return embed.addFields(field('Source', `${source}${signal.authorName ? ` by ${signal.authorName}` : ''}`, false));
}
