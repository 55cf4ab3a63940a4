import { parseTradingViewPayload, quoteTimeField, type QuoteUpdate } from '../../domain/alerts/index.js';
import { readQuoteTime } from '../market/quote-time.js';
import { QUOTE_TYPES } from './payload.js';

export type QuoteFromPayload = { ok: true; quote: QuoteUpdate } | { ok: false; fields: Record<string, string> };

/**
 * A validated quote/bar body → the parser's normalised quote (ES1! → ES, prices as decimal
 * strings). `postedAtMs` stands in for a missing `ts`; a `ts` that is present must be a time the
 * bot can act on (readQuoteTime), else the field is named, with any problem the parser found.
 */
export function quoteFromPayload(json: unknown, postedAtMs: number): QuoteFromPayload {
  const time = isObject(json) ? quoteTimeField(json) : null;
  const read = time ? readQuoteTime(time.value, postedAtMs) : null;
  const parsed = parseTradingViewPayload(json, new Date(postedAtMs).toISOString());
  const fields: Record<string, string> = {};
  if (time && read && !read.ok) fields[time.key] = read.problem;
  if (parsed.kind === 'quote' && parsed.result.ok) {
    if (Object.keys(fields).length > 0) return { ok: false, fields };
    // The time as read (epoch milliseconds included), in the form the paper desk's quote input takes.
    const ts = read?.ok ? new Date(read.atMs).toISOString() : parsed.result.quote.ts;
    return { ok: true, quote: { ...parsed.result.quote, ts } };
  }
  const reasons = parsed.kind === 'quote' ? (parsed.result.ok ? [] : parsed.result.reasons) : parsed.result.reasons;
  for (const r of reasons) fields[r.field ?? 'body'] ??= r.message;
  if (Object.keys(fields).length === 0) fields.body = 'is not a quote';
  return { ok: false, fields };
}

/**
 * The time field's problem in a quote body that failed validation for something else (no price,
 * say), so a 400 names every problem at once; empty for a usable time, or for a body that is not
 * a quote.
 */
export function quoteTimeProblem(json: unknown, receivedAtMs: number): Record<string, string> {
  if (!isObject(json) || typeof json.type !== 'string' || !QUOTE_TYPES.includes(json.type.trim().toLowerCase())) return {};
  const time = quoteTimeField(json);
  const read = time ? readQuoteTime(time.value, receivedAtMs) : null;
  return time && read && !read.ok ? { [time.key]: read.problem } : {};
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
