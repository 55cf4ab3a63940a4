import { ActionRowBuilder, ButtonBuilder, ButtonStyle, EmbedBuilder, type APIEmbed } from 'discord.js';
import { realizedNetOf } from '../../app/ports.js';
import type { OpenPositionView } from '../../app/reports/open-positions.js';
import type { CloseResult, CloseTarget } from '../../app/trading/close.js';
import { COLORS, EMBED_LIMITS, PRICE_SOURCE_NOTE, clip, field } from './embeds.js';
import type { ButtonRow } from './paginate.js';
import { headline, markText } from './position-embeds.js';
import { signedUsd } from './report-format.js';

export function targetText(target: CloseTarget): string {
  if (target.kind === 'all') return 'every open position';
  if (target.kind === 'symbol') return `the open ${target.symbol.toUpperCase()} positions`;
  return `position #${target.positionId}`;
}

/** Lines joined into a description, cut at a line boundary with a count of what was left out. */
function linesWithin(lines: readonly string[], max = EMBED_LIMITS.description): string {
  let out = '';
  for (let i = 0; i < lines.length; i += 1) {
    const next = out ? `${out}\n${lines[i]}` : (lines[i] ?? '');
    const rest = lines.length - i;
    if (next.length > max - 40) return `${out}\n…and ${rest} more`;
    out = next;
  }
  return out;
}

export function confirmCloseEmbed(target: CloseTarget, positions: readonly OpenPositionView[], requestedBy: string): APIEmbed {
  const marked = positions.filter((v) => v.unrealizedCents !== null);
  const total = marked.reduce((n, v) => n + (v.unrealizedCents ?? 0), 0);
  return new EmbedBuilder()
    .setTitle(clip(`Close ${positions.length} position${positions.length === 1 ? '' : 's'} at the market?`, EMBED_LIMITS.title))
    .setColor(COLORS.warn)
    .setDescription(linesWithin(positions.map((v) => `**${headline(v)}** · entry ${v.position.avgEntry} · ${markText(v)}`)))
    .addFields(field('Unrealized now', signedUsd(total)), field('Requested by', requestedBy), field('Closes', targetText(target)))
    .setFooter({ text: 'Market close: longs sell at the bid, shorts buy at the ask, less slippage. Only admins may confirm.' })
    .toJSON();
}

export function confirmRow(confirmId: string, cancelId: string, label: string): ButtonRow {
  return new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder().setCustomId(confirmId).setLabel(clip(label, 80)).setStyle(ButtonStyle.Danger),
    new ButtonBuilder().setCustomId(cancelId).setLabel('Cancel').setStyle(ButtonStyle.Secondary),
  ).toJSON();
}

export function nothingToCloseEmbed(target: CloseTarget): APIEmbed {
  const why = target.kind === 'all' ? 'There are no open positions.'
    : target.kind === 'symbol' ? `There are no open ${target.symbol.toUpperCase()} positions.` : `Position #${target.positionId} is not open.`;
  return new EmbedBuilder().setTitle('Nothing to close').setColor(COLORS.stopped).setDescription(why).toJSON();
}

export function cancelledEmbed(target: CloseTarget, byName: string): APIEmbed {
  return new EmbedBuilder().setTitle('Close cancelled').setColor(COLORS.stopped)
    .setDescription(`Nothing was closed (${targetText(target)}); cancelled by ${byName}.`).toJSON();
}

/** What a confirmed close did: each position's exit fills and realized P&L, and any that could not close. */
export function closeResultEmbed(result: CloseResult, byName: string): APIEmbed {
  if (result.status === 'nothing_open') return nothingToCloseEmbed(result.target);
  const lines = result.closed.map((c) => {
    const p = c.position;
    const exits = c.fills.map((f) => `${f.side} ${f.qty} @ ${f.price}${PRICE_SOURCE_NOTE[f.priceSource] ?? ''}`).join(', ');
    return `**#${p.id} ${p.symbol} ${p.side.toUpperCase()}** · ${exits} · ${signedUsd(c.realizedNetCents)} (trade ${signedUsd(realizedNetOf(p))})`;
  });
  const failures = result.failed.map((f) => `**#${f.position.id} ${f.position.symbol}** not closed — ${f.code}: ${f.reason}`);
  const count = result.closed.length;
  const title = result.failed.length === 0 ? `Closed ${count} position${count === 1 ? '' : 's'} at the market`
    : `Closed ${count} of ${count + result.failed.length} positions`;
  return new EmbedBuilder()
    .setTitle(clip(title, EMBED_LIMITS.title))
    .setColor(result.failed.length > 0 ? COLORS.warn : result.realizedNetCents >= 0 ? COLORS.long : COLORS.short)
    .setDescription(linesWithin([...lines, ...failures]))
    .addFields(
      field('Realized by this close', signedUsd(result.realizedNetCents)),
      field('Trades\' realized P&L', signedUsd(result.closed.reduce((n, c) => n + realizedNetOf(c.position), 0))),
      field('Closed by', byName),
    )
    .setFooter({ text: 'P&L net of commissions' })
    .toJSON();
}
