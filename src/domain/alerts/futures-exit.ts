import { FUTURES } from '../trading/instruments.js';
import type { ParseContext } from './context.js';
import { K, targetIndex } from './lexicon.js';
import { scoreMessage } from './message.js';
import { checkBand, formatPrice, snapPrice } from './prices.js';
import { REASON } from './reasons.js';
import { fieldSet, Scorecard } from './score.js';
import { NUM, PUNCT, WORD, type Token } from './tokenize.js';
import { fractionAt, glued, intValue, isNum, isPunct, isWord, rootOf } from './tokens.js';
import type { FuturesAlert, ParseResult, Side } from './types.js';

/**
 * Exits and stop moves on the open position: "ES out", "stopped out", "flat", "T1 hit, stop to
 * breakeven", "trim half", "move stop to 4752". A close says how much (`fraction`, 1 = all);
 * an adjust says the new stop (a price or "breakeven"). With no symbol they apply to the
 * channel's open position (SYMBOL_IMPLIED).
 */
interface Close {
  idx: number;
  /** Micros of one (500_000 = half). */
  fraction: number;
  /** The fraction is our reading of "trim" or "target hit", not the caller's words. */
  assumed: boolean;
  side: Side | null;
  tag: string | null;
}

interface Adjust {
  idx: number;
  newStop: number | 'breakeven';
}

const ALL = 1_000_000;
const FIELDS = fieldSet(() => ({ symbol: 1, side: 1, fraction: 1, quantity: 1, newStop: 1, message: 1 }));

export function parseFuturesExit(toks: readonly Token[], ctx: ParseContext, quotedPass: boolean): ParseResult | null {
  const used = new Uint8Array(toks.length);
  const adjust = findAdjust(toks, quotedPass, used);
  const close = findClose(toks, quotedPass, used);
  if (adjust === null && close === null) return null;
  const card = new Scorecard(FIELDS);
  const { root, side, quantity, fraction } = readExtras(toks, quotedPass, used, card);
  const alert = emptyFutures(root ?? '', adjust !== null ? 'adjust' : 'close');
  alert.side = side ?? close?.side ?? null;
  alert.quantity = quantity;
  if (close?.tag) alert.tags.push(close.tag);
  if (root === null) card.penalize('symbol', 0.9, REASON.SYMBOL_IMPLIED, 'no symbol: applies to the open position');
  if (adjust !== null) {
    alert.newStop = adjust.newStop === 'breakeven' ? 'breakeven' : stopPrice(adjust.newStop, root, card);
  } else if (close !== null) {
    let share = fraction ?? close.fraction;
    if (fraction === null && close.assumed) {
      card.penalize('fraction', 0.9, REASON.FRACTION_ASSUMED, `"${(toks[close.idx] as Token).text.toLowerCase()}" does not say how much; half assumed`);
    }
    if (share <= 0 || share > ALL) {
      card.penalize('fraction', 0.3, REASON.FRACTION_IMPLAUSIBLE, `${formatPrice(share * 100)}% of a position`);
      share = ALL;
    }
    alert.fraction = formatPrice(share);
  }
  const anchor = adjust?.idx ?? (close as Close).idx;
  scoreMessage({ toks, anchor, used, mode: root === null ? 'exit-implied' : 'exit' }, card);
  return card.ok(alert);
}

/** Outside every instrument's band a stop fits no open position (`stop 10` is not a price here). */
const ANY_MIN = Math.min(...Object.values(FUTURES).map((s) => s.plausibleMin));
const ANY_MAX = Math.max(...Object.values(FUTURES).map((s) => s.plausibleMax));

function stopPrice(micros: number, root: string | null, card: Scorecard): string {
  const spec = root === null ? undefined : FUTURES[root];
  if (spec === undefined) {
    checkBand(card, 'newStop', micros, ANY_MIN, ANY_MAX, 'any listed future');
    return formatPrice(micros);
  }
  const snapped = snapPrice(card, 'newStop', micros, spec.tick);
  checkBand(card, 'newStop', snapped, spec.plausibleMin, spec.plausibleMax, spec.root);
  return formatPrice(snapped);
}

