/**
 * Exact money and prices.
 *
 * Prices are integer micro-units (price × 1e6) held in a JS number: exact for every price a
 * listed instrument quotes (up to ~9e9), cheap on the hot path. Money is integer cents.
 * Decimal strings are parsed digit by digit — never through a float multiply.
 */
export type Micros = number;
export type Cents = number;

export const MICROS_PER_UNIT = 1_000_000;
const MAX_DECIMALS = 6;
const DECIMAL_RE = /^([+-])?(\d*)(?:\.(\d*))?$/;

/** Parse "4750.25", ".7", "-3", 4750.25 into micros; null when it is not a finite decimal. */
export function parseDecimal(input: string | number): Micros | null {
  if (typeof input === 'string') {
    const plain = plainDecimal(input);
    if (plain >= 0) return plain;
  }
  const text = typeof input === 'number' ? numberToPlain(input) : input.trim().replace(/^\$/, '');
  if (text === null) return null;
  const m = DECIMAL_RE.exec(text);
  if (!m) return null;
  const [, sign, intPart = '', fracRaw = ''] = m;
  if (intPart === '' && fracRaw === '') return null;
  if (fracRaw.length > MAX_DECIMALS && /[1-9]/.test(fracRaw.slice(MAX_DECIMALS))) return null;
  const frac = fracRaw.slice(0, MAX_DECIMALS).padEnd(MAX_DECIMALS, '0');
  const value = Number(intPart || '0') * MICROS_PER_UNIT + Number(frac);
  if (!Number.isSafeInteger(value)) return null;
  return sign === '-' ? -value : value;
}

const POW10 = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000];

/**
 * The common spelling — digits with at most one point and six decimals, as in "4750.25" —
 * read in one pass; -1 for anything else (signs, `$`, spaces, long decimals: the general path).
 */
function plainDecimal(v: string): Micros {
  let int = 0, frac = 0, fracDigits = -1, digits = 0;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (fracDigits < 0) int = int * 10 + (c - 48);
      else if (fracDigits < MAX_DECIMALS) { frac = frac * 10 + (c - 48); fracDigits++; } else return -1;
      digits++;
    } else if (c === 46 && fracDigits < 0) fracDigits = 0;
    else return -1;
  }
  const value = int * MICROS_PER_UNIT + frac * (POW10[MAX_DECIMALS - Math.max(0, fracDigits)] as number);
  return digits > 0 && Number.isSafeInteger(value) ? value : -1;
}

function numberToPlain(n: number): string | null {
  if (!Number.isFinite(n)) return null;
  // Shortest round-trip form; toFixed avoids exponent notation for tiny or huge values.
  const s = String(n);
  return /e/i.test(s) ? n.toFixed(MAX_DECIMALS) : s;
}

/** Format micros as a decimal string with at least `minDecimals` places, trailing zeros trimmed beyond. */
export function formatMicros(value: Micros, minDecimals = 2): string {
  const negative = value < 0;
  const abs = Math.abs(value);
  const int = Math.floor(abs / MICROS_PER_UNIT);
  let frac = String(abs % MICROS_PER_UNIT).padStart(MAX_DECIMALS, '0');
  while (frac.length > minDecimals && frac.endsWith('0')) frac = frac.slice(0, -1);
  const body = frac.length > 0 ? `${int}.${frac}` : String(int);
  return negative ? `-${body}` : body;
}

export type SnapMode = 'nearest' | 'up' | 'down';

/** Snap a price to a tick grid. `nearest` rounds half away from zero. */
export function snapToTick(value: Micros, tick: Micros, mode: SnapMode = 'nearest'): Micros {
  if (tick <= 0 || !Number.isInteger(tick)) throw new RangeError(`tick must be a positive integer micros, got ${tick}`);
  const rem = ((value % tick) + tick) % tick;
  if (rem === 0) return value;
  const down = value - rem;
  if (mode === 'down') return down;
  if (mode === 'up') return down + tick;
  return rem * 2 >= tick ? down + tick : down;
}

/** Parse a USD amount ("0.62", 25000) into cents; null unless it is exact to the cent. */
export function parseCents(input: string | number): Cents | null {
  const micros = parseDecimal(input);
  if (micros === null || micros % 10_000 !== 0) return null;
  return micros / 10_000;
}

/** "$1,234.56" / "-$12.50". */
export function formatUsd(cents: Cents): string {
  const negative = cents < 0;
  const abs = Math.abs(cents);
  const dollars = Math.floor(abs / 100).toLocaleString('en-US');
  const body = `$${dollars}.${String(abs % 100).padStart(2, '0')}`;
  return negative ? `-${body}` : body;
}

/** Cents to a plain decimal string ("-12.50") for storage, CSV and JSON. */
export function centsToDecimal(cents: Cents): string {
  const negative = cents < 0;
  const abs = Math.abs(cents);
  const body = `${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
  return negative ? `-${body}` : body;
}
