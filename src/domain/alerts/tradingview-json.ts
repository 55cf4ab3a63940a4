import { FUTURES } from '../trading/instruments.js';
import { symbolRoot } from './tokens.js';
import type { ParseContext } from './context.js';
import { checkOpen } from './futures-checks.js';
import { emptyFutures } from './futures-exit.js';
import type { OpenFields } from './futures-fields.js';
import { formatPrice } from './prices.js';
import { REASON, reason } from './reasons.js';
import { failure, fieldSet, Scorecard } from './score.js';
import { looksLikeOcc, tradingViewOption, type OptionAction } from './tradingview-option.js';
import { checkUnreadFields, get, num, pick, text, toMicros, type Payload } from './tradingview-fields.js';
import type { ParseReason, ParseResult, Side } from './types.js';

/**
 * A TradingView JSON alert (already parsed, keys normalised) → a futures or option alert.
 *
 * Fields: `ticker`/`symbol` (ES1!, CME_MINI:ES1!, ESZ2026 → ES; an OCC symbol → option);
 * `action` (buy, sell, long, short, exit, close, flat, exit_long, exit_short, and BUY_CALL /
 * SELL_PUT style for options); `sentiment`/`market_position` or `position_size` (flat or 0 turns
 * a buy/sell into a close, as TradersPost does); `quantity`/`qty`/`contracts`; `price`; `stop`,
 * `stop_loss` or `stopLoss.stopPrice`; `target`/`targets`/`tp1`…/`takeProfit.limitPrice`;
 * options: `strike`, `expiry`, `right`. Numbers may be strings or numbers.
 */
export const SYMBOL_KEYS = ['ticker', 'symbol', 'instrument', 'contract', 'occ', 'optionsymbol'];
const ACTION_KEYS = ['action', 'side', 'orderaction', 'signal', 'direction', 'strategyorderaction'];
const SENTIMENT_KEYS = ['sentiment', 'marketposition', 'position', 'strategymarketposition'];
const POSITION_SIZE_KEYS = ['positionsize', 'possize', 'strategypositionsize'];
const QTY_KEYS = ['quantity', 'qty', 'contracts', 'amount', 'strategyordercontracts'];
const PRICE_KEYS = ['price', 'entry', 'entryprice', 'limitprice', 'signalprice', 'orderprice', 'strategyorderprice', 'close'];
const STOP_KEYS = ['stop', 'stoploss', 'sl', 'stopprice'];
const TARGET_KEYS = ['targets', 'target', 'takeprofit', 'tp', 'profittarget'];
const STOP_NESTED = ['stopprice', 'price', 'stop'];
const TARGET_NESTED = ['limitprice', 'price', 'target'];
const NUMBERED_TARGETS = ['tp1', 'tp2', 'tp3', 'target1', 'target2', 'target3', 't1', 't2', 't3'];

type Intent =
  | { kind: 'open'; side: Side }
  | { kind: 'close'; side: Side | null; partial: boolean }
  | { kind: 'option'; action: OptionAction };

const FIELDS = fieldSet(() => ({ symbol: 1, side: 1, entry: 1, stop: 1, targets: 1, size: 1, quantity: 1, fraction: 1, message: 1 }));