const STOP_CONNECTORS = new Set(['UP', 'DOWN', 'MY', 'OUR', 'THE']);

/** `stop to 4752`, `move stop to BE`, `SL: 4752`, `stops to entry`, `new stop 4752`. */
function findAdjust(toks: readonly Token[], quotedPass: boolean, used: Uint8Array): Adjust | null {
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i] as Token;
    if (t.quoted !== quotedPass || t.kw !== K.STOP) continue;
    const moveIdx = isWord(toks[i - 1], K.MOVE) ? i - 1
      : isWord(toks[i - 2], K.MOVE) && STOP_CONNECTORS.has((toks[i - 1] as Token).text) ? i - 2 : -1;
    const moved = moveIdx >= 0;
    let k = i + 1;
    while (k < toks.length) {
      const c = toks[k] as Token;
      // No `=`: `sl=10` is a bridge's key=value order field, not a stop move in chat.
      const connector = c.kind === PUNCT ? ':@->'.includes(c.text)
        : c.kw === K.TO || c.kw === K.AT || (c.kw === K.MARKET && c.text === 'NOW') || STOP_CONNECTORS.has(c.text);
      if (!connector) break;
      k++;
    }
    const value = stopValue(toks, k);
    if (value === null || !(moved || k > i + 1 || value.newStop === 'breakeven')) continue;
    for (let u = moved ? moveIdx : i; u < value.end; u++) used[u] = 1;
    return { idx: i, newStop: value.newStop };
  }
  return null;
}

function stopValue(toks: readonly Token[], k: number): { newStop: number | 'breakeven'; end: number } | null {
  const t = toks[k];
  if (isNum(t)) return { newStop: t.micros, end: k + 1 };
  if (isWord(t, K.BREAKEVEN) || isWord(t, K.ENTRY)) return { newStop: 'breakeven', end: k + 1 };
  if (isWord(t, K.BREAK) && isWord(toks[k + 1], K.EVEN)) return { newStop: 'breakeven', end: k + 2 };
  if (isWord(t) && t.text === 'B' && isPunct(toks[k + 1], '/') && isWord(toks[k + 2]) && (toks[k + 2] as Token).text === 'E') {
    return { newStop: 'breakeven', end: k + 3 };
  }
  return null;
}

const NOT_EXIT_BEFORE_OUT = new Set(['LOOK', 'WATCH', 'CHECK', 'FIND', 'FIGURE', 'WAY', 'WORK', 'WORKED', 'PLAY',
  'PLAYED', 'CAME', 'COMING', 'COME', 'SPREAD', 'SELL', 'SOLD', 'FREAK', 'FREAKING', 'MAX', 'MAXED', 'BREAK']);
const OUT_OF_OK = new Set(['IT', 'POSITION', 'THIS', 'THAT', 'TRADE', 'EVERYTHING']);
const NOT_EXIT_AROUND_CLOSE = new Set(['THE', 'DAILY', 'WEEKLY', 'HOURLY', 'BY', 'BEFORE', 'INTO', 'NEAR', 'TILL',
  'UNTIL', 'AFTER', 'CANDLE', 'VERY', 'SO', 'PRETTY', 'CALL', 'GAP', 'MARKET', 'MARKETS', 'IS', 'ARE', 'WAS', 'BE',
  'EXCHANGE', 'EXCHANGES', 'BANKS', 'SCHOOLS']);
const SUBJECT_CHECKED: ReadonlySet<number> = new Set([K.OUT, K.FLAT, K.EXIT, K.CLOSE, K.STOPPED, K.COVER, K.TRIM, K.SCALE, K.TAKE]);
const FLAT_ADJECTIVE_BEFORE = new Set(['IS', 'ARE', 'WAS', 'LOOKS', 'LOOKING', 'TRADING', 'STAY', 'STAYING', 'PRETTY',
  'KINDA', 'MOSTLY', 'BASICALLY', 'SO', 'VERY', 'BEEN', "IT'S", 'ITS', 'PRICE', 'MARKET', 'CHOP', 'FAIRLY', 'STILL']);
