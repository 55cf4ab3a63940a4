/**
 * Text that leaves the process — for PostgreSQL, or for Discord — is cleaned of two things the
 * other side refuses or mangles. PostgreSQL (and PGlite) refuse U+0000 in text and in jsonb, and
 * an unpaired surrogate in jsonb and in the JSON a batch INSERT travels as: one such character
 * fails the whole statement (store/storable.ts). Discord gets the same text in DMs — raw alerts,
 * and parses and reasons that echo what a sender wrote, built in memory before they are stored
 * (discord/notifier.ts).
 * U+0000 is dropped; an unpaired surrogate becomes U+FFFD (as UTF-8 encoding would make it).
 * Strings are cleaned deep inside arrays and objects (keys too). A value with neither comes back
 * as it is, not copied.
 */

export function cleanText<T>(value: T): T {
  if (typeof value === 'string') return cleanString(value) as T;
  if (Array.isArray(value)) return cleanArray(value) as T;
  if (value !== null && typeof value === 'object') return cleanObject(value as Record<string, unknown>) as T;
  return value;
}

function cleanString(text: string): string {
  if (text.isWellFormed() && !text.includes('\u0000')) return text;
  return text.toWellFormed().replaceAll('\u0000', '');
}

function cleanArray(values: readonly unknown[]): readonly unknown[] {
  let out: unknown[] | null = null;
  values.forEach((v, i) => {
    const clean = cleanText(v);
    if (clean === v) return;
    out ??= [...values];
    out[i] = clean;
  });
  return out ?? values;
}

function cleanObject(obj: Record<string, unknown>): Record<string, unknown> {
  let changed = false;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(obj)) {
    const k = cleanString(key);
    const clean = cleanText(v);
    changed ||= k !== key || clean !== v;
    out[k] = clean;
  }
  return changed ? out : obj;
}
