import { occSymbol } from '../trading/instruments.js';
import { lastPriceOf, type ParseContext } from './context.js';
import { K } from './lexicon.js';
import { scoreMessage } from './message.js';
import { resolveExpiry } from './options-expiry.js';
import { OptionReader, strikePairAt, type OptionFields, type Verb } from './options-read.js';
import { checkBand, checkMarket, formatPrice, snapPrice } from './prices.js';
import { REASON, reason } from './reasons.js';
import { failure, fieldSet, Scorecard } from './score.js';
import { NUM, WORD, type Token } from './tokenize.js';
import { fractionAt, isNum, isWord, quotePasses } from './tokens.js';
import type { OptionAlert, ParseReason, ParseResult } from './types.js';

/**
 * Options channel grammar: `BOUGHT SPY 01/31 480 CALLS @ 2.50`, `BTO QQQ 380C 1/31 @ 1.75`,
 * `STC TSLA 250P 2/7 @ 4.50 50%`, `5x BOUGHT …`, `STO`/`BTC`, partial exits, `out of SPY 480C`.
 * An alert hangs on its verb; the contract fields may sit on either side of it.
 */
export const OPTION_FIELDS = fieldSet(() => ({ underlying: 1, action: 1, expiry: 1, strike: 1, right: 1, price: 1, quantity: 1, fraction: 1, message: 1 }));
const M = 1_000_000;
const STRIKE_MIN = M / 2, STRIKE_MAX = 50_000 * M;
const PRICE_MIN = M / 100, PRICE_MAX = 5_000 * M;
const NOT_CLOSE_BEFORE = new Set(['THE', 'AT', 'BY', 'BEFORE', 'INTO', 'NEAR', 'TILL', 'UNTIL', 'AFTER', 'DAILY']);

export function parseOptions(toks: readonly Token[], ctx: ParseContext): ParseResult {
  for (const quotedPass of quotePasses(toks)) {
    const verbs: Verb[] = [];
    for (let i = 0; i < toks.length; i++) {
      if ((toks[i] as Token).quoted !== quotedPass) continue;
      const v = verbAt(toks, i);
      if (v !== null) { verbs.push(v); i = v.end - 1; }
    }
    if (verbs.length > 0) return parseAt(toks, startsOfAlerts(toks, verbs), ctx);
  }
  return failure([reason(REASON.NOT_AN_ALERT, 'no BTO/STC/STO/BTC, bought or sold')]);
}

/**
 * The first verb starts the alert; a later one starts another alert only when a contract
 * (`480C`, `480 calls`) follows it. Otherwise it modifies the first: "STC … @ 3.25 trim".
 */
function startsOfAlerts(toks: readonly Token[], verbs: Verb[]): Verb[] {
  const first = verbs[0] as Verb;
  const out: Verb[] = [first];
  for (let v = 1; v < verbs.length; v++) {
    const verb = verbs[v] as Verb, end = verbs[v + 1]?.idx ?? toks.length;
    if (hasContract(toks, verb.end, end)) out.push(verb);
    else if (verb.partial && first.action === 'close') out[0] = makeVerb(first.idx, first.action, first.side, first.end, true);
  }
  return out;
}

function hasContract(toks: readonly Token[], from: number, to: number): boolean {
  for (let i = from; i < to - 1; i++) {
    const next = toks[i + 1];
    if (isNum(toks[i]) && (isWord(next, K.CALL) || isWord(next, K.PUT))) return true;
  }
  return false;
}

function verbAt(toks: readonly Token[], i: number): Verb | null {
  const t = toks[i] as Token;
  if (t.kind !== WORD) return null;
  const next = toks[i + 1], toWhat = isWord(next, K.TO) ? toks[i + 2] : undefined;
  switch (t.kw) {
    case K.BTO: return makeVerb(i, 'open', 'long');
    case K.STC: return makeVerb(i, 'close', 'long');
    case K.STO: return makeVerb(i, 'open', 'short');
    case K.BTC: return makeVerb(i, 'close', 'short');
    case K.BUY: case K.BOUGHT:
      if (isWord(toWhat, K.CLOSE)) return makeVerb(i, 'close', 'short', i + 3);
      if (isWord(toWhat, K.OPEN)) return makeVerb(i, 'open', 'long', i + 3);
      if (isWord(next) && next.text === 'BACK') return makeVerb(i, 'close', 'short', i + 2);
      return makeVerb(i, 'open', 'long');
    case K.SELL: case K.SOLD:
      if (isWord(toWhat, K.OPEN)) return makeVerb(i, 'open', 'short', i + 3);
      if (isWord(toWhat, K.CLOSE)) return makeVerb(i, 'close', 'long', i + 3);
      return makeVerb(i, 'close', 'long');
    case K.ADD: return makeVerb(i, 'open', 'long');
    case K.CLOSE: case K.EXIT:
      if (isWord(toks[i - 1]) && NOT_CLOSE_BEFORE.has((toks[i - 1] as Token).text)) return null;
      if (isWord(next, K.TO) || isWord(next, K.TRIGGER) || isWord(next, K.AT)) return null;
      return makeVerb(i, 'close', 'long');
    case K.OUT: { // `out of SPY 480C`, `all out SPY 1/31 …`, `SPY 480C out @ 3.25`: a contract right next to it
      const prev = toks[i - 1];
      if (isWord(prev, K.CALL) || isWord(prev, K.PUT)) return makeVerb(i, 'close', 'long');
      if (isWord(next, K.OF)) return symbolThenNumber(toks, i + 2) ? makeVerb(i, 'close', 'long', i + 2) : null;
      return isWord(prev, K.ALL) && symbolThenNumber(toks, i + 1) ? makeVerb(i, 'close', 'long') : null;
    }
    case K.TRIM: return makeVerb(i, 'close', 'long', i + 1, true);
    case K.SCALE: return isWord(next, K.OUT) ? makeVerb(i, 'close', 'long', i + 2, true) : null;
    case K.TAKE: return isWord(next, K.PROFIT) ? makeVerb(i, 'close', 'long', i + 2, true) : takeOffEnd(toks, i);
    // `reduce SPY 480C by half`; `reduce to 1/4` says what is kept, so it is not read.
    case K.REDUCE: return isWord(next, K.TO) ? null : makeVerb(i, 'close', 'long', i + 1, true);
  }
  return null;
}

