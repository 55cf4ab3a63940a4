import { K, targetIndex } from './lexicon.js';
import { PUNCT, WORD, type Token } from './tokenize.js';
import { fractionAt, isWord, rootOf } from './tokens.js';
import type { Side } from './types.js';

/**
 * How a futures-channel message says a position is closed, in whole or in part: "ES out",
 * "stopped out", "flat", "T1 hit", "trim", "sold half ES", "taking half off", "reduce ES by half".
 * Each phrase is checked for who is speaking of what: "markets closed", "bonds flat" and "many
 * people stopped out" describe the world, not a trade.
 */
export const ALL = 1_000_000;

export interface Close {
  idx: number;
  /** Micros of one (500_000 = half). */
  fraction: number;
  /** The fraction is our reading of "trim" or "target hit", not the caller's words. */
  assumed: boolean;
  side: Side | null;
  tag: string | null;
}


const NOT_EXIT_BEFORE_OUT = new Set(['LOOK', 'WATCH', 'CHECK', 'FIND', 'FIGURE', 'WAY', 'WORK', 'WORKED', 'PLAY',
  'PLAYED', 'CAME', 'COMING', 'COME', 'SPREAD', 'SELL', 'SOLD', 'FREAK', 'FREAKING', 'MAX', 'MAXED', 'BREAK']);
const OUT_OF_OK = new Set(['IT', 'POSITION', 'THIS', 'THAT', 'TRADE', 'EVERYTHING']);
const NOT_EXIT_AROUND_CLOSE = new Set(['THE', 'DAILY', 'WEEKLY', 'HOURLY', 'BY', 'BEFORE', 'INTO', 'NEAR', 'TILL',
  'UNTIL', 'AFTER', 'CANDLE', 'VERY', 'SO', 'PRETTY', 'CALL', 'GAP', 'MARKET', 'MARKETS', 'IS', 'ARE', 'WAS', 'BE',
  'EXCHANGE', 'EXCHANGES', 'BANKS', 'SCHOOLS']);
const SUBJECT_CHECKED: ReadonlySet<number> = new Set([K.OUT, K.FLAT, K.EXIT, K.CLOSE, K.STOPPED, K.COVER, K.TRIM,
  K.SCALE, K.TAKE, K.SELL, K.SOLD, K.REDUCE]);
const FLAT_ADJECTIVE_BEFORE = new Set(['IS', 'ARE', 'WAS', 'LOOKS', 'LOOKING', 'TRADING', 'STAY', 'STAYING', 'PRETTY',
  'KINDA', 'MOSTLY', 'BASICALLY', 'SO', 'VERY', 'BEEN', "IT'S", 'ITS', 'PRICE', 'MARKET', 'CHOP', 'FAIRLY', 'STILL']);
const FLAT_ADJECTIVE_AFTER = new Set(['ON', 'DAY', 'TODAY', 'OPEN', 'OVERNIGHT', 'WEEK', 'SESSION', 'MORNING', 'LINE',
  'MARKET', 'PRICE', 'CANDLE', 'FOR']);

export function findClose(toks: readonly Token[], quotedPass: boolean, used: Uint8Array): Close | null {
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
  if ((SUBJECT_CHECKED.has(t.kw) || CUT.has(t.text)) && !lineStart && !subjectOk(prev)) return null;
  if (CUT.has(t.text)) return cutAt(toks, i);
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
      if (isWord(next, K.PROFIT) || isWord(toks[i + 2], K.PROFIT)) return close(i, ALL / 2, true);
      return takeOff(toks, i);
    // "Sold ES" may open a short; "sold half ES" can only close part of a position.
    case K.SELL: case K.SOLD: {
      const share = fractionAt(toks, i + 1);
      return share === null ? null : close(i, share[0], false);
    }
    case K.REDUCE: return reduceAt(toks, i);
  }
  return null;
}

/** Not in the lexicon: elsewhere "cut" stays an ordinary word ("rate cut" before an open is leading text). */
const CUT = new Set(['CUT', 'CUTTING', 'CUTS']);
const AFTER_CUT = new Set(['HERE', 'NOW', 'IT', 'THIS', 'POSITION', 'TRADE']);

/**
 * `ES cut`, `cut NQ`, `cutting ES here`, `cut it here`, `cut half ES`. Only next to a symbol, a
 * share or a word that points at the trade: "ES cut through 4750" is the market moving, and
 * "Powell: cut" is news, neither a close.
 */
function cutAt(toks: readonly Token[], i: number): Close | null {
  const prev = toks[i - 1], next = toks[i + 1];
  const share = fractionAt(toks, i + 1);
  if (share !== null) return close(i, share[0], false);
  if (rootOf(next) !== null || (isWord(next) && AFTER_CUT.has(next.text))) return close(i, ALL, false);
  const ends = next === undefined || next.kind === PUNCT || next.line !== (toks[i] as Token).line;
  return rootOf(prev) !== null && (ends || isWord(next, K.AT) || isWord(next, K.FOR)) ? close(i, ALL, false) : null;
}

/** `taking half off`, `took 1/3 off`, `take off half`, `taking some off` (half assumed), `took ES off`. */
function takeOff(toks: readonly Token[], i: number): Close | null {
  if (rootOf(toks[i + 1]) !== null && isWord(toks[i + 2]) && (toks[i + 2] as Token).text === 'OFF') return close(i, ALL, false);
  const share = fractionAt(toks, i + 1);
  if (share !== null) return isWord(toks[share[1]]) && (toks[share[1]] as Token).text === 'OFF' ? close(i, share[0], false) : null;
  const next = toks[i + 1];
  if (!isWord(next)) return null;
  if (next.text === 'OFF') {
    const after = fractionAt(toks, i + 2);
    return after === null ? null : close(i, after[0], false);
  }
  return next.text === 'SOME' && isWord(toks[i + 2]) && (toks[i + 2] as Token).text === 'OFF' ? close(i, ALL / 2, true) : null;
}

/**
 * `reduce ES by half`, `ES reducing by 1/3`, `reducing ES here`: a partial close, half when no
 * share is said. Only next to a symbol or a `by` share: "reduce size on FOMC days" is advice, and
 * `reduce to 1/4` says what is kept (not read rather than misread).
 */
function reduceAt(toks: readonly Token[], i: number): Close | null {
  let k = i + 1;
  const nearSymbol = rootOf(toks[i - 1]) !== null || rootOf(toks[k]) !== null;
  if (rootOf(toks[k]) !== null) k++;
  const by = toks[k];
  if (isWord(by) && by.text === 'BY') {
    const share = fractionAt(toks, k + 1);
    return share === null ? null : close(i, share[0], false);
  }
  if (isWord(by, K.TO)) return null;
  return nearSymbol ? close(i, ALL / 2, true) : null;
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
