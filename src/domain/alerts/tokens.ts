import { FUTURES, futuresRoot } from '../trading/instruments.js';
import { K, NOT_A_TICKER } from './lexicon.js';
import { NUM, PUNCT, WORD, type Token } from './tokenize.js';

/** Small helpers over a token list, shared by the grammars. */

/**
 * What a successful check narrows to. Branded so that a failed check narrows nothing
 * (a plain `t is Token` would make TypeScript conclude `undefined` in the else branch).
 */
export type Checked = Token & { readonly __checked: true };

export function isWord(t: Token | undefined, kw?: number): t is Checked {
  return t !== undefined && t.kind === WORD && (kw === undefined || t.kw === kw);
}

export function isNum(t: Token | undefined): t is Checked {
  return t !== undefined && t.kind === NUM && !Number.isNaN(t.micros);
}

export function isPunct(t: Token | undefined, mark?: string): t is Checked {
  return t !== undefined && t.kind === PUNCT && (mark === undefined || t.text === mark);
}

/** Joined to the previous token with no space (`480C`, `1/31`, `50%`). */
export function glued(t: Token | undefined): t is Checked {
  return t !== undefined && !t.spaced;
}

/** A whole number as written (no decimal point), or -1. */
export function intValue(t: Token | undefined): number {
  if (!isNum(t) || t.decimals >= 0) return -1;
  return t.micros / 1_000_000;
}

export function isDirection(kw: number): boolean {
  return kw === K.LONG || kw === K.SHORT || kw === K.BUY || kw === K.SELL || kw === K.BOUGHT || kw === K.SOLD;
}

/** The futures root a word names (`ES`, `ES1!`, `CME_MINI:ES1!`, `ESZ2026`, `MESH5`), or null. */
export function rootOf(t: Token | undefined): string | null {
  if (t === undefined || t.kind !== WORD) return null;
  return symbolRoot(t.text);
}

/**
 * futuresRoot for an upper-case symbol, with the common spellings read without regexes:
 * a root, a continuous contract (`ES1!`, `CME_MINI:ES1!`). Dated contracts go the long way.
 */
export function symbolRoot(w: string): string | null {
  if (FUTURES[w] !== undefined) return w;
  if (w.length < 3 || w.length > 24) return null;
  const last = w.charCodeAt(w.length - 1);
  const colon = w.lastIndexOf(':');
  if (last === 33 /* ! */) {
    let end = w.length - 1;
    while (end > colon + 1 && w.charCodeAt(end - 1) >= 48 && w.charCodeAt(end - 1) <= 57) end--;
    const root = w.slice(colon + 1, end);
    return FUTURES[root] !== undefined ? root : null;
  }
  if (!(last >= 48 && last <= 57) && colon < 0) return null;
  return futuresRoot(w);
}

/** A word that could be a ticker nobody listed (`ZN`, `CL`, `EURUSD`): short, not a known word. */
export function tickerLike(t: Token | undefined, maxLen: number): boolean {
  if (t === undefined || t.kind !== WORD || t.kw !== K.NONE) return false;
  const w = t.text;
  if (w.length < 1 || w.length > maxLen || NOT_A_TICKER.has(w)) return false;
  const c0 = w.charCodeAt(0);
  if (c0 < 65 || c0 > 90) return false;
  for (let i = 1; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (!((c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 33)) return false;
  }
  return true;
}

export function sizeLetter(t: Token | undefined): 'A' | 'B' | 'C' | null {
  if (t === undefined || t.kind !== WORD || t.text.length !== 1) return null;
  const w = t.text;
  return w === 'A' || w === 'B' || w === 'C' ? w : null;
}

/** `N/M` glued, returning the index after it, or -1. */
export function slashPairAt(toks: readonly Token[], i: number): number {
  const a = toks[i], s = toks[i + 1], b = toks[i + 2];
  if (isNum(a) && isPunct(s, '/') && glued(s) && isNum(b) && glued(b)) return i + 3;
  return -1;
}

/** A fraction word or mark at i: `half`, `50%`, `1/2`, `3/4`. Returns [micros, next index] or null. */
export function fractionAt(toks: readonly Token[], i: number): [number, number] | null {
  const t = toks[i];
  if (isWord(t, K.HALF)) return [500_000, i + 1];
  if (isWord(t, K.QUARTER)) return [250_000, i + 1];
  if (isNum(t) && isPunct(toks[i + 1], '%') && glued(toks[i + 1])) {
    return isPerformance(toks, i) ? null : [Math.round(t.micros / 100), i + 2];
  }
  const end = slashPairAt(toks, i);
  if (end > 0) {
    const num = intValue(toks[i]), den = intValue(toks[i + 2]);
    if (num >= 1 && den >= 2 && den <= 4 && num < den) return [Math.round((num * 1_000_000) / den), end];
  }
  return null;
}

const PERFORMANCE_WORDS = new Set(['UP', 'DOWN', 'GAIN', 'GAINS', 'LOSS', 'ROI', 'RETURN', 'PROFIT', 'PROFITS', 'GREEN', 'RED']);

/** `+30%`, `-12%`, `up 30%`: how a trade did, not how much of it to sell. */
export function isPerformance(toks: readonly Token[], i: number): boolean {
  const prev = toks[i - 1];
  if ((isPunct(prev, '+') || isPunct(prev, '-')) && glued(toks[i])) return true;
  return isWord(prev) && PERFORMANCE_WORDS.has(prev.text);
}

/** Skip `: - = @ (` and the given keywords from i; returns the first other index. */
export function skipConnectors(toks: readonly Token[], i: number, kws: readonly number[]): number {
  let j = i;
  for (;;) {
    const t = toks[j];
    if (t === undefined) return j;
    if (t.kind === PUNCT && (t.text === ':' || t.text === '-' || t.text === '=' || t.text === '@' || t.text === '(')) {
      j++;
      continue;
    }
    if (t.kind === WORD && kws.includes(t.kw)) { j++; continue; }
    return j;
  }
}

const UNQUOTED_ONLY: readonly boolean[] = [false];
const BOTH: readonly boolean[] = [false, true];

/** The quote groups to search for an anchor: unquoted text first; quoted text only if there is any. */
export function quotePasses(toks: readonly Token[]): readonly boolean[] {
  for (const t of toks) if (t.quoted) return BOTH;
  return UNQUOTED_ONLY;
}
