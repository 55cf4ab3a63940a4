import { K, KEYWORDS, type Kw } from './lexicon.js';

/**
 * One pass over a chat message into words, numbers and the few punctuation marks that carry
 * meaning (`@ : / - % , ( ) ? + = $`). Formatting noise never becomes a token: whitespace,
 * emojis, Discord mentions (`<@123>`, `<@&123>`, `<#123>`, `@here`, `@everyone`, `@name`),
 * custom emojis (`<:name:id>`), timestamps (`<t:…>`) and markdown marks. What noise does
 * change is kept as flags: a `>` quote line, text inside quotation marks, `~~struck~~` text.
 * Case is folded: every word is upper case.
 */
export const WORD = 1;
export const NUM = 2;
export const PUNCT = 3;

export interface Token {
  kind: number;
  /** WORD: the upper-cased word; NUM: the digits as written (no thousands commas); PUNCT: the mark. */
  text: string;
  /** NUM: exact value in micros (price × 1e6); NaN when not exact to 6 decimals. */
  micros: number;
  /** NUM: digits after the decimal point, -1 when there is no point. */
  decimals: number;
  /** Separated from the previous token by whitespace or noise (false: glued, as in `480C`, `1/31`). */
  spaced: boolean;
  line: number;
  /** On a `>` quote line or inside quotation marks. */
  quoted: boolean;
  struck: boolean;
  /** Written with a `$` in front (`$SPY`, `$2.50`). */
  dollar: boolean;
  kw: Kw;
}

const C_OTHER = 0, C_SPACE = 1, C_LETTER = 2, C_DIGIT = 3, C_MARK = 4, C_NOISE = 5;
const CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) CLASS[c] = C_LETTER;
  else if (c >= 48 && c <= 57) CLASS[c] = C_DIGIT;
  else if (c === 32 || c === 9 || c === 13 || c === 11 || c === 12) CLASS[c] = C_SPACE;
  else if ('@:/-%,()?+=$'.includes(String.fromCharCode(c))) CLASS[c] = C_MARK;
  else if ('*_`#|\\^[]{};'.includes(String.fromCharCode(c)) || c < 32) CLASS[c] = C_NOISE;
  else CLASS[c] = C_OTHER;
}

function isLetterCode(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
}
function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isApostrophe(c: number): boolean {
  return c === 39 || c === 0x2019;
}
const OPEN_QUOTE = 0x201c, CLOSE_QUOTE = 0x201d;

class Tokenizer {
  readonly toks: Token[] = [];
  private i = 0;
  private line = 0;
  private lineStart = true;
  private quoteLine = false;
  private blockQuote = false;
  private inQuotes = false;
  private struck = false;
  private spaced = true;
  private dollar = false;

  constructor(private readonly s: string) {}

  run(): Token[] {
    const s = this.s, n = s.length;
    while (this.i < n) {
      const c = s.charCodeAt(this.i);
      if (c === 10) { this.newline(); continue; }
      const cls = c < 128 ? (CLASS[c] as number) : -1;
      if (cls === C_SPACE || cls === C_NOISE) { this.skip(); continue; }
      if (cls === C_LETTER || cls === C_DIGIT || (c === 46 && isDigitCode(s.charCodeAt(this.i + 1)))) {
        this.chunk();
        continue;
      }
      if (c === 62 /* > */ && this.lineStart) { this.quoteMark(); continue; }
      if (c === 60 /* < */ && this.discordMarkup()) continue;
      if (c === 64 /* @ */ && isLetterCode(s.charCodeAt(this.i + 1))) { this.mention(); continue; }
      if (c === 126 /* ~ */) { this.tilde(); continue; }
      if (c === 34 /* " */) { this.inQuotes = !this.inQuotes; this.skip(); continue; }
      if (c === OPEN_QUOTE) { this.inQuotes = true; this.skip(); continue; }
      if (c === CLOSE_QUOTE) { this.inQuotes = false; this.skip(); continue; }
      if (c === 36 /* $ */) { this.dollar = true; this.i++; continue; }
      if (cls === C_MARK) { this.punct(c); continue; }
      if (c >= 128 && isLetterCode(c)) { this.chunk(); continue; }
      this.skip(); // emoji, symbols, other punctuation
    }
    return this.toks;
  }

  private newline(): void {
    this.line++;
    this.i++;
    this.lineStart = true;
    this.quoteLine = this.blockQuote;
    this.spaced = true;
    this.dollar = false;
  }

  private skip(): void {
    this.i++;
    this.spaced = true;
  }

  /** `> ` quotes one line, `>>> ` the rest of the message (Discord markdown). */
  private quoteMark(): void {
    let k = this.i;
    while (k < this.s.length && this.s.charCodeAt(k) === 62) k++;
    if (k - this.i >= 3) this.blockQuote = true;
    this.quoteLine = true;
    this.i = k;
    this.spaced = true;
  }

  private tilde(): void {
    if (this.s.charCodeAt(this.i + 1) === 126) { this.struck = !this.struck; this.i += 2; } else this.i++;
    this.spaced = true;
  }

