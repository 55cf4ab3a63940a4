import { FUTURES, type InstrumentSpec } from '../trading/instruments.js';
import type { ParseContext } from './context.js';
import { readOpenFields, type OpenFields } from './futures-fields.js';
import { checkOpen } from './futures-checks.js';
import { parseFuturesExit } from './futures-exit.js';
import { K } from './lexicon.js';
import { scoreMessage } from './message.js';
import { REASON, reason } from './reasons.js';
import { failure, fieldSet, Scorecard } from './score.js';
import { WORD, type Token } from './tokenize.js';
import {
  intValue, isDirection, isNum, isPunct, isWord, quotePasses, rootOf, skipConnectors, tickerLike,
} from './tokens.js';
import type { ParseResult, Side } from './types.js';

/**
 * Futures channel grammar: `ES LONG 4750 STOP 4745 T1 4755 T2 4760`, the JMoney form
 * `🚨 ES long 6326: A / Stop: 6316`, `LONG 2 NQ @ 16250.5`, `ES 4750 long` (a plausible price between
 * symbol and direction), and exits and stop moves
 * (see futures-exit.ts). An open hangs on a symbol next to a direction word.
 */
export interface OpenAnchor {
  sym: number;
  dir: number;
  root: string | null;
  symbolText: string;
  /** `BUY 2 ES`: the quantity between direction and symbol. */
  qtyIdx: number;
  /** `ES 4750 LONG`: the entry between symbol and direction. */
  entryIdx: number;
}

export function parseFutures(toks: readonly Token[], ctx: ParseContext): ParseResult {
  let firstFailure: ParseResult | null = null;
  for (const quotedPass of quotePasses(toks)) {
    const anchors = findOpenAnchors(toks, quotedPass);
    if (anchors.length > 0) {
      const open = parseOpen(toks, anchors, ctx);
      if (open.ok) return open;
      firstFailure ??= open;
    }
    const exit = parseFuturesExit(toks, ctx, quotedPass);
    if (exit !== null) return exit;
  }
  return firstFailure ?? failure([reason(REASON.NOT_AN_ALERT, 'no symbol with a direction, exit or stop move')]);
}

function findOpenAnchors(toks: readonly Token[], quotedPass: boolean): OpenAnchor[] {
  const out: OpenAnchor[] = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i] as Token;
    if (t.quoted !== quotedPass || t.kind !== WORD || !isDirection(t.kw)) continue;
    const a = anchorAround(toks, i);
    if (a !== null && !out.some((o) => o.sym === a.sym)) out.push(a);
  }
  return out;
}

function anchorAround(toks: readonly Token[], dir: number): OpenAnchor | null {
  let p = dir - 1;
  if (isPunct(toks[p], ':') || isPunct(toks[p], '-') || isWord(toks[p], K.TAG)) p--; // `ES scalp long`
  const before = toks[p];
  let root = rootOf(before);
  if (root !== null) return { sym: p, dir, root, symbolText: (before as Token).text, qtyIdx: -1, entryIdx: -1 };
  const pricedRoot = pricedRootBefore(toks, p);
  if (pricedRoot !== null) {
    return { sym: p - 1, dir, root: pricedRoot, symbolText: (toks[p - 1] as Token).text, qtyIdx: -1, entryIdx: p };
  }
  let n = dir + 1;
  if (isPunct(toks[n], '/') || isPunct(toks[n], ':') || isPunct(toks[n], '-')) n++;
  let qtyIdx = -1;
  if (isNum(toks[n]) && intValue(toks[n]) > 0 && intValue(toks[n]) <= 500) {
    qtyIdx = n;
    n = skipConnectors(toks, n + 1, [K.CONTRACTS, K.X]);
    if (isPunct(toks[n], '/')) n++;
  }
  const after = toks[n];
  root = rootOf(after);
  if (root !== null) return { sym: n, dir, root, symbolText: (after as Token).text, qtyIdx, entryIdx: -1 };
  // An unlisted symbol counts only when a price follows: `ZN LONG 110.5 STOP 109`.
  if (tickerLike(before, 6) && pricedAt(toks, dir + 1)) {
    return { sym: p, dir, root: null, symbolText: (before as Token).text, qtyIdx: -1, entryIdx: -1 };
  }
  if (qtyIdx < 0 && tickerLike(after, 6) && pricedAt(toks, n + 1)) {
    return { sym: n, dir, root: null, symbolText: (after as Token).text, qtyIdx: -1, entryIdx: -1 };
  }
  return null;
}

/**
 * `ES 4750 long`: the root of a listed symbol followed by a price it can trade at (at `p`, just
 * before the direction), or null. Only a plausible price counts: `ES 2 long` is not an entry.
 */
function pricedRootBefore(toks: readonly Token[], p: number): string | null {
  const price = toks[p];
  if (!isNum(price) || !price.spaced) return null;
  const root = rootOf(toks[p - 1]);
  const spec = root === null ? undefined : FUTURES[root];
  return spec !== undefined && price.micros >= spec.plausibleMin && price.micros <= spec.plausibleMax ? root : null;
}

const PRICE_LABELS: readonly number[] = [K.AT, K.ENTRY];
function pricedAt(toks: readonly Token[], i: number): boolean {
  return isNum(toks[skipConnectors(toks, i, PRICE_LABELS)]);
}

const FIELDS = fieldSet(() => ({ symbol: 1, side: 1, entry: 1, stop: 1, targets: 1, size: 1, quantity: 1, message: 1 }));

function parseOpen(toks: readonly Token[], anchors: OpenAnchor[], ctx: ParseContext): ParseResult {
  const anchor = anchors[0] as OpenAnchor;
  const card = new Scorecard(FIELDS);
  const used = new Uint8Array(toks.length);
  used[anchor.sym] = 1;
  used[anchor.dir] = 1;
  const dirKw = (toks[anchor.dir] as Token).kw;
  const side: Side = dirKw === K.SHORT || dirKw === K.SELL || dirKw === K.SOLD ? 'short' : 'long';
  if (dirKw === K.SOLD) card.penalize('side', 0.5, REASON.ACTION_AMBIGUOUS, '"sold" may open a short or close a long');
  const spec: InstrumentSpec | undefined = anchor.root === null ? undefined : FUTURES[anchor.root];
  const next = anchors[1];
  const end = next === undefined ? toks.length : Math.min(next.sym, next.dir);
  const f: OpenFields = readOpenFields(toks, anchor, spec, used, card, end);
  if (f.entry === null && !f.market && f.stop === null) {
    return failure([
      reason(REASON.NOT_AN_ALERT, 'a symbol and a direction, but no entry, stop or "here"'),
      reason(REASON.MISSING_ENTRY, 'no entry price', 'entry'),
      reason(REASON.MISSING_STOP, 'no stop', 'stop'),
    ], 2, 4);
  }
  if (anchors.length > 1) card.penalize('message', 0.4, REASON.MULTIPLE_ALERTS, `${anchors.length} alerts in one message`);
  const alert = checkOpen(f, side, anchor, spec, card, ctx);
  scoreMessage({ toks, anchor: Math.min(anchor.sym, anchor.dir), used, mode: 'open' }, card);
  return card.ok(alert);
}
