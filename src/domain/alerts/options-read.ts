import { K, MONTH_OF, TAG_OF } from './lexicon.js';
import type { ExpirySpec } from './options-expiry.js';
import { REASON } from './reasons.js';
import type { Scorecard } from './score.js';
import { NUM, WORD, type Token } from './tokenize.js';
import { fractionAt, glued, intValue, isNum, isPerformance, isPunct, isWord, slashPairAt, tickerLike } from './tokens.js';

/** The verb of an options alert and what it means. */
export interface Verb {
  idx: number;
  /** Index after the verb phrase (`BUY TO OPEN` is three tokens). */
  end: number;
  action: 'open' | 'close';
  side: 'long' | 'short';
  /** "trim", "scale out", "take profits": a partial close of unstated size. */
  partial: boolean;
}

/** What an options alert says, before checking. Prices in micros. */
export interface OptionFields {
  underlying: string | null;
  underlyingIdx: number;
  strike: number | null;
  right: 'call' | 'put' | null;
  /** Strike+right pairs seen: more than one is a spread or two alerts. */
  contracts: number;
  expiry: ExpirySpec | null;
  price: number | null;
  quantity: number | null;
  fraction: number | null;
  tags: string[];
  /** Bare numbers nobody claimed, kept to pair with a lone `calls`/`puts`. */
  loose: number[];
}

const PRICE_LABELS: readonly number[] = [K.AT, K.FOR, K.PRICE];
const FRACTION_CONTEXT = new Set(['OFF', 'POSITION', 'SIZE', 'OF', 'MY', 'THE']);

/**
 * Read every contract field in the anchor's quote group, in one pass. Quantity comes only from
 * its own places — `BTO 3 SPY`, `5x`, `x5`, `3 contracts`, `qty 3`, `2 of 3` — never from a
 * date or a strike.
 */
export class OptionReader {
  // Fields are assigned in the constructor, not declared with initialisers: Node 20's V8 defines
  // class fields one by one (slow on a hot path); `declare` keeps TypeScript from emitting them.
  declare readonly f: OptionFields;
  declare private beforeVerb: number;
  /** Set by a reader that looked at a token but did not claim it (extra text, a loose number). */
  declare private declined: boolean;
  /** Token index of a relative expiry (`tomorrow`, `weekly`) a written date may replace, or -1. */
  declare private relativeAt: number;
  declare private readonly toks: readonly Token[];
  declare private readonly verb: Verb;
  declare private readonly used: Uint8Array;
  declare private readonly card: Scorecard;
  /** Where the next trade verb starts (a second alert in the message), else the end. */
  declare private readonly end: number;

  constructor(toks: readonly Token[], verb: Verb, used: Uint8Array, card: Scorecard, end: number) {
    this.f = {
      underlying: null, underlyingIdx: -1, strike: null, right: null, contracts: 0, expiry: null, price: null,
      quantity: null, fraction: null, tags: [], loose: [],
    };
    this.beforeVerb = -1;
    this.declined = false;
    this.relativeAt = -1;
    this.toks = toks;
    this.verb = verb;
    this.used = used;
    this.card = card;
    this.end = end;
  }

  read(): OptionFields {
    const { toks, used } = this;
    const group = (toks[this.verb.idx] as Token).quoted;
    for (let i = this.verb.idx; i < this.verb.end; i++) used[i] = 1;
    for (let i = 0; i < this.end; i++) {
      const t = toks[i] as Token;
      if (used[i] === 1 || t.quoted !== group) continue;
      if (t.kind !== NUM && t.kind !== WORD) continue;
      this.declined = false;
      const next = t.kind === NUM ? this.number(i) : this.word(i);
      if (!this.declined) for (let u = i; u < next; u++) used[u] = 1;
      i = next - 1;
    }
    if (this.f.underlying === null && this.beforeVerb >= 0) this.setUnderlying(this.beforeVerb);
    if (this.f.strike === null && this.f.right !== null && this.f.loose.length === 1) {
      this.f.strike = this.f.loose[0] as number;
      this.f.contracts = 1;
    }
    return this.f;
  }

