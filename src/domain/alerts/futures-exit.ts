import { FUTURES } from '../trading/instruments.js';
import type { ParseContext } from './context.js';
import { ALL, findClose, type Close } from './futures-close.js';
import { K } from './lexicon.js';
import { scoreMessage } from './message.js';
import { checkBand, formatPrice, snapPrice } from './prices.js';
import { REASON } from './reasons.js';
import { fieldSet, Scorecard } from './score.js';
import { NUM, PUNCT, WORD, type Token } from './tokenize.js';
import { fractionAt, glued, intValue, isNum, isPunct, isWord, rootOf } from './tokens.js';
import type { FuturesAlert, ParseResult, Side } from './types.js';

/**
 * Exits and stop moves on the open position: a close (futures-close.ts: "ES out", "T1 hit",
 * "sold half ES", …) says how much (`fraction`, 1 = all); an adjust ("move stop to 4752",
 * "stop moved to 4752", "stop to breakeven") says the new stop. With no symbol they apply to
 * the channel's open position (SYMBOL_IMPLIED).
 */
interface Adjust {
  idx: number;
  newStop: number | 'breakeven';
}

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

/**
 * `stop to 4752`, `move stop to BE`, `SL: 4752`, `stops to entry`, `new stop 4752`, and with the
 * symbol inside the phrase: `move ES stop to 4755`, `stop ES at BE`, `tighten stop ES 4755`,
 * `stop on NQ to 16200`.
 */
function findAdjust(toks: readonly Token[], quotedPass: boolean, used: Uint8Array): Adjust | null {
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i] as Token;
    if (t.quoted !== quotedPass || t.kw !== K.STOP) continue;
    const moveIdx = isWord(toks[i - 1], K.MOVE) ? i - 1
      : isWord(toks[i - 2], K.MOVE) && (STOP_CONNECTORS.has((toks[i - 1] as Token).text) || rootOf(toks[i - 1]) !== null) ? i - 2 : -1;
    const moved = moveIdx >= 0;
    const sym = symbolAfterStop(toks, i + 1);
    const from = sym < 0 ? i + 1 : sym + 1;
    let k = from;
    while (k < toks.length) {
      const c = toks[k] as Token;
      // No `=`: `sl=10` is a bridge's key=value order field, not a stop move in chat.
      // `stop moved to 4752`, `stops raised to 4760`: the move word may follow the stop.
      const connector = c.kind === PUNCT ? ':@->'.includes(c.text)
        : c.kw === K.TO || c.kw === K.AT || (c.kw === K.MARKET && c.text === 'NOW') || STOP_CONNECTORS.has(c.text)
          || (c.kw === K.MOVE && c.text !== 'NEW' && k === i + 1);
      if (!connector) break;
      k++;
    }
    const value = stopValue(toks, k);
    // `stop ES 4755` alone, with no move word or connector, may be an order rather than a move.
    if (value === null || !(moved || k > from || value.newStop === 'breakeven')) continue;
    for (let u = moved ? moveIdx : i; u < value.end; u++) used[u] = 1;
    // The symbol is read with the rest (readExtras), not swallowed by the phrase.
    if (sym >= 0) used[sym] = 0;
    if (moveIdx === i - 2 && rootOf(toks[i - 1]) !== null) used[i - 1] = 0;
    return { idx: i, newStop: value.newStop };
  }
  return null;
}

/** Index of the listed symbol in `stop ES …` or `stop on ES …` starting at k, or -1. */
function symbolAfterStop(toks: readonly Token[], k: number): number {
  if (rootOf(toks[k]) !== null) return k;
  const on = toks[k];
  if (isWord(on) && (on.text === 'ON' || on.kw === K.FOR) && rootOf(toks[k + 1]) !== null) return k + 1;
  return -1;
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