const FLAT_ADJECTIVE_AFTER = new Set(['ON', 'DAY', 'TODAY', 'OPEN', 'OVERNIGHT', 'WEEK', 'SESSION', 'MORNING', 'LINE',
  'MARKET', 'PRICE', 'CANDLE', 'FOR']);

function findClose(toks: readonly Token[], quotedPass: boolean, used: Uint8Array): Close | null {
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i] as Token;
    if (t.quoted !== quotedPass || t.kind !== WORD || used[i] === 1) continue;
    const c = closeAt(toks, i);
    if (c === null) continue;
    used[i] = 1;
    return c;
  }
  return null;
}

/**
 * Who may be "out", "flat" or "stopped": the caller (start of message, after punctuation, a
 * pronoun) or a position (a symbol, "longs"). "Bonds flat", "markets closed", "many people
 * stopped out" describe the world, not a trade.
 */
const EXIT_SUBJECTS = new Set(["I", "I'M", 'IM', 'WE', "WE'RE", 'WERE', 'ALL', 'NOW', 'GOT', 'GET', 'GETTING', 'GOING',
  'GO', 'AM', 'ARE', 'BE', 'BEING', 'JUST', 'FULLY', 'PARTIALLY', 'AND', 'THEN', 'TO', 'LONG', 'SHORT', 'LONGS',
  'SHORTS', 'HALF', 'HERE', 'OFFICIALLY', 'FINALLY', 'ALSO']);

function subjectOk(prev: Token | undefined): boolean {
  if (prev === undefined || prev.kind === PUNCT) return true;
  return rootOf(prev) !== null || EXIT_SUBJECTS.has(prev.text);
}

function closeAt(toks: readonly Token[], i: number): Close | null {
  const t = toks[i] as Token, prev = toks[i - 1], next = toks[i + 1];
  const lineStart = prev !== undefined && prev.line !== t.line;
  if (SUBJECT_CHECKED.has(t.kw) && !lineStart && !subjectOk(prev)) return null;
  switch (t.kw) {
    case K.STOPPED: return close(i, ALL, false);
    case K.STOP: return isWord(next, K.HIT) ? close(i, ALL, false, null, 'STOP_HIT') : null;
    case K.TN: case K.TARGET: return targetHit(toks, i);
    case K.OUT:
      if (isWord(prev) && (NOT_EXIT_BEFORE_OUT.has(prev.text) || prev.kw === K.SCALE)) return null;
      if (isWord(next, K.OF) && !outOfPosition(toks, i + 2)) return null;
      return close(i, ALL, false);
    case K.EXIT: return close(i, ALL, false);
    case K.CLOSE:
      if (isWord(prev) && NOT_EXIT_AROUND_CLOSE.has(prev.text)) return null;
      // "NQ closed green": the market closed, nobody closed a trade.
      if (t.text === 'CLOSED' && rootOf(prev) !== null) return null;
      if (isWord(next, K.TO) || isWord(next, K.TRIGGER) || isWord(next, K.AT)) return null;
      return close(i, ALL, false);
    case K.FLAT:
      if (isWord(prev) && FLAT_ADJECTIVE_BEFORE.has(prev.text)) return null;
      if (isWord(next) && FLAT_ADJECTIVE_AFTER.has(next.text)) return null;
      return close(i, ALL, false);
    case K.COVER: return close(i, ALL, false, 'short');
    case K.TRIM: return close(i, ALL / 2, true);
    case K.SCALE: return isWord(next, K.OUT) ? close(i, ALL / 2, true) : null;
    case K.TAKE:
      return isWord(next, K.PROFIT) || isWord(toks[i + 2], K.PROFIT) ? close(i, ALL / 2, true) : null;
  }
  return null;
}