  /** Returns the index after what it consumed; unconsumed numbers are "loose" and unused. */
  private number(i: number): number {
    const { toks } = this;
    const t = toks[i] as Token, next = toks[i + 1], prev = toks[i - 1];
    if (Number.isNaN(t.micros)) { this.declined = true; return i + 1; } // left for the message check (INVALID_NUMBER)
    if (isWord(next, K.CALL) || isWord(next, K.PUT)) return this.strike(t, next, i + 2);
    const legs = strikePairAt(toks, i);
    // `470/465P`, `480-485C`: a spread. Its first leg is the best parse; MULTI_LEG sends it to review.
    if (legs > 0) return this.strike(t, toks[i + 3] as Token, legs);
    const slash = slashPairAt(toks, i);
    if (slash > 0) return this.slashPair(i, slash);
    if (isPunct(next, '-') && glued(next) && isNum(toks[i + 2]) && isPunct(toks[i + 3], '-') && isNum(toks[i + 4])) {
      return this.setExpiry({ kind: 'date', y: intValue(t), m: intValue(toks[i + 2]), d: intValue(toks[i + 4]) }, i + 5);
    }
    if (isWord(next, K.DTE) && intValue(t) >= 0) return this.setExpiry({ kind: 'dte', days: intValue(t) }, i + 2);
    if (isPunct(next, '%') && glued(next)) {
      // `+30%`, `up 30%`: how the trade did, not how much of it to sell.
      if (isPerformance(toks, i)) return i + 2;
      return this.setFraction(Math.round(t.micros / 100), i + 2);
    }
    if (intValue(t) > 0 && ((isWord(next, K.X) && glued(next)) || isWord(next, K.CONTRACTS))) {
      return this.setQuantity(intValue(t), i + 2);
    }
    if (isWord(next, K.OF) && intValue(t) > 0 && intValue(toks[i + 2]) >= intValue(t)) {
      this.setFraction(Math.round((intValue(t) * 1_000_000) / intValue(toks[i + 2])), i);
      return this.setQuantity(intValue(t), i + 3);
    }
    if (isWord(next) && MONTH_OF.has(next.text) && intValue(t) >= 1 && intValue(t) <= 31) {
      return this.monthDay(MONTH_OF.get(next.text) as number, intValue(t), i + 2);
    }
    if (t.dollar || isPunct(prev, '@') || (isWord(prev) && PRICE_LABELS.includes(prev.kw))) return this.setPrice(t, i + 1);
    if (i === this.verb.end && intValue(t) > 0 && tickerLike(next, 6)) return this.setQuantity(intValue(t), i + 1);
    this.f.loose.push(t.micros);
    this.declined = true;
    return i + 1;
  }

  private word(i: number): number {
    const t = this.toks[i] as Token, next = this.toks[i + 1];
    switch (t.kw) {
      case K.CALL: case K.PUT:
        if (this.f.right === null) this.f.right = t.kw === K.CALL ? 'call' : 'put';
        return i + 1;
      case K.MONTH: {
        const day = intValue(next);
        if (day >= 1 && day <= 31) return this.monthDay(MONTH_OF.get(t.text) as number, day, i + 2);
        this.declined = true;
        return i + 1;
      }
      case K.WEEKLY: return this.setRelative({ kind: 'weekly', weeksAhead: 0 }, i, i + 1);
      case K.MONTHLY: return this.setRelative({ kind: 'monthly' }, i, i + 1);
      case K.TODAY: return this.setRelative({ kind: 'dte', days: 0 }, i, i + 1);
      case K.TOMORROW: return this.setRelative({ kind: 'dte', days: 1 }, i, i + 1);
      case K.THIS: case K.NEXT: return this.relativeWeek(i);
      case K.FRIDAY: return this.setRelative({ kind: 'weekly', weeksAhead: 0 }, i, i + 1);
      case K.EXP: return i + 1;
      case K.HALF: case K.QUARTER: return this.setFraction((fractionAt(this.toks, i) as [number, number])[0], i + 1);
      case K.ALL: case K.REST: return this.verb.action === 'close' ? this.setFraction(1_000_000, i + 1) : i + 1;
      case K.QTY: return intValue(this.toks[i + 1]) > 0 ? this.setQuantity(intValue(this.toks[i + 1]), i + 2) : i + 1;
      case K.STOP: case K.TARGET: case K.TN: return isNum(next) ? i + 2 : i + 1;
      case K.TAG: this.f.tags.push(TAG_OF.get(t.text) ?? t.text); return i + 1;
      case K.HIGH: return this.pairTag(i, K.RISK, 'HIGH_RISK');
      case K.DAY: return this.pairTag(i, K.TRADE, 'DAY_TRADE');
      case K.SMALL: return this.pairTag(i, K.SIZE, 'SMALL_SIZE');
    }
    if (/^X\d{1,4}$/.test(t.text)) return this.setQuantity(Number(t.text.slice(1)), i + 1);
    const glued = monthDayWord(t.text);
    if (glued !== null) return this.monthDay(glued[0], glued[1], i + 1);
    if (tickerLike(t, 6)) {
      if (i > this.verb.idx && this.f.underlying === null) { this.setUnderlying(i); return i + 1; }
      if (i < this.verb.idx) this.beforeVerb = i;
    }
    this.declined = true;
    return i + 1;
  }

  private setUnderlying(i: number): void {
    this.f.underlying = (this.toks[i] as Token).text;
    this.f.underlyingIdx = i;
    this.used[i] = 1;
  }

  private strike(t: Token, right: Token, end: number): number {
    this.f.contracts++;
    if (this.f.strike === null) {
      this.f.strike = t.micros;
      this.f.right = right.kw === K.CALL ? 'call' : 'put';
    }
    return end;
  }

