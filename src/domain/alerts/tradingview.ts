import { futuresRoot } from '../trading/instruments.js';
import { makeContext, type ParseContext, type ParseOptions } from './context.js';
import { parseFutures } from './futures.js';
import { parseOptions } from './options.js';
import { formatPrice } from './prices.js';
import { REASON, reason } from './reasons.js';
import { failure, fieldSet, Scorecard } from './score.js';
import { tokenize, type Token } from './tokenize.js';
import { isNum, isPunct, isWord } from './tokens.js';
import { K } from './lexicon.js';
import { BROKEN, get, normalizeKey, normalizePayload, num, pick, repairJson, text, type Payload } from './tradingview-fields.js';
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

const QUOTE_FIELDS = fieldSet(() => ({ symbol: 1, price: 1 }));
const QUOTE_TYPES = new Set(['quote', 'bar', 'price', 'tick', 'ticker']);

/**
 * Parse a webhook body: an object (already parsed JSON), JSON text (also a JSON string that
 * holds JSON), JSON broken by unrendered placeholders (repaired, the fields named), or plain text.
 */
export function parseTradingViewPayload(body: unknown, postedAt: string,
  extra?: { lastPrice?: (symbol: string) => string | null; options?: ParseOptions }): TradingViewParse {
  return parseTradingViewBody(body, makeContext('tradingview', postedAt, extra?.lastPrice, extra?.options));
}

/** parseTradingViewPayload with the context already made (parseAlert's path). */
export function parseTradingViewBody(body: unknown, ctx: ParseContext): TradingViewParse {
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
  const rawType = get(p, 'type');
  const type = typeof rawType === 'string' ? rawType.toLowerCase() : '';
  if (QUOTE_TYPES.has(type)) return { kind: 'quote', result: quoteOf(p, ctx) };
  return signal(parsePayloadAlert(p, ctx));
}

/**
 * JSON.parse, repairing broken templates first when the body shows their marks (an unquoted
 * `{{…}}`, NaN, Infinity, undefined) — a failed parse throws, and throwing is slow.
 */
function parseJson(s: string): unknown {
  // A truncated body cannot parse: say so without paying for a throw.
  const first = s.charCodeAt(0), last = s.charCodeAt(s.length - 1);
  if (last !== (first === 123 /* { */ ? 125 /* } */ : first === 91 /* [ */ ? 93 /* ] */ : 34 /* " */) || s.length < 2) return undefined;
  if (mayBeBroken(s) && hasBrokenValue(s)) {
    const repaired = repairJson(s);
    if (repaired !== null) return repaired;
  }
  try {
    return JSON.parse(s) as unknown;
  } catch {
    const repaired = repairJson(s);
    return repaired === null ? undefined : repaired;
  }
}

const EMPTY_VALUE = /:\s*[,}\]]/;

/** Cheap native scans for any mark of a broken template; only a hit pays for the exact check. */
function mayBeBroken(s: string): boolean {
  return s.includes('{{') || s.includes('NaN') || s.includes('Infinity') || s.includes('undefined') || EMPTY_VALUE.test(s);
}

/**
 * One pass over JSON text: does a value start where JSON allows none — `{{`, NaN, Infinity,
 * undefined, or nothing (`"price": ,`)? Those are the marks of a template that broke.
 */
function hasBrokenValue(s: string): boolean {
  let inString = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \\ */) i++;
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 34) { inString = true; continue; }
    if (c !== 58 /* : */) continue;
    let k = i + 1;
    while (k < s.length && (s.charCodeAt(k) === 32 || s.charCodeAt(k) === 9 || s.charCodeAt(k) === 10 || s.charCodeAt(k) === 13)) k++;
    const v = s.charCodeAt(k);
    if (v === 44 || v === 125 || v === 93 || v === 78 || v === 73 || v === 117 || Number.isNaN(v)) return true;
    if (v === 45 && s.charCodeAt(k + 1) === 73) return true; // -Infinity
    if (v === 123 && s.charCodeAt(k + 1) === 123) return true;
  }
  return false;
}

function signal(result: ParseResult): TradingViewParse {
  return { kind: 'signal', result };
}

function invalid(message: string): ParseResult {
  return failure([reason(REASON.NOT_AN_ALERT, message), reason(REASON.INVALID_PAYLOAD, message)]);
}

const BID_KEYS = ['bid'], ASK_KEYS = ['ask'], LAST_KEYS = ['last', 'close', 'price'];
const TIME_KEYS = ['ts', 'time', 'timenow', 'timestamp'];

/**
 * The time field of a quote body as it was sent — its key as written and its raw value — the
 * one the quote parser reads; null when the body has none.
 */
