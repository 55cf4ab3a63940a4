import { HASH_SEED, K, hashStep, internSlot, internedKw, internedWord, type Kw } from './lexicon.js';

/**
 * One pass over a chat message into words, numbers and the few punctuation marks that carry
 * meaning (`@ : / - % , ( ) ? + = $`). Formatting noise never becomes a token: whitespace,
 * emojis, Discord mentions (`<@123>`, `<@&123>`, `<#123>`, `@here`, `@everyone`, `@name`),
 * custom emojis (`<:name:id>`), timestamps (`<t:…>`) and markdown marks. What noise does
 * change is kept as flags: a `>` quote line, text inside quotation marks, `~~struck~~` text.
 * Case is folded: every word is upper case.
 *
 * This is the hot path of every parse (300,000 messages/s is the target), so the scanner keeps
 * its state in locals and reads words through the intern table (lexicon.ts) without slicing.
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
const MARKS: string[] = [];
for (let c = 0; c < 128; c++) MARKS.push(String.fromCharCode(c));
const POW10 = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000];
const OPEN_QUOTE = 0x201c, CLOSE_QUOTE = 0x201d, RIGHT_APOSTROPHE = 0x2019;

/** charCodeAt that answers -1 past the end: reading out of bounds would deoptimise the scanner. */
function at(s: string, i: number): number {
  return i < s.length ? s.charCodeAt(i) : -1;
}

function isLetterCode(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
}

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isApostrophe(c: number): boolean {
  return c === 39 || c === RIGHT_APOSTROPHE;
}

/** Where a scanned number or word ended, and what it was (scratch space: no allocation per token). */
const scan = { end: 0, micros: 0, decimals: -1, commas: false, wordEnd: 0, hash: 0, folding: false, curly: false, nonAscii: false };

export function tokenize(s: string): Token[] {
  const toks: Token[] = [];
  const n = s.length;
  let i = 0, line = 0, spaced = true, lineStart = true, dollar = false;
  let quoteLine = false, blockQuote = false, inQuotes = false, struck = false;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c === 10) {
      line++; i++; lineStart = true; quoteLine = blockQuote; spaced = true; dollar = false;
      continue;
    }
    const cls = c < 128 ? (CLASS[c] as number) : -1;
    if (cls === C_SPACE || cls === C_NOISE) { spaced = true; i++; continue; }
    let kind: number, text: string, micros = NaN, decimals = -1, kw: Kw = K.NONE;
    if (cls === C_DIGIT || (c === 46 && isDigitCode(at(s, i + 1)))) {
      scanNumber(s, i);
      kind = NUM;
      text = scan.commas ? s.slice(i, scan.end).replace(/,/g, '') : s.slice(i, scan.end);
      micros = scan.micros;
      decimals = scan.decimals;
    } else if (cls === C_LETTER || (c >= 0xc0 && isLetterCode(c))) {
      scanWord(s, i);
      if (scan.wordEnd === i) { i = scan.end; continue; }
      kind = WORD;
      const slot = scan.nonAscii ? -1 : internSlot(s, i, scan.wordEnd, scan.hash);
      if (slot >= 0) {
        text = internedWord(slot);
        kw = internedKw(slot);
      } else {
        text = s.slice(i, scan.wordEnd);
        if (scan.folding) text = text.toUpperCase();
        if (scan.curly) text = text.replace(/\u2019/g, "'");
      }
    } else {
      // Marks and noise: each case moves i on and continues; only C_MARK yields a token.
      if (c === 62 /* > */ && lineStart) {
        let k = i;
        while (k < n && s.charCodeAt(k) === 62) k++;
        if (k - i >= 3) blockQuote = true; // `>>> ` quotes the rest of the message
        quoteLine = true; i = k; spaced = true;
        continue;
      }
      if (c === 60 /* < */) {
        const end = discordMarkupEnd(s, i);
        if (end > 0) { i = end; spaced = true; continue; }
      }
      if (c === 64 /* @ */ && isLetterCode(at(s, i + 1))) { i = mentionEnd(s, i); spaced = true; continue; }
      if (c === 126 /* ~ */) {
        if (at(s, i + 1) === 126) { struck = !struck; i += 2; } else i++;
        spaced = true;
        continue;
      }
      if (c === 34 || c === OPEN_QUOTE || c === CLOSE_QUOTE) {
        inQuotes = c === 34 ? !inQuotes : c === OPEN_QUOTE;
        i++; spaced = true;
        continue;
      }
      if (c === 36 /* $ */) { dollar = true; i++; continue; }
      if (cls !== C_MARK) { i++; spaced = true; continue; } // emoji, symbols, other punctuation
      kind = PUNCT;
      text = MARKS[c] as string;
      scan.end = i + 1;
    }
    toks.push({ kind, text, micros, decimals, spaced, line, quoted: quoteLine || inQuotes, struck, dollar, kw });
    spaced = false; dollar = false; lineStart = false;
    // A number followed by letters (`480C`, `5x`, `0DTE`) continues as a glued word.
    i = scan.end;
  }
  return toks;
}

