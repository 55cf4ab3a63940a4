import { EmbedBuilder, type APIEmbed } from 'discord.js';
import { realizedNetOf, type FillRecord, type PositionRecord, type StoredSignal } from '../../app/ports.js';
import { formatUsd } from '../../domain/trading/money.js';
import { COLORS, EMBED_LIMITS, PRICE_SOURCE_NOTE, clip, field } from './embeds.js';

const REASONS: Record<string, string> = {
  target: 'Target hit', stop: 'Stopped out', trailing_stop: 'Trailing stop hit', alert_close: 'Closed by alert',
  end_of_day: 'End-of-day close', manual: 'Closed manually',
};

function signedUsd(cents: number): string {
  return cents > 0 ? `+${formatUsd(cents)}` : formatUsd(cents);
}

export function exitFilledEmbed(signal: StoredSignal | null, position: PositionRecord, fill: FillRecord): APIEmbed {
  const label = fill.reason === 'target' && fill.targetIndex !== null ? `T${fill.targetIndex + 1} hit` : (REASONS[fill.reason] ?? fill.reason);
  const closed = position.qtyOpen === 0;
  const embed = new EmbedBuilder()
    .setTitle(clip(`${position.symbol} ${position.side.toUpperCase()} · ${label}${closed ? ' · closed' : ''}`, EMBED_LIMITS.title))
    .setColor(fill.realizedNetCents >= 0 ? COLORS.long : COLORS.short)
    .addFields(
      field('Exited', `${fill.qty} @ ${fill.price}${PRICE_SOURCE_NOTE[fill.priceSource] ?? ''}`),
      field('Remaining', String(position.qtyOpen)),
      field('Entry', position.avgEntry),
      field('This exit P&L', signedUsd(fill.realizedNetCents)),
      field('Position realized P&L', signedUsd(realizedNetOf(position))),
      field('Stop', position.stop ?? '—'),
    )
    .setTimestamp(new Date(fill.filledAtMs))
    .setFooter({ text: `P&L net of commissions · position ${position.id}` });
  if (signal?.messageUrl) embed.addFields(field('Source', `[message](${signal.messageUrl})`, false));
  return embed.toJSON();
}

export function stopMovedEmbed(position: PositionRecord, from: string | null, to: string | null, cause: string): APIEmbed {
  const why = cause === 'breakeven' ? 'to breakeven' : cause === 'trailing' ? 'by the trailing stop'
    : cause === 'manual' ? 'by an admin (/move-stop)' : `(${cause})`;
  return new EmbedBuilder()
    .setTitle(clip(`${position.symbol} ${position.side.toUpperCase()} · stop moved ${why}`, EMBED_LIMITS.title))
    .setColor(COLORS.info)
    .addFields(field('From', from ?? '—'), field('To', to ?? '—'), field('Open', String(position.qtyOpen)),
      field('Realized P&L', signedUsd(realizedNetOf(position))))
    .toJSON();
}

export function dailyLossEmbed(description: string, flattened: number): APIEmbed {
  return new EmbedBuilder()
    .setTitle('Daily loss limit reached — no new entries today')
    .setColor(COLORS.short)
    .setDescription(clip(`${description}.${flattened > 0 ? ` ${flattened} open position(s) were flattened.` : ''}`, EMBED_LIMITS.description))
    .toJSON();
}

export function endOfDayEmbed(policy: string, closed: { position: PositionRecord; fill: FillRecord }[], held: PositionRecord[]): APIEmbed {
  const total = closed.reduce((n, c) => n + c.fill.realizedNetCents, 0);
  const lines = closed.map((c) => `${c.position.symbol} ${c.position.side} ${c.fill.qty} @ ${c.fill.price}: ${signedUsd(c.fill.realizedNetCents)}`);
  const embed = new EmbedBuilder()
    .setTitle(`End of day (${policy.replace('_', ' ')})`)
    .setColor(COLORS.info)
    .addFields(
      field('Closed', lines.length > 0 ? lines.join('\n') : 'nothing', false),
      field('Closed P&L', signedUsd(total)),
      field('Held overnight', held.length > 0 ? held.map((p) => `${p.symbol} ${p.side} ${p.qtyOpen}`).join(', ') : 'nothing'),
    );
  return embed.toJSON();
}
