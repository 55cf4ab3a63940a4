/**
 * Stateless pagination for embeds: items are grouped into pages that respect Discord's limits
 * (25 fields, 6000 characters per embed), and ◀ ▶ buttons carry the page they lead to in their
 * custom id, so a click re-reads the data and renders that page — nothing is kept in memory.
 */
import {
  ActionRowBuilder, ButtonBuilder, ButtonStyle, EmbedBuilder, type APIActionRowComponent, type APIButtonComponent,
  type APIEmbed, type APIEmbedField,
} from 'discord.js';
import { EMBED_LIMITS, clip } from './embeds.js';

export type ButtonRow = APIActionRowComponent<APIButtonComponent>;

export interface PageLimits {
  /** At most this many items per page (≤ 25). */
  maxItems?: number;
  /** Characters the rest of the embed (title, description, footer) already uses. */
  reservedChars?: number;
}

const fieldChars = (f: APIEmbedField): number => f.name.length + f.value.length;

/** Group fields into pages, in order; every page has at least one field (an empty list → one empty page). */
export function paginateFields(fields: readonly APIEmbedField[], limits: PageLimits = {}): APIEmbedField[][] {
  const maxItems = Math.min(limits.maxItems ?? EMBED_LIMITS.fields, EMBED_LIMITS.fields);
  const budget = EMBED_LIMITS.total - (limits.reservedChars ?? 0);
  const pages: APIEmbedField[][] = [];
  let page: APIEmbedField[] = [];
  let chars = 0;
  for (const f of fields) {
    const size = fieldChars(f);
    if (page.length > 0 && (page.length >= maxItems || chars + size > budget)) {
      pages.push(page);
      page = [];
      chars = 0;
    }
    page.push(f);
    chars += size;
  }
  if (page.length > 0 || pages.length === 0) pages.push(page);
  return pages;
}

export function clampPage(page: number, pageCount: number): number {
  if (!Number.isInteger(page) || page < 0) return 0;
  return Math.min(page, Math.max(0, pageCount - 1));
}

/** ◀ ▶ (disabled at the ends); null when there is one page. The two ids always differ. */
export function pagerRow(customIdFor: (page: number) => string, page: number, pageCount: number): ButtonRow | null {
  if (pageCount <= 1) return null;
  return new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder().setCustomId(customIdFor(Math.max(0, page - 1))).setLabel('◀').setStyle(ButtonStyle.Secondary)
      .setDisabled(page === 0),
    new ButtonBuilder().setCustomId(customIdFor(Math.min(pageCount - 1, page + 1))).setLabel('▶').setStyle(ButtonStyle.Secondary)
      .setDisabled(page === pageCount - 1),
  ).toJSON();
}

export interface PagedSpec<T> {
  title: string;
  color: number;
  description?: string;
  /** Shown when there are no items. */
  empty: string;
  items: readonly T[];
  toField: (item: T) => APIEmbedField;
  page: number;
  limits?: Omit<PageLimits, 'reservedChars'>;
  /** Extra footer text after "Page i of n". */
  footerNote?: string;
}

export interface PagedEmbed<T> {
  embed: APIEmbed;
  page: number;
  pageCount: number;
  /** The items on this page, in order (to attach per-item buttons). */
  shown: T[];
}

/** One page of items as an embed: fields within every limit, and a "Page i of n" footer. */
export function pagedEmbed<T>(spec: PagedSpec<T>): PagedEmbed<T> {
  const title = clip(spec.title, EMBED_LIMITS.title);
  const description = spec.items.length === 0 ? spec.empty : spec.description;
  const footerReserve = 40 + (spec.footerNote?.length ?? 0);
  const reservedChars = title.length + (description?.length ?? 0) + footerReserve;
  const fields = spec.items.map(spec.toField);
  const pages = paginateFields(fields, { ...spec.limits, reservedChars });
  const page = clampPage(spec.page, pages.length);
  const before = pages.slice(0, page).reduce((n, p) => n + p.length, 0);
  const shownFields = pages[page] ?? [];
  const embed = new EmbedBuilder().setTitle(title).setColor(spec.color).addFields(shownFields);
  if (description) embed.setDescription(clip(description, EMBED_LIMITS.description));
  const footer = [pages.length > 1 ? `Page ${page + 1} of ${pages.length}` : null, spec.footerNote ?? null].filter(Boolean).join(' · ');
  if (footer) embed.setFooter({ text: clip(footer, EMBED_LIMITS.footer) });
  return { embed: embed.toJSON(), page, pageCount: pages.length, shown: spec.items.slice(before, before + shownFields.length) };
}
