/**
 * PostgreSQL (and PGlite) refuse U+0000 in text and in jsonb, and an unpaired surrogate in jsonb
 * and in the JSON a batch INSERT travels as: one such character fails the whole statement. Every
 * text and jsonb value written for a signal goes through `storable` — raw text is shown to people,
 * and parses and reasons echo what a sender wrote; none of it may make a signal unstorable.
 * U+0000 is dropped; an unpaired surrogate becomes U+FFFD (as UTF-8 encoding would make it).
 * A value with neither comes back as it is, not copied.
 */
// eslint-disable-next-line no-control-regex
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, 'g');

export function storable<T>(value: T): T {
  if (typeof value === 'string') return storableText(value) as T;
  if (Array.isArray(value)) return storableArray(value) as T;
  if (value !== null && typeof value === 'object') return storableObject(value as Record<string, unknown>) as T;
  return value;
}

function storableText(text: string): string {
  if (!UNSTORABLE.test(text)) return text;
  return text.replace(UNSTORABLE_ALL, (c) => (c === '\u0000' ? '' : '\ufffd'));
}

function storableArray(values: readonly unknown[]): readonly unknown[] {
  let out: unknown[] | null = null;
  values.forEach((v, i) => {
    const clean = storable(v);
    if (clean === v) return;
    out ??= [...values];
    out[i] = clean;
  });
  return out ?? values;
}

function storableObject(obj: Record<string, unknown>): Record<string, unknown> {
  let changed = false;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(obj)) {
    const k = storableText(key);
    const clean = storable(v);
    changed ||= k !== key || clean !== v;
    out[k] = clean;
  }
  return changed ? out : obj;
}
