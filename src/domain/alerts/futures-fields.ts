import type { InstrumentSpec } from '../trading/instruments.js';
import type { OpenAnchor } from './futures.js';
import { K, TAG_OF, targetIndex } from './lexicon.js';
import { REASON } from './reasons.js';
import type { Scorecard } from './score.js';
import { NUM, PUNCT, WORD, type Token } from './tokenize.js';
import { glued, intValue, isNum, isPunct, isWord, rootOf, sizeLetter, skipConnectors } from './tokens.js';

/** What the labelled fields of an open alert say, before any checking. Prices in micros. */
export interface OpenFields {
  entry: number | null;
  market: boolean;
  stop: number | null;
  /** A stop given as a distance (`stop 10 pts`, `stop 8 ticks`): resolved against the entry. */
  stopDistance: { amount: number; unit: 'points' | 'ticks' } | null;
  targets: number[];
  size: 'A' | 'B' | 'C' | null;
  quantity: number | null;
  tags: string[];
}

const ENTRY_LABELS: readonly number[] = [K.AT, K.ENTRY, K.PRICE, K.FILLER];
/** `ES long again 4750`: words between the direction and the entry that say nothing about it. */
const ENTRY_ADVERBS: ReadonlySet<string> = new Set(['AGAIN', 'ALSO', 'TOO']);
const STOP_LABELS: readonly number[] = [K.LOSS, K.AT];
const TARGET_LABELS: readonly number[] = [K.AT];

/**
 * Read entry, stop, targets, size, quantity and tags after an open anchor, up to `end` (the
 * next alert in the same message, if any); marks what it used.
 */
export function readOpenFields(toks: readonly Token[], anchor: OpenAnchor, spec: InstrumentSpec | undefined,
  used: Uint8Array, card: Scorecard, end: number): OpenFields {
  const f: OpenFields = {
    entry: null, market: false, stop: null, stopDistance: null, targets: [], size: null, quantity: null, tags: [],
  };
  if (anchor.qtyIdx >= 0) setQuantity(f, intValue(toks[anchor.qtyIdx]), card, used, anchor.qtyIdx);
  for (let k = Math.min(anchor.sym, anchor.dir) + 1; k < Math.max(anchor.sym, anchor.dir); k++) {
    const t = toks[k] as Token;
    if (t.kw === K.TAG) { f.tags.push(TAG_OF.get(t.text) ?? t.text); used[k] = 1; }
  }
  const group = (toks[anchor.dir] as Token).quoted;
  let j = Math.max(anchor.sym, anchor.dir, anchor.qtyIdx) + 1;
  if (anchor.entryIdx >= 0) { // `ES 4750 long`: the entry came before the direction
    f.entry = (toks[anchor.entryIdx] as Token).micros;
    used[anchor.entryIdx] = 1;
  } else {
    j = readEntry(toks, j, spec, used, card, f);
  }
  const slotted: number[] = [];
  for (; j < end; j++) {
    const t = toks[j] as Token;
    if (used[j] === 1 || t.quoted !== group) continue;
    if (t.kind === WORD) readWordField(toks, j, used, card, f, slotted);
    else if (t.kind === NUM) readLooseNumber(toks, j, spec, used, card, f);
  }
  // Numbered targets (T1, T2) come first, in label order; an unnumbered list follows.
  const numbered: number[] = [];
  for (const s of slotted) if (s !== undefined) numbered.push(s);
  if (numbered.length > 0) f.targets = numbered.concat(f.targets);
  return f;
}