function close(idx: number, fraction: number, assumed: boolean, side: Side | null = null, tag: string | null = null): Close {
  return { idx, fraction, assumed, side, tag };
}

/** `T1 hit`, `TP2 hit`, `target hit`, `hit T1`. T1 closes half (the house rule); later ones the rest. */
function targetHit(toks: readonly Token[], i: number): Close | null {
  const t = toks[i] as Token;
  const hit = isWord(toks[i + 1], K.HIT) || (isWord(toks[i + 2], K.HIT) && isWord(toks[i + 1], K.FILLER))
    || isWord(toks[i - 1], K.HIT);
  if (!hit) return null;
  const n = t.kw === K.TN ? targetIndex(t.text) : 0;
  if (n === 0) return close(i, ALL, true, null, 'TARGET_HIT');
  return close(i, n === 1 ? ALL / 2 : ALL, false, null, `T${n}_HIT`);
}

function outOfPosition(toks: readonly Token[], k: number): boolean {
  const t = toks[k];
  if (rootOf(t) !== null || isWord(t, K.LONG) || isWord(t, K.SHORT) || isWord(t, K.REST) || isWord(t, K.ALL)
    || isWord(t, K.HALF)) return true;
  if (!isWord(t)) return false;
  if (OUT_OF_OK.has(t.text)) return true;
  return (t.text === 'THE' || t.text === 'MY') && outOfPosition(toks, k + 1);
}

interface Extras {
  root: string | null;
  side: Side | null;
  quantity: number | null;
  fraction: number | null;
}

/** Symbol, side, size words and numbers around an exit. */
function readExtras(toks: readonly Token[], quotedPass: boolean, used: Uint8Array, card: Scorecard): Extras {
  const x: Extras = { root: null, side: null, quantity: null, fraction: null };
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i] as Token;
    if (t.quoted !== quotedPass || used[i] === 1) continue;
    const root = rootOf(t);
    if (root !== null) {
      if (x.root !== null && x.root !== root) card.penalize('message', 0.4, REASON.MULTIPLE_ALERTS, 'more than one symbol');
      x.root ??= root;
      used[i] = 1;
      continue;
    }
    const frac = fractionAt(toks, i);
    if (frac !== null) {
      x.fraction = frac[0];
      for (let u = i; u < frac[1]; u++) used[u] = 1;
      i = frac[1] - 1;
      continue;
    }
    if (t.kind === WORD) readExtraWord(toks, i, used, x);
    else if (t.kind === NUM) readExtraNumber(toks, i, used, x);
  }
  return x;
}

function readExtraWord(toks: readonly Token[], i: number, used: Uint8Array, x: Extras): void {
  const t = toks[i] as Token;
  switch (t.kw) {
    case K.LONG: case K.SHORT: x.side ??= t.kw === K.LONG ? 'long' : 'short'; used[i] = 1; return;
    case K.ALL: case K.REST: x.fraction ??= ALL; used[i] = 1; return;
    case K.MARKET: case K.OF: case K.HIT: case K.OUT: case K.AT: case K.PROFIT: case K.POINTS: case K.TICKS:
    case K.STOPPED: case K.TN: case K.TARGET: case K.CONTRACTS: case K.X: case K.BREAKEVEN: case K.ENTRY:
      used[i] = 1;
  }
}

function readExtraNumber(toks: readonly Token[], i: number, used: Uint8Array, x: Extras): void {
  used[i] = 1; // an exit price or a P&L note: informative, never acted on
  const next = toks[i + 1];
  if ((isWord(next, K.CONTRACTS) || (isWord(next, K.X) && glued(next))) && intValue(toks[i]) > 0) {
    x.quantity = intValue(toks[i]);
    used[i + 1] = 1;
  }
}

export function emptyFutures(symbol: string, action: FuturesAlert['action']): FuturesAlert {
  return {
    kind: 'futures', action, symbol, side: null, entry: null, stop: null, targets: [], size: null,
    quantity: null, fraction: null, newStop: null, tags: [],
  };
}
