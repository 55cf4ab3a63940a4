import { parseTradingViewPayload, type QuoteUpdate } from '../../domain/alerts/index.js';

export type QuoteFromPayload = { ok: true; quote: QuoteUpdate } | { ok: false; fields: Record<string, string> };

/**
 * A validated quote/bar body → the parser's normalised quote (ES1! → ES, prices as decimal
 * strings). `postedAtMs` stands in for a missing `ts`.
 */
export function quoteFromPayload(json: unknown, postedAtMs: number): QuoteFromPayload {
  const parsed = parseTradingViewPayload(json, new Date(postedAtMs).toISOString());
  if (parsed.kind === 'quote' && parsed.result.ok) return { ok: true, quote: parsed.result.quote };
  const reasons = parsed.kind === 'quote' ? (parsed.result.ok ? [] : parsed.result.reasons) : parsed.result.reasons;
  const fields: Record<string, string> = {};
  for (const r of reasons) fields[r.field ?? 'body'] ??= r.message;
  if (Object.keys(fields).length === 0) fields.body = 'is not a quote';
  return { ok: false, fields };
}
