import type { APIEmbed } from 'discord.js';
import { EMBED_LIMITS, clip } from './embeds.js';

/** Characters Discord counts toward the 6000 total: title, description, field names and values, footer, author. */
export function embedLength(embed: APIEmbed): number {
  const fields = (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
  return (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + fields + (embed.footer?.text.length ?? 0)
    + (embed.author?.name.length ?? 0);
}

/** Shorten the description (the free text: raw alert, lists) so the whole embed fits in 6000. */
export function fitTotal(embed: APIEmbed): APIEmbed {
  const excess = embedLength(embed) - EMBED_LIMITS.total;
  if (excess <= 0 || !embed.description) return embed;
  return { ...embed, description: clip(embed.description, Math.max(1, embed.description.length - excess)) };
}