export function quoteTimeField(body: Readonly<Record<string, unknown>>): { key: string; value: unknown } | null {
  const p = normalizePayload(body);
  const i = pick(p, TIME_KEYS);
  if (i < 0) return null;
  const normalized = p.keys[i];
  const key = Object.keys(body).find((k) => normalizeKey(k) === normalized) ?? 'ts';
  return { key, value: p.values[i] };
}

function quotePrice(p: Payload, keys: readonly string[], card: Scorecard): string | null {
  const m = num(p, keys, card, 'price', 0);
  return m === null ? null : formatPrice(m);
}

function quoteOf(p: Payload, ctx: ParseContext): QuoteResult {
  const card = new Scorecard(QUOTE_FIELDS);
  const raw = text(p, SYMBOL_KEYS, card, 'symbol');
  const bid = quotePrice(p, BID_KEYS, card), ask = quotePrice(p, ASK_KEYS, card), last = quotePrice(p, LAST_KEYS, card);
  const reasons = card.reasons.slice();
  if (raw === null) reasons.push(reason(REASON.MISSING_SYMBOL, 'a quote without a symbol', 'symbol'));
  if (bid === null && ask === null && last === null) reasons.push(reason(REASON.INVALID_NUMBER, 'a quote without a price', 'price'));
  if (raw === null || reasons.length > 0) return { ok: false, reasons };
  const upper = raw.toUpperCase();
  const ts = text(p, TIME_KEYS, card, 'ts', 1);
  return {
    ok: true,
    quote: { symbol: futuresRoot(upper) ?? upper.slice(upper.lastIndexOf(':') + 1), bid, ask, last, ts: ts ?? ctx.postedAt },
  };
}

/**
 * Plain-text TradingView messages: TradingView's default strategy message ("order buy @ 1
 * filled on ES1!. New strategy position is 1"), else the futures grammar, else the options one.
 */
export function parseTradingViewText(s: string, ctx: ParseContext): ParseResult {
  if (s.includes(BROKEN) || s.includes('{{')) {
    return failure([reason(REASON.NOT_AN_ALERT, 'the message holds unrendered placeholders'),
      reason(REASON.PLACEHOLDER_UNRENDERED, 'the message holds unrendered {{placeholders}}', 'message')]);
  }
  const toks = tokenize(s);
  const fill = strategyFill(toks);
  if (fill !== null) return parsePayloadAlert(normalizePayload(fill), ctx);
  const futures = parseFutures(toks, ctx);
  if (futures.ok) return futures;
  const options = parseOptions(toks, ctx);
  return options.ok || options.confidence > futures.confidence ? options : futures;
}

/**
 * `order {{strategy.order.action}} @ {{strategy.order.contracts}} filled on {{ticker}}. New
 * strategy position is {{strategy.position_size}}` → the equivalent JSON payload: a new
 * position of 0 is a close, a position against the order's side a partial close.
 */
function strategyFill(toks: readonly Token[]): Record<string, unknown> | null {
  const o = indexOfWord(toks, 'ORDER', 0);
  if (o < 0 || !(isWord(toks[o + 1], K.BUY) || isWord(toks[o + 1], K.SELL)) || !isPunct(toks[o + 2], '@')
    || !isNum(toks[o + 3]) || !wordAt(toks, o + 4, 'FILLED') || !wordAt(toks, o + 5, 'ON') || !isWord(toks[o + 6])) return null;
  const p = indexOfWord(toks, 'POSITION', o + 7);
  if (p < 0 || !wordAt(toks, p + 1, 'IS')) return null;
  const negative = isPunct(toks[p + 2], '-');
  const size = toks[p + (negative ? 3 : 2)];
  if (!isNum(size)) return null;
  const buy = (toks[o + 1] as Token).kw === K.BUY;
  const position = (negative ? -1 : 1) * size.micros;
  const payload: Record<string, unknown> = {
    ticker: (toks[o + 6] as Token).text, action: buy ? 'buy' : 'sell', contracts: (toks[o + 3] as Token).text,
  };
  if (position === 0) payload['sentiment'] = 'flat';
  else if ((position > 0) !== buy) payload['sentiment'] = position > 0 ? 'long' : 'short';
  return payload;
}

function wordAt(toks: readonly Token[], i: number, text: string): boolean {
  return isWord(toks[i]) && (toks[i] as Token).text === text;
}

function indexOfWord(toks: readonly Token[], text: string, from: number): number {
  for (let i = from; i < toks.length; i++) if ((toks[i] as Token).text === text) return i;
  return -1;
}