  /** `1/31`, `01/31/25`, `1/31/2025` — or a fraction `1/2` when it sits where a size goes. */
  private slashPair(i: number, end: number): number {
    const { toks } = this;
    const frac = fractionAt(toks, i);
    const after = toks[end];
    const sizeSpot = i === this.verb.end || this.f.expiry !== null
      || (isWord(after) && FRACTION_CONTEXT.has(after.text));
    if (frac !== null && this.verb.action === 'close' && sizeSpot) return this.setFraction(frac[0], end);
    const m = intValue(toks[i]), d = intValue(toks[i + 2]);
    if (isPunct(after, '/') && glued(after) && isNum(toks[end + 1]) && glued(toks[end + 1])) {
      return this.setExpiry({ kind: 'date', m, d, y: intValue(toks[end + 1]) }, end + 2);
    }
    return this.setExpiry({ kind: 'date', m, d, y: null }, end);
  }

  private monthDay(m: number, d: number, end: number): number {
    const { toks } = this;
    let k = end;
    if (isWord(toks[k]) && glued(toks[k]) && /^(ST|ND|RD|TH)$/.test((toks[k] as Token).text)) k++;
    const comma = isPunct(toks[k], ',') ? 1 : 0;
    const y = intValue(toks[k + comma]);
    if (y >= 2000 && y <= 2100) return this.setExpiry({ kind: 'date', m, d, y }, k + comma + 1);
    return this.setExpiry({ kind: 'date', m, d, y: null }, k);
  }

  private relativeWeek(i: number): number {
    const next = this.toks[i + 1];
    const ahead = (this.toks[i] as Token).kw === K.NEXT ? 1 : 0;
    if (isWord(next, K.WEEK) || isWord(next, K.FRIDAY) || isWord(next, K.WEEKLY)) {
      return this.setRelative({ kind: 'weekly', weeksAhead: ahead }, i, i + 2);
    }
    this.declined = true;
    return i + 1;
  }

  /** An explicit expiry (`1/31`, `Jan 31`, `0DTE`); two different ones are a conflict. */
  private setExpiry(spec: ExpirySpec, end: number): number {
    if (this.f.expiry === null || this.relativeAt >= 0) {
      // A written date wins over `tomorrow`/`weekly`, which goes back to the message checks.
      if (this.relativeAt >= 0) this.used[this.relativeAt] = 0;
      this.f.expiry = spec;
      this.relativeAt = -1;
    } else if (!sameExpiry(this.f.expiry, spec)) {
      this.card.penalize('expiry', 0.4, REASON.CONFLICTING_VALUES, 'two different expiries');
    }
    return end;
  }

  /** "weekly", "today", "next Friday": used only when no explicit date is given ("adding more today"). */
  private setRelative(spec: ExpirySpec, from: number, end: number): number {
    if (this.f.expiry === null) {
      this.f.expiry = spec;
      this.relativeAt = from;
    } else {
      this.declined = true; // `1/31 … tomorrow at open`: not the expiry; left for the message checks
    }
    return end;
  }

  private setPrice(t: Token, end: number): number {
    if (this.f.price === null) this.f.price = t.micros;
    else if (this.f.price !== t.micros) this.card.penalize('price', 0.6, REASON.CONFLICTING_VALUES, 'two different prices');
    return end;
  }

  private setQuantity(qty: number, end: number): number {
    if (this.f.quantity === null) this.f.quantity = qty;
    else if (this.f.quantity !== qty) {
      this.card.penalize('quantity', 0.5, REASON.QUANTITY_AMBIGUOUS, `two quantities: ${this.f.quantity} and ${qty}`);
    }
    return end;
  }

  private setFraction(micros: number, end: number): number {
    if (this.f.fraction === null) this.f.fraction = micros;
    return end;
  }

  private pairTag(i: number, second: number, tag: string): number {
    let k = i + 1;
    if (isPunct(this.toks[k], '-')) k++;
    if (!isWord(this.toks[k], second)) { this.declined = true; return i + 1; }
    this.f.tags.push(tag);
    return k + 1;
  }
}

/** `480/485C`, `470-465P` at i: two strikes glued to one right; the index after, or -1. */
export function strikePairAt(toks: readonly Token[], i: number): number {
  const sep = toks[i + 1], b = toks[i + 2], right = toks[i + 3];
  if ((isPunct(sep, '/') || isPunct(sep, '-')) && glued(sep) && isNum(b) && glued(b)
    && (isWord(right, K.CALL) || isWord(right, K.PUT)) && glued(right)) return i + 4;
  return -1;
}

/** `JAN31`, `Jan31st` written as one word. */
function monthDayWord(w: string): [number, number] | null {
  if (w.length < 4 || w.length > 13) return null;
  let k = 0;
  while (k < w.length && w.charCodeAt(k) >= 65) k++;
  const m = MONTH_OF.get(w.slice(0, k));
  if (m === undefined) return null;
  const rest = w.slice(k).replace(/(ST|ND|RD|TH)$/, '');
  if (!/^\d{1,2}$/.test(rest)) return null;
  const d = Number(rest);
  return d >= 1 && d <= 31 ? [m, d] : null;
}

function sameExpiry(a: ExpirySpec, b: ExpirySpec): boolean {
  if (a.kind === 'date' && b.kind === 'date') return a.m === b.m && a.d === b.d && (a.y === b.y || a.y === null || b.y === null);
  if (a.kind === 'dte' && b.kind === 'dte') return a.days === b.days;
  return a.kind === b.kind;
}