function readEntry(toks: readonly Token[], from: number, spec: InstrumentSpec | undefined, used: Uint8Array,
  card: Scorecard, f: OpenFields): number {
  let j = from;
  for (let steps = 0; steps < 8 && j < toks.length; steps++) {
    const t = toks[j] as Token;
    if (t.kind === PUNCT && ':-@=(/'.includes(t.text)) { used[j] = 1; j++; continue; }
    if (t.kind === WORD) {
      if (ENTRY_LABELS.includes(t.kw) || rootOf(t) !== null || ENTRY_ADVERBS.has(t.text)) { used[j] = 1; j++; continue; }
      if (t.kw === K.MARKET) { f.market = true; used[j] = 1; j++; continue; }
      if (isTimesWord(t.text)) { setQuantity(f, Number(t.text.slice(1)), card, used, j); j++; continue; }
      if (t.kw === K.TRIGGER || t.kw === K.BREAK) {
        card.penalize('entry', 0.5, REASON.CONDITIONAL, `entry only "${t.text.toLowerCase()}" a level: a conditional order`);
        used[j] = 1; j++; continue;
      }
      return j;
    }
    if (t.kind !== NUM || Number.isNaN(t.micros)) return j;
    const next = toks[j + 1];
    if (quantityMarkAfter(toks, j)) { setQuantity(f, intValue(t), card, used, j, j + 1); j += 2; continue; }
    const after = toks[skipConnectors(toks, j + 1, [])];
    if (intValue(t) > 0 && intValue(t) <= 100 && (spec === undefined || t.micros < spec.plausibleMin)
      && (isPunct(next, '@') || isNum(after))) {
      setQuantity(f, intValue(t), card, used, j);
      j++;
      continue;
    }
    f.entry = t.micros;
    used[j] = 1;
    if ((isPunct(next, '-') || isPunct(next, '/')) && isNum(toks[j + 2]) && glued(toks[j + 2])
      && rangeEnd(t, toks[j + 2] as Token)) {
      card.penalize('entry', 0.85, REASON.ENTRY_RANGE, 'an entry zone; the first price is used');
      used[j + 1] = 1; used[j + 2] = 1;
      return j + 3;
    }
    return j + 1;
  }
  return j;
}

/** `4750-4752` is a zone: the second number is a price of the same size, not a stop or a note. */
function rangeEnd(a: Token, b: Token): boolean {
  return b.micros >= a.micros * 0.98 && b.micros <= a.micros * 1.02;
}

function quantityMarkAfter(toks: readonly Token[], j: number): boolean {
  const next = toks[j + 1];
  return intValue(toks[j]) > 0 && ((isWord(next, K.X) && glued(next)) || isWord(next, K.CONTRACTS));
}

function setQuantity(f: OpenFields, qty: number, card: Scorecard, used: Uint8Array, ...idx: number[]): void {
  for (const i of idx) used[i] = 1;
  if (f.quantity !== null && f.quantity !== qty) {
    card.penalize('quantity', 0.5, REASON.QUANTITY_AMBIGUOUS, `two quantities: ${f.quantity} and ${qty}`);
    return;
  }
  f.quantity = qty;
}

function readWordField(toks: readonly Token[], j: number, used: Uint8Array, card: Scorecard, f: OpenFields,
  slotted: number[]): void {
  const t = toks[j] as Token;
  switch (t.kw) {
    case K.STOP: return readStop(toks, j, used, card, f);
    case K.TARGET: case K.TN: return readTargets(toks, j, used, card, f, slotted);
    case K.SIZE: {
      const k = skipConnectors(toks, j + 1, []);
      const letter = sizeLetter(toks[k]) ?? sizeLetter(toks[j - 1]);
      if (letter !== null) { setSize(f, letter, card); used[j] = 1; used[k] = 1; used[j - 1] = 1; }
      return;
    }
    case K.TAG: f.tags.push(TAG_OF.get(t.text) ?? t.text); used[j] = 1; return;
    case K.HIGH: return pairTag(toks, j, K.RISK, 'HIGH_RISK', used, f);
    case K.SMALL: return pairTag(toks, j, K.SIZE, 'SMALL_SIZE', used, f);
    case K.DAY: return pairTag(toks, j, K.TRADE, 'DAY_TRADE', used, f);
  }
  const letter = sizeLetter(t);
  if (letter !== null && sizeLetterInPlace(toks, j)) { setSize(f, letter, card); used[j] = 1; return; }
  if (isTimesWord(t.text)) setQuantity(f, Number(t.text.slice(1)), card, used, j);
}

/** `x2`, `X10`: a contract count written after an x. */
function isTimesWord(w: string): boolean {
  return w.length >= 2 && w.length <= 4 && w.charCodeAt(0) === 88 && /^X\d+$/.test(w);
}

/** `6326: A`, `(B)`, or a bare letter right after the entry at the end of its line. */
function sizeLetterInPlace(toks: readonly Token[], j: number): boolean {
  const prev = toks[j - 1], next = toks[j + 1];
  if (isPunct(prev, ':') || isPunct(prev, '(') || isPunct(prev, '-')) return true;
  if (!isNum(prev)) return false;
  return next === undefined || next.line !== (toks[j] as Token).line || next.kw === K.TAG || next.kw === K.STOP;
}

