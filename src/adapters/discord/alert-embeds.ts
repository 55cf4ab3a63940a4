import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { Alert, ChannelKind } from '../../domain/alerts/types.js';
import type { StoredSignal } from '../../app/ports.js';
import { COLORS, EMBED_LIMITS, clip } from './embeds.js';
import { pagedEmbed, pagerRow, type ButtonRow } from './paginate.js';
import { discordTime } from './report-format.js';

export const ALERTS_PER_PAGE = 8;

export const ALERT_IDS = {
  page: (page: number, channel: ChannelKind | null, limit: number) => `alerts:page:${page}:${channel ?? ''}:${limit}`,
};

const STATUS_ICONS: Record<string, string> = {
  executed: '✅', rejected: '⛔', needs_review: '🟡', not_alert: '💬', ignored: '⏸️', stale: '⌛', failed: '❌',
  received: '⏳', queued: '🕒',
};

/** The parse in one line: what the bot understood the alert to say. */
export function describeAlert(alert: Alert): string {
  if (alert.kind === 'option') {
    const price = alert.price === null ? 'market' : `@ ${alert.price}`;
    const qty = alert.quantity === null ? '' : ` ×${alert.quantity}`;
    const close = alert.action === 'close' && alert.fraction !== null && alert.fraction !== '1' ? ` (${alert.fraction} of it)` : '';
    return `${alert.action} ${alert.side} ${alert.underlying} ${alert.expiry || '(no expiry)'} ${alert.strike || '(any strike)'} ${alert.right}${qty} ${price}${close}`;
  }
  const parts = [`${alert.action} ${alert.symbol || '(implied)'}`, alert.side?.toUpperCase() ?? null,
    alert.entry ? `entry ${alert.entry}` : null, alert.stop ? `stop ${alert.stop}` : null,
    alert.targets.length > 0 ? `targets ${alert.targets.join('/')}` : null, alert.size ? `size ${alert.size}` : null,
    alert.quantity !== null ? `qty ${alert.quantity}` : null, alert.newStop ? `new stop ${alert.newStop}` : null];
  return parts.filter(Boolean).join(' ');
}

function parseLine(s: StoredSignal): string {
  const confidence = s.confidence === null ? '—' : s.confidence.toFixed(2);
  if (!s.parse) return `parse — · confidence ${confidence}`;
  if (!s.parse.ok) return `not an alert: ${s.parse.reasons.slice(0, 2).map((r) => r.code).join(', ') || '—'} · confidence ${confidence}`;
  return `parse: ${describeAlert(s.parse.alert)} · confidence ${confidence}`;
}

export function alertField(s: StoredSignal): APIEmbedField {
  const where = s.channelName ? `#${s.channelName}` : s.channelKind;
  const quoted = s.rawText.split('\n').slice(0, 3).map((l) => `> ${clip(l, 150)}`).join('\n');
  const lines = [
    quoted,
    parseLine(s),
    s.reasonCode || s.reason ? `reason: ${s.reasonCode ?? ''}${s.reason ? ` — ${clip(s.reason, 200)}` : ''}` : null,
    `${s.authorName ? `by ${s.authorName} · ` : ''}${discordTime(s.postedAtMs)}${s.messageUrl ? ` · [message](${s.messageUrl})` : ''}`,
  ].filter((l): l is string => l !== null);
  return {
    name: clip(`${STATUS_ICONS[s.status] ?? '•'} #${s.id} · ${where} · ${s.status}`, EMBED_LIMITS.fieldName),
    value: clip(lines.join('\n'), EMBED_LIMITS.fieldValue), inline: false,
  };
}

/** One page of /alerts, newest first, with ◀ ▶ when there is more than one. */
export function alertsPage(signals: readonly StoredSignal[], channel: ChannelKind | null, limit: number, page: number): { embeds: APIEmbed[]; components: ButtonRow[] } {
  const paged = pagedEmbed({
    title: `Recent alerts${channel ? ` · ${channel}` : ''}`, color: COLORS.info,
    description: `The last ${signals.length} signal${signals.length === 1 ? '' : 's'}${channel ? ` from ${channel}` : ''}, newest first.`,
    empty: 'No signals stored yet.', items: signals, toField: alertField, page, limits: { maxItems: ALERTS_PER_PAGE },
  });
  const pager = pagerRow((n) => ALERT_IDS.page(n, channel, limit), paged.page, paged.pageCount);
  return { embeds: [paged.embed], components: pager ? [pager] : [] };
}
