import { ApiError, invalidForm } from './api-error.js';
import type { Json } from './types.js';

const EMBED_TEXT_LIMITS: [path: string, limit: number][] = [
  ['title', 256], ['description', 4096], ['footer.text', 2048], ['author.name', 256],
];
const MAX_EMBED_TOTAL_CHARS = 6000;

/** Rejects what Discord rejects (reference §8): long content, too many or too large embeds, empty messages. */
export function validateMessagePayload(payload: Json, fileCount: number, requireSomething: boolean): void {
  const content = typeof payload.content === 'string' ? payload.content : '';
  if (content.length > 2000) throw invalidForm('content', 'BASE_TYPE_MAX_LENGTH', 'Must be 2000 or fewer in length.');
  const embeds = Array.isArray(payload.embeds) ? (payload.embeds as Json[]) : [];
  if (embeds.length > 10) throw invalidForm('embeds', 'BASE_TYPE_MAX_LENGTH', 'Must be 10 or fewer in length.');
  let total = 0;
  embeds.forEach((embed, index) => { total += validateEmbed(embed, index); });
  if (total > MAX_EMBED_TOTAL_CHARS) {
    throw invalidForm('embeds', 'MAX_EMBED_SIZE_EXCEEDED', `Embed size exceeds maximum size of ${MAX_EMBED_TOTAL_CHARS}`);
  }
  validateComponents(payload.components);
  const components = Array.isArray(payload.components) ? payload.components.length : 0;
  const stickers = Array.isArray(payload.sticker_ids) ? payload.sticker_ids.length : 0;
  if (requireSomething && !content && !embeds.length && !components && !fileCount && !stickers && !payload.poll) {
    throw new ApiError(400, 50006, 'Cannot send an empty message');
  }
}

/** Returns the embed's counted characters after checking each field's own limit. */
function validateEmbed(embed: Json, index: number): number {
  let total = 0;
  for (const [path, limit] of EMBED_TEXT_LIMITS) {
    const text = readPath(embed, path);
    if (text.length > limit) {
      throw invalidForm(`embeds.${index}.${path}`, 'BASE_TYPE_MAX_LENGTH', `Must be ${limit} or fewer in length.`);
    }
    total += text.length;
  }
  const fields = Array.isArray(embed.fields) ? (embed.fields as Json[]) : [];
  if (fields.length > 25) throw invalidForm(`embeds.${index}.fields`, 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
  fields.forEach((field, i) => {
    const name = readPath(field, 'name');
    const value = readPath(field, 'value');
    if (name.length > 256 || value.length > 1024 || !name || !value) {
      throw invalidForm(`embeds.${index}.fields.${i}`, 'BASE_TYPE_BAD_LENGTH', 'Field name must be 1-256 and value 1-1024 characters.');
    }
    total += name.length + value.length;
  });
  return total;
}

function validateComponents(components: unknown): void {
  if (!Array.isArray(components)) return;
  if (components.length > 5) throw invalidForm('components', 'BASE_TYPE_MAX_LENGTH', 'Must be 5 or fewer in length.');
  const seen = new Set<string>();
  for (const id of collectCustomIds(components)) {
    if (seen.has(id)) throw invalidForm('components', 'COMPONENT_CUSTOM_ID_DUPLICATED', `Component custom id "${id}" cannot be duplicated`);
    if (id.length > 100) throw invalidForm('components', 'BASE_TYPE_MAX_LENGTH', 'custom_id must be 100 or fewer in length.');
    seen.add(id);
  }
}

/** Every custom_id in a component tree (action rows nest their children under `components`). */
export function collectCustomIds(components: unknown): string[] {
  if (!Array.isArray(components)) return [];
  return components.flatMap((c: Json) => [
    ...(typeof c.custom_id === 'string' ? [c.custom_id] : []),
    ...collectCustomIds(c.components),
  ]);
}

function readPath(object: Json, path: string): string {
  let node: unknown = object;
  for (const key of path.split('.')) node = (node as Json | undefined)?.[key];
  return typeof node === 'string' ? node : '';
}
