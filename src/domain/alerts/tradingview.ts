import { futuresRoot } from '../trading/instruments.js';
import { makeContext, type ParseContext, type ParseOptions } from './context.js';
import { parseFutures } from './futures.js';
import { parseOptions } from './options.js';
import { formatPrice } from './prices.js';
import { REASON, reason } from './reasons.js';
import { Scorecard, failure } from './score.js';
import { tokenize } from './tokenize.js';
import { BROKEN, normalizePayload, num, repairJson, text, type Payload } from './tradingview-fields.js';
import { SYMBOL_KEYS, parsePayloadAlert } from './tradingview-json.js';
import type { ParseReason, ParseResult } from './types.js';

/**
 * A quote pushed by TradingView (`"type": "quote"`, or `"bar"` with its close as `last`).
 * Prices are normalised decimal strings; `symbol` is the futures root, an OCC symbol, or the
 * ticker as sent; `ts` is the payload's `ts`/`time`/`timenow`, else the receive time.
 */
export interface QuoteUpdate {
  symbol: string;
  bid: string | null;
  ask: string | null;
  last: string | null;
  ts: string;
}

export type QuoteResult = { ok: true; quote: QuoteUpdate } | { ok: false; reasons: ParseReason[] };

/**
 * What a TradingView webhook body is:
 * - `{ kind: 'signal', result }` — a trade alert (or a failed attempt at one): the ParseResult
 *   goes down the same path as a Discord alert (threshold, needs_review, …);
 * - `{ kind: 'quote', result }` — a price update for the exit manager, never a trade.
 */
export type TradingViewParse =
  | { kind: 'signal'; result: ParseResult }
  | { kind: 'quote'; result: QuoteResult };

const QUOTE_TYPES = new Set(['quote', 'bar', 'price', 'tick', 'ticker']);

/**
 * Parse a webhook body: an object (already parsed JSON), JSON text (also a JSON string that
 * holds JSON), JSON broken by unrendered placeholders (repaired, the fields named), or plain text.
 */
export function parseTradingViewPayload(body: unknown, postedAt: string,
  extra?: { lastPrice?: (symbol: string) => string | null; options?: ParseOptions }): TradingViewParse {
  const ctx = makeContext('tradingview', postedAt, extra?.lastPrice, extra?.options);
  return parseBody(body, ctx, 0);
}

function parseBody(body: unknown, ctx: ParseContext, depth: number): TradingViewParse {
  if (typeof body === 'string') {
    const s = body.trim();
    if (s.startsWith('{') || s.startsWith('[') || (s.startsWith('"') && depth === 0)) {
      const parsed = parseJson(s);
      if (parsed === undefined) return signal(invalid('a body that looks like JSON but does not parse'));
      return parseBody(parsed, ctx, depth + 1);
    }
    return signal(parseTradingViewText(s, ctx));
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return signal(invalid(Array.isArray(body) ? 'a JSON array, not one alert' : 'not an object or text'));
  }
  const p = normalizePayload(body as Record<string, unknown>);
  const type = typeof p['type'] === 'string' ? (p['type'] as string).toLowerCase() : '';
  if (QUOTE_TYPES.has(type)) return { kind: 'quote', result: quoteOf(p, ctx) };
  return signal(parsePayloadAlert(p, ctx));
}

function parseJson(s: string): unknown {
  try {
    return JSON.parse(s) as unknown;
  } catch {
    const repaired = repairJson(s);
    return repaired === null ? undefined : repaired;
  }
}

function signal(result: ParseResult): TradingViewParse {
  return { kind: 'signal', result };
}

function invalid(message: string): ParseResult {
  return failure([reason(REASON.NOT_AN_ALERT, message), reason(REASON.INVALID_PAYLOAD, message)]);
}

function quoteOf(p: Payload, ctx: ParseContext): QuoteResult {
  const card = new Scorecard(['symbol', 'price']);
  const raw = text(p, SYMBOL_KEYS, card, 'symbol');
  const price = (keys: string[]): string | null => {
    const m = num(p, keys, card, 'price', 0);
    return m === null ? null : formatPrice(m);
  };
  const bid = price(['bid']), ask = price(['ask']), last = price(['last', 'close', 'price']);
  const reasons = card.reasons.slice();
  if (raw === null) reasons.push(reason(REASON.MISSING_SYMBOL, 'a quote without a symbol', 'symbol'));
  if (bid === null && ask === null && last === null) reasons.push(reason(REASON.INVALID_NUMBER, 'a quote without a price', 'price'));
  if (raw === null || reasons.length > 0) return { ok: false, reasons };
  const upper = raw.toUpperCase();
  const ts = text(p, ['ts', 'time', 'timenow', 'timestamp'], card, 'ts', 1);
  return {
    ok: true,
    quote: { symbol: futuresRoot(upper) ?? upper.slice(upper.lastIndexOf(':') + 1), bid, ask, last, ts: ts ?? ctx.postedAt },
  };
}

const STRATEGY_FILL = /^order (buy|sell) @ (\d+(?:\.\d+)?) filled on ([^\s]+?)\.? new strategy position is (-?\d+(?:\.\d+)?)\s*$/i;

/**
 * Plain-text TradingView messages: TradingView's default strategy message ("order buy @ 1
 * filled on ES1!. New strategy position is 1"), else the futures grammar, else the options one.
 */
export function parseTradingViewText(s: string, ctx: ParseContext): ParseResult {
  if (s.includes(BROKEN) || s.includes('{{')) {
    return failure([reason(REASON.NOT_AN_ALERT, 'the message holds unrendered placeholders'),
      reason(REASON.PLACEHOLDER_UNRENDERED, 'the message holds unrendered {{placeholders}}', 'message')]);
  }
  const fill = STRATEGY_FILL.exec(s);
  if (fill !== null) return strategyFill(fill, ctx);
  const toks = tokenize(s);
  const futures = parseFutures(toks, ctx);
  if (futures.ok) return futures;
  const options = parseOptions(toks, ctx);
  return options.ok || options.confidence > futures.confidence ? options : futures;
}

function strategyFill(m: RegExpExecArray, ctx: ParseContext): ParseResult {
  const buy = (m[1] as string).toLowerCase() === 'buy';
  const position = Number(m[4]);
  const payload: Record<string, unknown> = { ticker: m[3], action: buy ? 'buy' : 'sell', contracts: m[2] };
  if (position === 0) payload['sentiment'] = 'flat';
  else if ((position > 0) !== buy) payload['sentiment'] = position > 0 ? 'long' : 'short';
  return parsePayloadAlert(payload, ctx);
}