/** `taking half off`, `take 1/3 off`, `take off half`, `taking some off`: a partial close. */
function takeOffEnd(toks: readonly Token[], i: number): Verb | null {
  const next = toks[i + 1];
  if (!isWord(next) && !isNum(next)) return null;
  const share = fractionAt(toks, i + 1);
  if (share !== null) return isOff(toks[share[1]]) ? makeVerb(i, 'close', 'long', i + 1, true) : null;
  if (isOff(next)) return fractionAt(toks, i + 2) === null ? null : makeVerb(i, 'close', 'long', i + 2, true);
  return (next as Token).text === 'SOME' && isOff(toks[i + 2]) ? makeVerb(i, 'close', 'long', i + 3, true) : null;
}

function isOff(t: Token | undefined): boolean {
  return isWord(t) && t.text === 'OFF';
}

/** `SPY 480C`, `SPY 1/31 …` at j: a word, then a strike or a date ("out of ideas on SPY" is not). */
function symbolThenNumber(toks: readonly Token[], j: number): boolean {
  return isWord(toks[j]) && isNum(toks[j + 1]);
}

/**
 * Every Verb is made here, by one object literal, so all have one hidden class: verbs built by
 * spreading (`{ ...v, partial: true }`) each got a new one, and buildOptionAlert's reads of
 * `action` and `side` went megamorphic and missed on every call.
 */
export function makeVerb(idx: number, action: Verb['action'], side: Verb['side'], end = idx + 1, partial = false): Verb {
  return { idx, end, action, side, partial };
}

function parseAt(toks: readonly Token[], verbs: Verb[], ctx: ParseContext): ParseResult {
  const verb = verbs[0] as Verb;
  const card = new Scorecard(OPTION_FIELDS);
  const used = new Uint8Array(toks.length);
  const f = new OptionReader(toks, verb, used, card, verbs[1]?.idx ?? toks.length).read();
  if (verbs.length > 1 || f.contracts > 1) {
    card.penalize('message', 0.4, REASON.MULTIPLE_ALERTS, f.contracts > 1 ? 'more than one contract (a spread?)' : 'more than one trade verb');
  }
  const legs = multiLegMark(toks);
  if (legs !== null) card.penalize('message', 0.3, REASON.MULTI_LEG, `a multi-leg order (${legs}): only single legs are traded`);
  const alert = buildOptionAlert(f, verb, card, ctx, strikelessClose(toks, verb, f));
  if (alert === null) return incomplete(f);
  scoreMessage({ toks, anchor: verb.idx, used, mode: 'open' }, card);
  return card.ok(alert);
}

/**
 * Words or strikes that make an order multi-leg — `debit spread`, `straddle`, `480/485C`,
 * `480-485C` — or null. Its price is the net of the legs, so reading one leg at that price
 * would be a wrong trade.
 */
function multiLegMark(toks: readonly Token[]): string | null {
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i] as Token;
    if (t.kw === K.MULTI_LEG) return `"${t.text.toLowerCase()}"`;
    if (t.kind === NUM && strikePairAt(toks, i) > 0) return `strikes ${t.text}${(toks[i + 1] as Token).text}${(toks[i + 2] as Token).text}`;
  }
  return null;
}

/**
 * `STC SPY calls @ 3.25`: a close that names no strike, said as an order — the STC/BTC
 * shorthand or a price — with no stray number that could be the strike. It closes every
 * position of that underlying and right. "I sold my TSLA puts way too early" is no such close.
 */