/** Digits with an optional decimal point and `1,234` thousands groups, from i; fills `scan`. */
function scanNumber(s: string, i: number): void {
  const n = s.length;
  let k = i, intPart = 0, intDigits = 0, frac = 0, fracDigits = 0, exact = true, dot = false, commas = false;
  let groupStart = i;
  while (k < n) {
    const c = s.charCodeAt(k);
    if (c >= 48 && c <= 57) {
      if (dot) {
        fracDigits++;
        if (fracDigits <= 6) frac = frac * 10 + (c - 48);
        else if (c !== 48) exact = false;
      } else { intPart = intPart * 10 + (c - 48); intDigits++; }
      k++;
    } else if (c === 46 && !dot && isDigitCode(at(s, k + 1))) {
      dot = true;
      k++;
    } else if (c === 44 && !dot && intDigits > 0 && isThousandsGroup(s, k, k - groupStart, intDigits)) {
      commas = true;
      groupStart = k + 1;
      k++;
    } else break;
  }
  const micros = intPart * 1_000_000 + frac * (POW10[6 - Math.min(fracDigits, 6)] as number);
  scan.end = k;
  scan.micros = !exact || !Number.isSafeInteger(micros) || intDigits > 12 ? NaN : micros;
  scan.decimals = dot ? fracDigits : -1;
  scan.commas = commas;
}

/**
 * A run of letters, digits and the marks that live inside symbols (`CME_MINI:ES1!`, `who's`),
 * from i; fills `scan` with its end, its end without trailing `_`, and its case-folded hash.
 */
function scanWord(s: string, i: number): void {
  const n = s.length;
  let k = i, h = HASH_SEED, hasDigit = false, folding = false, curly = false, nonAscii = false;
  while (k < n) {
    const c = s.charCodeAt(k);
    if (c >= 65 && c <= 90) k++;
    else if (c >= 97 && c <= 122) { folding = true; k++; }
    else if (c >= 48 && c <= 57) { hasDigit = true; k++; }
    else if (c >= 0xc0 && isLetterCode(c)) { nonAscii = true; folding = true; k++; }
    else if (c === 95 && k > i) k++;
    else if (c === 58 && !hasDigit && isLetterCode(at(s, k + 1)) && isExchangePrefix(s, i, k)) k++;
    else if (c === 33 && hasDigit) { h = hashStep(h, c); k++; break; }
    else if (isApostrophe(c) && isLetterCode(at(s, k + 1)) && k > i) { curly ||= c !== 39; k++; }
    else if (c === 46 && hasDigit && isDigitCode(at(s, k + 1))) k++;
    else break;
    h = hashStep(h, c);
  }
  let end = k;
  while (end > i && s.charCodeAt(end - 1) === 95) end--;
  if (end !== k) { h = HASH_SEED; for (let j = i; j < end; j++) h = hashStep(h, s.charCodeAt(j)); }
  scan.end = k;
  scan.wordEnd = end;
  scan.hash = h;
  scan.folding = folding;
  scan.curly = curly;
  scan.nonAscii = nonAscii;
}

/** `<@123>`, `<@!123>`, `<@&123>`, `<#123>`, `<:name:123>`, `<a:name:123>`, `<t:123:R>`: index after, or 0. */
function discordMarkupEnd(s: string, i: number): number {
  const next = at(s, i + 1);
  if (next !== 64 && next !== 35 && next !== 58 && next !== 97 && next !== 116) return 0;
  const limit = Math.min(s.length, i + 80);
  for (let k = i + 2; k < limit; k++) {
    const c = s.charCodeAt(k);
    if (c === 62) return k + 1;
    if (c === 32 || c === 10 || c === 60) return 0;
  }
  return 0;
}

/** `@here`, `@everyone`, `@name`: the index after the mention. */
function mentionEnd(s: string, i: number): number {
  let k = i + 1;
  while (k < s.length) {
    const c = s.charCodeAt(k);
    if (isLetterCode(c) || isDigitCode(c) || c === 95 || c === 46) k++;
    else break;
  }
  return k;
}

/** `,` followed by exactly three digits, after a first group of 1–3 digits (16,250.50). */
function isThousandsGroup(s: string, comma: number, groupLen: number, intDigits: number): boolean {
  if (groupLen < 1 || groupLen > 3 || (intDigits > 3 && groupLen !== 3)) return false;
  for (let k = comma + 1; k <= comma + 3; k++) if (!isDigitCode(at(s, k))) return false;
  return !isDigitCode(at(s, comma + 4));
}

const EXCHANGES = ['CME', 'CBOT', 'NYMEX', 'COMEX', 'ICE'];
function isExchangePrefix(s: string, from: number, to: number): boolean {
  const p = s.slice(from, to).toUpperCase();
  for (const e of EXCHANGES) if (p.startsWith(e)) return true;
  return false;
}