  /** `<@123>`, `<@!123>`, `<@&123>`, `<#123>`, `<:name:123>`, `<a:name:123>`, `<t:123:R>`. */
  private discordMarkup(): boolean {
    const s = this.s, next = s.charCodeAt(this.i + 1);
    if (next !== 64 && next !== 35 && next !== 58 && next !== 97 && next !== 116) return false;
    const limit = Math.min(s.length, this.i + 80);
    for (let k = this.i + 2; k < limit; k++) {
      const c = s.charCodeAt(k);
      if (c === 62) { this.i = k + 1; this.spaced = true; return true; }
      if (c === 32 || c === 10 || c === 60) return false;
    }
    return false;
  }

  private mention(): void {
    let k = this.i + 1;
    const s = this.s;
    while (k < s.length) {
      const c = s.charCodeAt(k);
      if (isLetterCode(c) || isDigitCode(c) || c === 95 || c === 46) k++;
      else break;
    }
    this.i = k;
    this.spaced = true;
  }

  private punct(c: number): void {
    this.push(PUNCT, String.fromCharCode(c), NaN, -1, K.NONE);
    this.i++;
  }

  private push(kind: number, text: string, micros: number, decimals: number, kw: Kw): void {
    this.toks.push({
      kind, text, micros, decimals, spaced: this.spaced, line: this.line,
      quoted: this.quoteLine || this.inQuotes, struck: this.struck, dollar: this.dollar, kw,
    });
    this.spaced = false;
    this.dollar = false;
    this.lineStart = false;
  }

  /** A run of letters, digits and the marks that live inside symbols and numbers. */
  private chunk(): void {
    const s = this.s, start = this.i;
    let k = start;
    if (isDigitCode(s.charCodeAt(k)) || s.charCodeAt(k) === 46) k = this.number(k);
    if (k > start && !isLetterCode(s.charCodeAt(k))) { this.i = k; return; }
    const wordStart = k;
    let hasDigit = false;
    while (k < s.length) {
      const c = s.charCodeAt(k);
      if (isLetterCode(c)) k++;
      else if (isDigitCode(c)) { hasDigit = true; k++; }
      else if (c === 95 && k > wordStart) k++;
      else if (c === 58 && !hasDigit && isLetterCode(s.charCodeAt(k + 1)) && isExchangePrefix(s, wordStart, k)) k++;
      else if (c === 33 && hasDigit) { k++; break; }
      else if (isApostrophe(c) && isLetterCode(s.charCodeAt(k + 1)) && k > wordStart) k++;
      else if (c === 46 && hasDigit && isDigitCode(s.charCodeAt(k + 1))) k++;
      else break;
    }
    let word = s.slice(wordStart, k).toUpperCase();
    if (word.includes('\u2019')) word = word.replace(/\u2019/g, "'");
    while (word.endsWith('_')) word = word.slice(0, -1);
    if (word.length > 0) this.push(WORD, word, NaN, -1, KEYWORDS.get(word) ?? K.NONE);
    this.i = k;
  }

  /** Digits with an optional decimal point and `1,234` thousands groups; pushes a NUM token. */
  private number(start: number): number {
    const s = this.s;
    let k = start, intPart = 0, intDigits = 0, frac = 0, fracDigits = 0, exact = true, dot = false;
    let text = '';
    let groupStart = start;
    while (k < s.length) {
      const c = s.charCodeAt(k);
      if (isDigitCode(c)) {
        if (dot) {
          fracDigits++;
          if (fracDigits <= 6) frac = frac * 10 + (c - 48);
          else if (c !== 48) exact = false;
        } else { intPart = intPart * 10 + (c - 48); intDigits++; }
        k++;
      } else if (c === 46 && !dot && isDigitCode(s.charCodeAt(k + 1))) {
        dot = true;
        k++;
      } else if (c === 44 && !dot && intDigits > 0 && isThousandsGroup(s, k, k - groupStart, intDigits)) {
        text += s.slice(groupStart, k);
        groupStart = k + 1;
        k++;
      } else break;
    }
    text += s.slice(groupStart, k);
    let micros = intPart * 1_000_000 + frac * 10 ** (6 - Math.min(fracDigits, 6));
    if (!exact || !Number.isSafeInteger(micros) || intDigits > 12) micros = NaN;
    this.push(NUM, text, micros, dot ? fracDigits : -1, K.NONE);
    return k;
  }
}

/** `,` followed by exactly three digits, after a first group of 1–3 digits (16,250.50). */
function isThousandsGroup(s: string, comma: number, groupLen: number, intDigits: number): boolean {
  if (groupLen < 1 || groupLen > 3 || (intDigits > 3 && groupLen !== 3)) return false;
  for (let k = comma + 1; k <= comma + 3; k++) if (!isDigitCode(s.charCodeAt(k))) return false;
  return !isDigitCode(s.charCodeAt(comma + 4));
}

const EXCHANGES = ['CME', 'CBOT', 'NYMEX', 'COMEX', 'ICE'];
function isExchangePrefix(s: string, from: number, to: number): boolean {
  const p = s.slice(from, to).toUpperCase();
  for (const e of EXCHANGES) if (p.startsWith(e)) return true;
  return false;
}

export function tokenize(text: string): Token[] {
  return new Tokenizer(text).run();
}