export function parsePayloadAlert(p: Payload, ctx: ParseContext): ParseResult {
  const card = new Scorecard(FIELDS);
  const rawSymbol = text(p, SYMBOL_KEYS, card, 'symbol');
  const rawAction = text(p, ACTION_KEYS, card, 'side');
  const missing: ParseReason[] = [];
  if (rawSymbol === null) missing.push(reasonFor(card, 'symbol', REASON.MISSING_SYMBOL, 'no ticker or symbol'));
  if (rawAction === null) missing.push(reasonFor(card, 'side', REASON.MISSING_ACTION, 'no action'));
  if (rawSymbol === null || rawAction === null) {
    return failure([reason(REASON.NOT_AN_ALERT, 'a TradingView payload without ticker and action'), ...missing], 0, 2);
  }
  const intent = readIntent(rawAction, p, card);
  if (intent === null) {
    return failure([reason(REASON.NOT_AN_ALERT, `unknown action "${rawAction.slice(0, 40)}"`),
      reason(REASON.ACTION_AMBIGUOUS, `unknown action "${rawAction.slice(0, 40)}"`, 'side')], 1, 2);
  }
  if (intent.kind === 'option' || get(p, 'strike') !== undefined || get(p, 'strikeprice') !== undefined || looksLikeOcc(rawSymbol)) {
    const option = tradingViewOption(rawSymbol, intent.kind === 'option' ? intent.action : null, p, ctx,
      plainOptionVerb(rawAction));
    if (option !== null) return option;
  }
  if (intent.kind === 'option') {
    return failure([reason(REASON.NOT_AN_ALERT, 'an option action without an option contract'),
      reason(REASON.MISSING_STRIKE, 'no strike or expiry for the option', 'strike')], 1, 2);
  }
  const symbol = rawSymbol.toUpperCase();
  const root = symbolRoot(symbol);
  // Keep a futures spelling whole for the reasons; drop the exchange of anything else (`NASDAQ:AAPL`).
  return futuresAlert(root === null ? symbol.slice(symbol.lastIndexOf(':') + 1) : symbol, root, intent, p, card, ctx);
}

function reasonFor(card: Scorecard, field: string, code: ParseReason['code'], message: string): ParseReason {
  const earlier = card.reasons.find((r) => r.field === field);
  return earlier ?? { code, message, field };
}

function readIntent(raw: string, p: Payload, card: Scorecard): Intent | null {
  const a = lettersLower(raw);
  const sentiment = (text(p, SENTIMENT_KEYS, card, 'side', 0.5) ?? '').toLowerCase();
  const size = num(p, POSITION_SIZE_KEYS, card, 'quantity', 0.9);
  const flat = sentiment === 'flat' || size === 0;
  switch (a) {
    case 'buy': case 'long': case 'bto': case 'buytoopen': case 'enterlong': case 'golong': case 'entrylong':
      if (flat) return { kind: 'close', side: 'short', partial: false };
      return sentiment === 'short' ? { kind: 'close', side: 'short', partial: true } : { kind: 'open', side: 'long' };
    case 'sell': case 'short': case 'entershort': case 'goshort': case 'entryshort': case 'sellshort':
      if (flat) return { kind: 'close', side: 'long', partial: false };
      return sentiment === 'long' ? { kind: 'close', side: 'long', partial: true } : { kind: 'open', side: 'short' };
    case 'exit': case 'close': case 'flat': case 'flatten': case 'closeall': case 'exitall': case 'closeposition':
      return { kind: 'close', side: null, partial: false };
    case 'exitlong': case 'closelong': case 'selltoclose': case 'stc': return { kind: 'close', side: 'long', partial: false };
    case 'exitshort': case 'closeshort': case 'cover': case 'buytocover': case 'buytoclose': case 'btc':
      return { kind: 'close', side: 'short', partial: false };
  }
  const option = optionAction(a);
  return option === null ? null : { kind: 'option', action: option };
}

const OPTION_VERBS = ['buy', 'sell', 'bto', 'stc', 'sto', 'btc'];

/** `buycall`, `sellputs`, `btocall` (BUY_CALL with the underscore gone) → verb and right, or null. */
function optionAction(a: string): OptionAction | null {
  const verb = OPTION_VERBS.find((v) => a.startsWith(v));
  if (verb === undefined) return null;
  let rest = a.slice(verb.length);
  if (rest.endsWith('s')) rest = rest.slice(0, -1);
  return rest === 'call' || rest === 'put' ? { verb, right: rest } : null;
}

/** A plain action on an option payload, in options-channel terms (sell = sell to close). */
function plainOptionVerb(raw: string): string | null {
  switch (lettersLower(raw)) {
    case 'buy': case 'long': case 'bto': case 'buytoopen': return 'bto';
    case 'sell': case 'stc': case 'selltoclose': case 'exitlong': case 'closelong': case 'exit': case 'close': case 'flat': return 'stc';
    case 'short': case 'sto': case 'selltoopen': return 'sto';
    case 'btc': case 'buytoclose': case 'cover': case 'exitshort': case 'closeshort': return 'btc';
  }
  return null;
}

