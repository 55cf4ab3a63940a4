import { parseTradingViewPayload, quoteTimeField, type QuoteUpdate } from '../../domain/alerts/index.js';
import { readQuoteTime, type QuoteTime } from '../market/quote-time.js';
import { isQuoteBody } from './payload.js';

export type QuoteFromPayload = { ok: true; quote: QuoteUpdate } | { ok: false; fields: Record<string, string> };

/**
 * A validated quote/bar body → the parser's normalised quote (ES1! → ES, prices as decimal
 * strings). `postedAtMs` stands in for a missing `ts`; a `ts` that is present must be a time the
 * bot can act on (readQuoteTime), else the field is named, with any problem the parser found.
 */
export function quoteFromPayload(json: unknown, postedAtMs: number): QuoteFromPayload {
  const time = timeOf(json, postedAtMs);
  const parsed = parseTradingViewPayload(json, new Date(postedAtMs).toISOString());
  const fields = problemOf(time);
  if (parsed.kind === 'quote' && parsed.result.ok) {
    if (Object.keys(fields).length > 0) return { ok: false, fields };
    // The time as read (epoch milliseconds included), in the form the paper desk's quote input takes.
    const ts = time?.read.ok ? new Date(time.read.atMs).toISOString() : parsed.result.quote.ts;
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
  return isQuoteBody(json) ? problemOf(timeOf(json, receivedAtMs)) : {};
}

/** The body's time field as sent (its key) and as read, or null when it has none. */
function timeOf(json: unknown, receivedAtMs: number): { key: string; read: QuoteTime } | null {
  const time = isObject(json) ? quoteTimeField(json) : null;
  return time ? { key: time.key, read: readQuoteTime(time.value, receivedAtMs) } : null;
}

function problemOf(time: { key: string; read: QuoteTime } | null): Record<string, string> {
  return time && !time.read.ok ? { [time.key]: time.read.problem } : {};
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
