import { decimalMicros } from './prices.js';
import { REASON } from './reasons.js';
import type { Scorecard } from './score.js';

/**
 * Reading TradingView payload fields: keys matched loosely (`stop_loss`, `stopLoss`,
 * `StopLoss` are one key), numbers from strings or numbers, and every way a template goes
 * wrong — an unrendered `{{close}}`, `NaN`, an empty value — reported with the field's name.
 */
/**
 * A payload's keys (normalised) and values, side by side. Payloads have a handful of keys while
 * the readers try many aliases: scanning the few present keys beats probing the object for
 * every absent alias.
 */
export interface Payload {
  readonly keys: readonly string[];
  readonly values: readonly unknown[];
}

export const BROKEN = '\u0000';

/** `stop_loss` / `stopLoss` / `Stop-Loss` → `stoploss`. */
export function normalizeKey(key: string): string {
  let plain = true;
  for (let i = 0; i < key.length && plain; i++) {
    const c = key.charCodeAt(i);
    plain = (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
  }
  if (plain) return key;
  let out = '';
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c >= 65 && c <= 90) out += String.fromCharCode(c + 32);
    else if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) out += key[i];
  }
  return out;
}

export function normalizePayload(raw: Readonly<Record<string, unknown>>): Payload {
  const keys: string[] = [], values: unknown[] = [];
  for (const key of Object.keys(raw)) {
    const k = normalizeKey(key);
    if (keys.includes(k)) continue; // `stopLoss` and `stop_loss` both sent: the first wins
    keys.push(k);
    values.push(raw[key]);
  }
  return { keys, values };
}

/** The value of one normalised key, or undefined. */
export function get(p: Payload, key: string): unknown {
  const i = p.keys.indexOf(key);
  return i < 0 ? undefined : p.values[i];
}

/** Index (in `p.keys`) of the first present key of several aliases, or -1. */
export function pick(p: Payload, aliases: readonly string[]): number {
  for (let a = 0; a < aliases.length; a++) {
    const i = p.keys.indexOf(aliases[a] as string);
    if (i >= 0 && p.values[i] !== undefined) return i;
  }
  return -1;
}

export function isPlaceholder(v: unknown): boolean {
  return typeof v === 'string' && v.includes('{{');
}

/** A value repairJson had to mark: `NaN`, `Infinity`, `undefined` or nothing at all. */
function isBroken(v: unknown): boolean {
  return typeof v === 'string' && v.startsWith(BROKEN);
}

/** A text field; an unrendered placeholder is reported (the field scored `score`) and reads as absent. */
export function text(p: Payload, aliases: readonly string[], card: Scorecard, field: string, score = 0): string | null {
  const i = pick(p, aliases);
  if (i < 0) return null;
  const value = p.values[i];
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return null;
  if (isPlaceholder(value)) {
    card.penalize(field, score, REASON.PLACEHOLDER_UNRENDERED, `"${p.keys[i] as string}" holds an unrendered placeholder`);
    return null;
  }
  if (isBroken(value)) {
    card.penalize(field, score, REASON.INVALID_PAYLOAD, `"${p.keys[i] as string}" has no valid value`);
    return null;
  }
  const s = value.trim();
  return s.length > 0 ? s : null;
}

/** A price or quantity; absent → null, broken → null with a reason naming the field. */
export function num(p: Payload, aliases: readonly string[], card: Scorecard, field: string, score: number): number | null {
  const i = pick(p, aliases);
  if (i < 0 || p.values[i] === null) return null;
  return toMicros(p.keys[i] as string, p.values[i], card, field, score);
}

export function toMicros(key: string, v: unknown, card: Scorecard, field: string, score: number): number | null {
  if (isPlaceholder(v)) {
    card.penalize(field, score, REASON.PLACEHOLDER_UNRENDERED, `"${key}" holds an unrendered placeholder`);
    return null;
  }
  const micros = typeof v === 'number' || typeof v === 'string' ? decimalMicros(v) : null;
  if (micros === null) {
    card.penalize(field, score, REASON.INVALID_NUMBER, `"${key}" is not a number`);
    return null;
  }
  return micros;
}

/**
 * Make a JSON template that broke after substitution parseable: an unquoted placeholder,
 * `NaN`, `Infinity`, `undefined` or a missing value becomes a marked string, so the field
 * can be named in a reason instead of losing the whole alert. Returns null if still broken.
 */
export function repairJson(body: string): unknown {
  const fixed = body.replace(/:\s*(\{\{[^{}"]{0,80}\}\}|-?NaN|-?Infinity|undefined)?\s*(?=[,}\]])/g,
    // `\\u0000` in the JSON text decodes to BROKEN (a raw control character would not parse).
    (_m, v: string | undefined) => `:"\\u0000${v ?? ''}"`);
  if (fixed === body) return null; // nothing to repair: it would fail the same way
  try {
    return JSON.parse(fixed);
  } catch {
    return null;
  }
}

/**
 * A placeholder left in a field no reader looked at (`"id": "{{strategy.order.id}}"`) still
 * means a broken template — and an id or time that never varies would make every alert look
 * like a duplicate of the first. Each such field lowers the message score, named.
 */
export function checkUnreadFields(p: Payload, card: Scorecard): void {
  for (let i = 0; i < p.keys.length; i++) {
    const v = p.values[i];
    if (!isPlaceholder(v) && !isBroken(v)) continue;
    const key = p.keys[i] as string;
    const quoted = `"${key}"`;
    if (card.reasons.some((r) => r.message.startsWith(quoted))) continue;
    card.penalize('message', 0.5, isPlaceholder(v) ? REASON.PLACEHOLDER_UNRENDERED : REASON.INVALID_PAYLOAD,
      `${quoted} holds ${isPlaceholder(v) ? 'an unrendered placeholder' : 'no valid value'}`);
  }
}
