import type { DiscordDouble, Json } from './discord-double/index.js';

/** Discord's embed limits (developer docs, "Embed Limits"). */
export const DISCORD_EMBED_LIMITS = {
  title: 256, description: 4096, fields: 25, fieldName: 256, fieldValue: 1024, footer: 2048, authorName: 256, total: 6000,
} as const;

type Field = { name?: unknown; value?: unknown };
const len = (v: unknown): number => (typeof v === 'string' ? v.length : 0);

/** Every limit one embed breaks, in words (empty when it fits). */
export function embedViolations(embed: Json): string[] {
  const L = DISCORD_EMBED_LIMITS;
  const out: string[] = [];
  const fields = (Array.isArray(embed.fields) ? embed.fields : []) as Field[];
  const footer = len((embed.footer as Json | undefined)?.text);
  const author = len((embed.author as Json | undefined)?.name);
  if (len(embed.title) > L.title) out.push(`title ${len(embed.title)} > ${L.title}`);
  if (len(embed.description) > L.description) out.push(`description ${len(embed.description)} > ${L.description}`);
  if (fields.length > L.fields) out.push(`${fields.length} fields > ${L.fields}`);
  fields.forEach((f, i) => {
    if (len(f.name) > L.fieldName) out.push(`field ${i} name ${len(f.name)} > ${L.fieldName}`);
    if (len(f.value) > L.fieldValue) out.push(`field ${i} value ${len(f.value)} > ${L.fieldValue}`);
    if (len(f.name) === 0 || len(f.value) === 0) out.push(`field ${i} has an empty name or value`);
  });
  if (footer > L.footer) out.push(`footer ${footer} > ${L.footer}`);
  if (author > L.authorName) out.push(`author ${author} > ${L.authorName}`);
  const total = embedTotal(embed);
  if (total > L.total) out.push(`total ${total} > ${L.total}`);
  return out;
}

export function embedTotal(embed: Json): number {
  const fields = (Array.isArray(embed.fields) ? embed.fields : []) as Field[];
  return len(embed.title) + len(embed.description) + fields.reduce((n, f) => n + len(f.name) + len(f.value), 0)
    + len((embed.footer as Json | undefined)?.text) + len((embed.author as Json | undefined)?.name);
}

/** The embeds of one REST body: messages (`embeds`) and interaction callbacks (`data.embeds`). */
function embedsOf(body: unknown): Json[][] {
  if (!body || typeof body !== 'object') return [];
  const b = body as Json;
  const lists: Json[][] = [];
  if (Array.isArray(b.embeds)) lists.push(b.embeds as Json[]);
  const data = b.data as Json | undefined;
  if (data && Array.isArray(data.embeds)) lists.push(data.embeds as Json[]);
  return lists;
}

/**
 * Every embed the bot sent through the double (DMs, channel messages, interaction replies, edits
 * and follow-ups), checked against Discord's limits — per embed, and 6000 across one message.
 * Returns the problems found (with the request that carried them) and how many embeds were checked.
 */
export function sentEmbedViolations(double: DiscordDouble): { checked: number; problems: string[] } {
  let checked = 0;
  const problems: string[] = [];
  for (const request of double.requests) {
    if (request.method !== 'POST' && request.method !== 'PATCH') continue;
    for (const embeds of embedsOf(request.body)) {
      const total = embeds.reduce((n, e) => n + embedTotal(e), 0);
      if (total > DISCORD_EMBED_LIMITS.total) problems.push(`${request.method} ${request.path}: message embeds total ${total} > 6000`);
      if (embeds.length > 10) problems.push(`${request.method} ${request.path}: ${embeds.length} embeds > 10`);
      for (const embed of embeds) {
        checked += 1;
        for (const p of embedViolations(embed)) problems.push(`${request.method} ${request.path} "${String(embed.title)}": ${p}`);
      }
    }
  }
  return { checked, problems };
}