function strikelessClose(toks: readonly Token[], verb: Verb, f: OptionFields): boolean {
  if (verb.action !== 'close' || f.strike !== null || f.loose.length > 0) return false;
  const kw = (toks[verb.idx] as Token).kw;
  return kw === K.STC || kw === K.BTC || f.price !== null;
}

/**
 * Check read fields and assemble the alert; null when the contract is incomplete. With
 * `strikeless` a close may omit the strike (strike '', MISSING_STRIKE): see strikelessClose.
 */
export function buildOptionAlert(f: OptionFields, verb: Pick<Verb, 'action' | 'side' | 'partial'>, card: Scorecard,
  ctx: ParseContext, strikeless = false): OptionAlert | null {
  if (f.underlying === null || f.right === null || (f.strike === null && !strikeless)) return null;
  const isOpen = verb.action === 'open';
  const expiry = resolveExpiry(f.expiry, ctx.postedAt, card, isOpen);
  if (f.strike === null) {
    card.penalize('strike', 0.9, REASON.MISSING_STRIKE, `no strike: closes every ${f.underlying} ${f.right}${expiry === '' ? '' : ` expiring ${expiry}`}`);
  }
  const alert: OptionAlert = {
    kind: 'option', action: verb.action, side: verb.side, underlying: f.underlying, expiry,
    strike: f.strike === null ? '' : formatPrice(f.strike), right: f.right, price: null, quantity: f.quantity,
    fraction: isOpen ? null : closeFraction(f, verb, card), tags: f.tags,
  };
  checkUnderlying(f, card, ctx);
  alert.price = checkPrice(f, expiry, card, ctx);
  if (f.quantity !== null && (f.quantity < 1 || f.quantity > 1000)) {
    card.penalize('quantity', 0.3, REASON.QUANTITY_IMPLAUSIBLE, `${f.quantity} contracts`);
  }
  return alert;
}

export function incompleteOption(f: OptionFields): ParseResult {
  return incomplete(f);
}

function incomplete(f: OptionFields): ParseResult {
  const reasons: ParseReason[] = [reason(REASON.NOT_AN_ALERT, 'a trade verb without a whole contract')];
  if (f.underlying === null) reasons.push(reason(REASON.MISSING_SYMBOL, 'no underlying', 'underlying'));
  if (f.strike === null) reasons.push(reason(REASON.MISSING_STRIKE, 'no strike', 'strike'));
  if (f.right === null) reasons.push(reason(REASON.MISSING_RIGHT, 'neither calls nor puts', 'right'));
  return failure(reasons, 5 - reasons.length, 4);
}

/** How much of the position to close; null when the alert counts contracts instead (`STC 5 …`). */
function closeFraction(f: OptionFields, verb: Pick<Verb, 'partial'>, card: Scorecard): string | null {
  let share = f.fraction;
  if (share === null && f.quantity !== null && !verb.partial) return null;
  if (share === null) {
    if (verb.partial) card.penalize('fraction', 0.9, REASON.FRACTION_ASSUMED, 'a partial exit of unstated size; half assumed');
    share = verb.partial ? M / 2 : M;
  }
  if (share <= 0 || share > M) {
    card.penalize('fraction', 0.3, REASON.FRACTION_IMPLAUSIBLE, `${formatPrice(share * 100)}% of a position`);
    share = M;
  }
  return formatPrice(share);
}

function checkUnderlying(f: OptionFields, card: Scorecard, ctx: ParseContext): void {
  const underlying = f.underlying as string, strike = f.strike;
  if (underlying.length > 5) card.penalize('underlying', 0.5, REASON.UNKNOWN_SYMBOL, `${underlying} is not a usual ticker`);
  if (strike === null) return;
  checkBand(card, 'strike', strike, STRIKE_MIN, STRIKE_MAX, 'a strike');
  if (strike % (M / 2) !== 0) card.penalize('strike', 0.85, REASON.PRICE_IMPLAUSIBLE, `strike ${formatPrice(strike)} is off the usual grid`);
  checkMarket(card, 'strike', strike, lastPriceOf(ctx, underlying), 0.5);
}

function checkPrice(f: OptionFields, expiry: string, card: Scorecard, ctx: ParseContext): string | null {
  if (f.price === null) {
    card.penalize('price', 0.9, REASON.MISSING_PRICE, 'no price: a market order');
    return null;
  }
  const price = snapPrice(card, 'price', f.price, M / 100);
  checkBand(card, 'price', price, PRICE_MIN, PRICE_MAX, 'an option premium');
  if (f.strike !== null && price >= f.strike) {
    card.penalize('price', 0.3, REASON.PRICE_IMPLAUSIBLE, `premium ${formatPrice(price)} at or above the strike`);
  }
  if (expiry !== '' && f.strike !== null && ctx.lastPrice !== undefined) {
    const occ = occSymbol(f.underlying as string, expiry, f.right as 'call' | 'put', f.strike);
    checkMarket(card, 'price', price, lastPriceOf(ctx, occ), ctx.optionsMarketBand, M / 5);
  }
  return formatPrice(price);
}
