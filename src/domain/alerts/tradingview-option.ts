import { digits } from './calendar.js';
import type { ParseContext } from './context.js';
import type { ExpirySpec } from './options-expiry.js';
import type { OptionFields } from './options-read.js';
import { OPTION_FIELDS, buildOptionAlert, incompleteOption, makeVerb } from './options.js';
import { REASON } from './reasons.js';
import { Scorecard } from './score.js';
import { checkUnreadFields, num, text, type Payload } from './tradingview-fields.js';
import type { ParseResult } from './types.js';

/** `BUY_CALL` → verb `buy`, right `call`. */
export interface OptionAction {
  verb: string;
  right: 'call' | 'put';
}

const OCC = /^([A-Z]{1,6})(\d{2})(\d{2})(\d{2})([CP])(\d{8})$/;
const VERBS: Record<string, { action: 'open' | 'close'; side: 'long' | 'short' }> = {
  buy: { action: 'open', side: 'long' }, bto: { action: 'open', side: 'long' },
  // SELL_CALL / SELL_PUT close a long option. Read as "sell to open" they would write options —
  // a risk nobody asked for; read this way, a wrong guess finds no position and does nothing.
  sell: { action: 'close', side: 'long' }, stc: { action: 'close', side: 'long' },
  sto: { action: 'open', side: 'short' }, btc: { action: 'close', side: 'short' },
};

const STRIKE_KEYS = ['strike', 'strikeprice'];
const PRICE_KEYS = ['price', 'limitprice', 'premium', 'entry'];
const QTY_KEYS = ['quantity', 'qty', 'contracts'];
const RIGHT_KEYS = ['right', 'optiontype', 'callput', 'putcall', 'cp'];
const EXPIRY_KEYS = ['expiry', 'expiration', 'exp', 'expirationdate', 'expirydate'];

/** Cheap pre-check before the OCC regex: long enough and ending in digits. */
export function looksLikeOcc(symbol: string): boolean {
  if (symbol.length < 16) return false;
  const c = symbol.charCodeAt(symbol.length - 1);
  return c >= 48 && c <= 57 && occOf(compact(symbol)) !== null;
}

/** Upper case, without spaces (`spy 250131C00480000` as some templates render it). */
function compact(symbol: string): string {
  const upper = symbol.toUpperCase();
  return /\s/.test(upper) ? upper.replace(/\s+/g, '') : upper;
}

/** The OCC parts of an upper-case symbol (exchange prefix dropped), or null. */
function occOf(symbol: string): RegExpExecArray | null {
  const c = symbol.charCodeAt(symbol.length - 1);
  if (symbol.length < 16 || c < 48 || c > 57) return null;
  return OCC.exec(symbol.slice(symbol.lastIndexOf(':') + 1));
}

/**
 * An option alert from a TradingView payload: an OCC symbol (`SPY250131C00480000`), or a
 * ticker with `strike` / `expiry` / `right` fields, or a `BUY_CALL`-style action. Null when
 * the payload names no option at all (it is then a futures alert).
 */
export function tradingViewOption(rawSymbol: string, action: OptionAction | null, p: Payload,
  ctx: ParseContext, plainVerb: string | null): ParseResult | null {
  const card = new Scorecard(OPTION_FIELDS);
  const symbol = compact(rawSymbol);
  const occ = occOf(symbol);
  const strikeField = num(p, STRIKE_KEYS, card, 'strike', 0.3);
  if (occ === null && action === null && strikeField === null) return null;
  const f: OptionFields = {
    underlying: null, underlyingIdx: -1, strike: null, right: null, contracts: 1, expiry: null,
    price: num(p, PRICE_KEYS, card, 'price', 0.5),
    quantity: null, fraction: null, tags: [], loose: [],
  };
  const qty = num(p, QTY_KEYS, card, 'quantity', 0.5);
  if (qty !== null) f.quantity = qty % 1_000_000 === 0 ? qty / 1_000_000 : null;
  if (occ !== null) {
    f.underlying = occ[1] as string;
    f.expiry = { kind: 'date', y: 2000 + Number(occ[2]), m: Number(occ[3]), d: Number(occ[4]) };
    f.right = occ[5] === 'C' ? 'call' : 'put';
    f.strike = Number(occ[6]) * 1000;
  } else {
    f.underlying = symbol.slice(symbol.lastIndexOf(':') + 1) || null;
    f.strike = strikeField;
    f.right = action?.right ?? rightOf(text(p, RIGHT_KEYS, card, 'right', 0.3));
    f.expiry = expiryOf(text(p, EXPIRY_KEYS, card, 'expiry', 0.3));
  }
  const known = VERBS[action?.verb ?? plainVerb ?? ''];
  if (known === undefined) card.penalize('action', 0.3, REASON.ACTION_AMBIGUOUS, 'no buy or sell for the option');
  const alert = buildOptionAlert(f, makeVerb(-1, known?.action ?? 'open', known?.side ?? 'long', -1), card, ctx);
  if (alert === null) return incompleteOption(f);
  checkUnreadFields(p, card);
  return card.ok(alert);
}

function rightOf(v: string | null): 'call' | 'put' | null {
  const s = (v ?? '').toLowerCase();
  if (s === 'c' || s === 'call' || s === 'calls') return 'call';
  if (s === 'p' || s === 'put' || s === 'puts') return 'put';
  return null;
}

/** `2025-01-31`, `20250131`, `250131`, `1/31/2025`, `1/31`. */
export function expiryOf(v: string | null): ExpirySpec | null {
  if (v === null) return null;
  if (v.length === 10 && v.charCodeAt(4) === 45 && v.charCodeAt(7) === 45) { // `2025-01-31`, read directly
    const y = digits(v, 0, 4), mo = digits(v, 5, 2), d = digits(v, 8, 2);
    if (y >= 0 && mo >= 0 && d >= 0) return { kind: 'date', y, m: mo, d };
  }
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(v);
  if (m !== null) return { kind: 'date', y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  m = /^(\d{2}|\d{4})(\d{2})(\d{2})$/.exec(v);
  if (m !== null) return { kind: 'date', y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  m = /^(\d{1,2})\/(\d{1,2})(?:\/(\d{2}|\d{4}))?$/.exec(v);
  if (m !== null) return { kind: 'date', m: Number(m[1]), d: Number(m[2]), y: m[3] === undefined ? null : Number(m[3]) };
  return { kind: 'invalid', written: v.slice(0, 20) };
}