function setSize(f: OpenFields, letter: 'A' | 'B' | 'C', card: Scorecard): void {
  if (f.size !== null && f.size !== letter) {
    card.penalize('size', 0.5, REASON.CONFLICTING_VALUES, `two sizes: ${f.size} and ${letter}`);
    return;
  }
  f.size = letter;
}

function pairTag(toks: readonly Token[], j: number, second: number, tag: string, used: Uint8Array, f: OpenFields): void {
  let k = j + 1;
  if (isPunct(toks[k], '-')) k++;
  if (isWord(toks[k], second)) { f.tags.push(tag); used[j] = 1; used[k] = 1; }
}

function readStop(toks: readonly Token[], j: number, used: Uint8Array, card: Scorecard, f: OpenFields): void {
  const k = skipConnectors(toks, j + 1, STOP_LABELS);
  const n = toks[k];
  if (!isNum(n)) return;
  used[j] = 1;
  for (let u = j + 1; u <= k; u++) used[u] = 1;
  const unit = toks[k + 1];
  if (isWord(unit, K.POINTS) || isWord(unit, K.TICKS)) {
    used[k + 1] = 1;
    f.stopDistance = { amount: n.micros, unit: unit.kw === K.TICKS ? 'ticks' : 'points' };
    return;
  }
  if (f.stop !== null && f.stop !== n.micros) {
    card.penalize('stop', 0.5, REASON.CONFLICTING_VALUES, 'two different stops');
    return;
  }
  f.stop = n.micros;
}

function readTargets(toks: readonly Token[], j: number, used: Uint8Array, card: Scorecard, f: OpenFields,
  slotted: number[]): void {
  const index = (toks[j] as Token).kw === K.TN ? targetIndex((toks[j] as Token).text) : 0;
  let k = skipConnectors(toks, j + 1, TARGET_LABELS);
  if (!isNum(toks[k])) return;
  used[j] = 1;
  for (let u = j + 1; u < k; u++) used[u] = 1;
  if (index > 0) {
    const prior = slotted[index - 1];
    if (prior !== undefined && prior !== (toks[k] as Token).micros) {
      card.penalize('targets', 0.5, REASON.CONFLICTING_VALUES, `two values for T${index}`);
    } else slotted[index - 1] = (toks[k] as Token).micros;
    used[k] = 1;
    return;
  }
  for (;;) {
    f.targets.push((toks[k] as Token).micros);
    used[k] = 1;
    const sep = toks[k + 1];
    // `targets 4755 4760` (same line) or `4755, 4760` / `4755/4760` / `4755 and 4760`.
    if (isNum(sep) && sep.line === (toks[k] as Token).line) { k += 1; continue; }
    const isSep = isPunct(sep, ',') || isPunct(sep, '/') || isPunct(sep, '-') || isWord(sep, K.FILLER);
    if (!isSep || !isNum(toks[k + 2])) return;
    used[k + 1] = 1;
    k += 2;
  }
}

/** A number nobody labelled: a P&L note (`+5`, `10 pts`) is fine; a bare price is a doubt. */
function readLooseNumber(toks: readonly Token[], j: number, spec: InstrumentSpec | undefined, used: Uint8Array,
  card: Scorecard, f: OpenFields): void {
  const t = toks[j] as Token;
  const prev = toks[j - 1], next = toks[j + 1];
  if (Number.isNaN(t.micros)) return; // unreadable: left for the message check (INVALID_NUMBER)
  used[j] = 1;
  if (quantityMarkAfter(toks, j)) { setQuantity(f, intValue(t), card, used, j, j + 1); return; }
  if ((isPunct(prev, '+') || isPunct(prev, '-')) && glued(t)) return;
  if (isWord(next, K.POINTS) || isWord(next, K.TICKS) || isPunct(next, '%')) { used[j + 1] = 1; return; }
  if (spec !== undefined && t.micros >= spec.plausibleMin && t.micros <= spec.plausibleMax) {
    card.penalize('message', 0.7, REASON.UNLABELLED_NUMBER, `a price with no label: ${t.text}`);
  }
}