function futuresAlert(symbol: string, root: string | null, intent: Intent, p: Payload, card: Scorecard,
  ctx: ParseContext): ParseResult {
  const qty = num(p, QTY_KEYS, card, 'quantity', 0.5);
  const quantity = qty === null ? null : qty % 1_000_000 === 0 ? qty / 1_000_000 : null;
  if (qty !== null && quantity === null) card.penalize('quantity', 0.3, REASON.QUANTITY_IMPLAUSIBLE, 'a fractional contract count');
  if (intent.kind === 'close') {
    const alert = emptyFutures(root ?? symbol, 'close');
    alert.side = intent.side;
    alert.quantity = quantity;
    alert.fraction = intent.partial && quantity !== null ? null : formatPrice(1_000_000);
    if (root === null) card.penalize('symbol', 0.2, REASON.UNKNOWN_SYMBOL, `${symbol} is not in the instrument table`);
    checkUnreadFields(p, card);
    return card.ok(alert);
  }
  const f: OpenFields = {
    entry: num(p, PRICE_KEYS, card, 'entry', 0.5), market: false, stop: stopOf(p, card), stopDistance: null,
    targets: targetsOf(p, card), size: sizeOf(p), quantity, tags: [],
  };
  f.market = f.entry === null;
  const side = (intent as { side: Side }).side;
  const alert = checkOpen(f, side, { sym: 0, dir: 0, root, symbolText: symbol, qtyIdx: -1, entryIdx: -1 },
    root === null ? undefined : FUTURES[root], card, ctx);
  checkUnreadFields(p, card);
  return card.ok(alert);
}

function stopOf(p: Payload, card: Scorecard): number | null {
  const i = pick(p, STOP_KEYS);
  if (i < 0 || p.values[i] === null) return null;
  const v = nested(p.values[i], STOP_NESTED);
  return v === undefined ? null : toMicros(p.keys[i] as string, v, card, 'stop', 0.5);
}

function targetsOf(p: Payload, card: Scorecard): number[] {
  const out: number[] = [];
  const i = pick(p, TARGET_KEYS);
  if (i >= 0 && p.values[i] !== null) {
    const key = p.keys[i] as string;
    const v = nested(p.values[i], TARGET_NESTED);
    const list = Array.isArray(v) ? v : typeof v === 'string' && v.includes(',') ? v.split(',') : [v];
    for (const item of list) {
      const m = toMicros(key, item, card, 'targets', 0.5);
      if (m !== null) out.push(m);
    }
  }
  // `tp1`, `t2`, `target3`: one pass over the payload's few keys, in NUMBERED_TARGETS order.
  let numbered: [rank: number, k: number][] | null = null;
  for (let k = 0; k < p.keys.length; k++) {
    const rank = NUMBERED_TARGETS.indexOf(p.keys[k] as string);
    if (rank >= 0 && p.values[k] !== undefined && p.values[k] !== null) (numbered ??= []).push([rank, k]);
  }
  if (numbered !== null) {
    for (const [, k] of numbered.sort((a, b) => a[0] - b[0])) {
      const m = toMicros(p.keys[k] as string, p.values[k], card, 'targets', 0.5);
      if (m !== null) out.push(m);
    }
  }
  return out;
}

function sizeOf(p: Payload): 'A' | 'B' | 'C' | null {
  const v = get(p, 'size') ?? get(p, 'sizeletter');
  if (typeof v !== 'string') return null;
  const s = v.trim().toUpperCase();
  return s === 'A' || s === 'B' || s === 'C' ? s : null;
}

/** TradersPost nests prices: `stopLoss: {type: "stop", stopPrice: 4745}`. */
function nested(v: unknown, keys: readonly string[]): unknown {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
  const o = v as Record<string, unknown>;
  for (const k of Object.keys(o)) if (keys.includes(k.toLowerCase())) return o[k];
  return undefined;
}

/** `BUY_CALL` → `buycall`, `Exit Long` → `exitlong`: the letters of an action, lower case. */
function lettersLower(raw: string): string {
  let plain = true;
  for (let i = 0; i < raw.length && plain; i++) {
    const c = raw.charCodeAt(i);
    plain = c >= 97 && c <= 122;
  }
  return plain ? raw : raw.toLowerCase().replace(/[^a-z]/g, '');
}
