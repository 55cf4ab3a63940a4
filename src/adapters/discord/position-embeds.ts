import { ActionRowBuilder, ButtonBuilder, ButtonStyle, type APIEmbed, type APIEmbedField } from 'discord.js';
import { positionLabel } from '../../app/ports.js';
import type { OpenPositionView } from '../../app/reports/open-positions.js';
import { COLORS, EMBED_LIMITS, clip } from './embeds.js';
import { pagedEmbed, pagerRow, type ButtonRow } from './paginate.js';
import { discordTime, signedUsd } from './report-format.js';

/** Positions per page: two rows of Close buttons, leaving room for the ◀ ▶ row. */
export const POSITIONS_PER_PAGE = 10;
const BUTTONS_PER_ROW = 5;

export const POSITION_IDS = {
  page: (page: number, symbol: string | null) => `positions:page:${page}:${symbol ?? ''}`,
  close: (positionId: string) => `positions:close:${positionId}`,
  confirm: (positionId: string) => `positions:confirm:${positionId}`,
  cancel: (positionId: string) => `positions:cancel:${positionId}`,
};

export function headline(v: OpenPositionView): string {
  return positionLabel(v.position);
}

function targetsText(targets: readonly string[], hit: number): string {
  if (targets.length === 0) return '—';
  return targets.map((t, i) => `T${i + 1} ${t}${i < hit ? ' ✅' : ''}`).join(' / ');
}

export function markText(v: OpenPositionView): string {
  if (!v.mark || v.unrealizedCents === null) return 'mark — (no quote yet)';
  return `mark ${v.mark.price} (${v.mark.source}) · unrealized **${signedUsd(v.unrealizedCents)}**`;
}

export function positionField(v: OpenPositionView): APIEmbedField {
  const p = v.position;
  const lines = [
    `entry ${p.avgEntry} · ${markText(v)}`,
    `stop ${p.stop ?? '—'} · targets ${targetsText(p.targets, p.targetsHit)}`,
    `realized ${signedUsd(v.realizedNetCents)} · ${p.mode} · opened ${discordTime(p.openedAtMs)}`,
  ];
  return { name: clip(headline(v), EMBED_LIMITS.fieldName), value: clip(lines.join('\n'), EMBED_LIMITS.fieldValue), inline: false };
}

function summary(views: readonly OpenPositionView[]): string {
  const marked = views.filter((v) => v.unrealizedCents !== null);
  const total = marked.reduce((n, v) => n + (v.unrealizedCents ?? 0), 0);
  const unmarked = views.length - marked.length;
  return `${views.length} open · unrealized **${signedUsd(total)}**${unmarked > 0 ? ` (${unmarked} without a quote)` : ''}`;
}

function closeRows(shown: readonly OpenPositionView[]): ButtonRow[] {
  const rows: ButtonRow[] = [];
  for (let i = 0; i < shown.length; i += BUTTONS_PER_ROW) {
    rows.push(new ActionRowBuilder<ButtonBuilder>().addComponents(shown.slice(i, i + BUTTONS_PER_ROW).map((v) =>
      new ButtonBuilder().setCustomId(POSITION_IDS.close(v.position.id)).setLabel(clip(`Close #${v.position.id}`, 80))
        .setStyle(ButtonStyle.Danger))).toJSON());
  }
  return rows;
}

/** One page of /positions: a field per position, a Close button each (admins), and ◀ ▶. */
export function positionsPage(views: readonly OpenPositionView[], symbol: string | null, page: number): { embeds: APIEmbed[]; components: ButtonRow[] } {
  const paged = pagedEmbed({
    title: symbol ? `Open positions · ${symbol.toUpperCase()}` : 'Open positions', color: COLORS.info,
    description: summary(views), empty: 'No open positions.', items: views, toField: positionField, page,
    limits: { maxItems: POSITIONS_PER_PAGE }, footerNote: 'Longs marked at the bid, shorts at the ask · realized is net of commissions',
  });
  const pager = pagerRow((n) => POSITION_IDS.page(n, symbol), paged.page, paged.pageCount);
  return { embeds: [paged.embed], components: [...closeRows(paged.shown), ...(pager ? [pager] : [])] };
}
