import { EQUITY_OPTION, futuresRoot, futuresSpec, type InstrumentSpec } from './instruments.js';

/** OCC option symbol: root (1–6 letters), yymmdd, C/P, strike × 1000 in 8 digits. */
const OCC_RE = /^[A-Z]{1,6}\d{6}[CP]\d{8}$/;

/**
 * The instrument spec for a trading symbol as the engine and quote feed name it:
 * a futures root (`ES`, or any spelling `futuresRoot` understands) or an OCC option symbol.
 */
export function specForSymbol(symbol: string): InstrumentSpec | undefined {
  const upper = symbol.trim().toUpperCase();
  if (OCC_RE.test(upper)) return EQUITY_OPTION;
  const root = futuresRoot(upper);
  return root === null ? undefined : futuresSpec(root);
}

/** Canonical engine symbol: futures root (`ESZ2026` → `ES`) or the OCC symbol unchanged. */
export function canonicalSymbol(symbol: string): string | null {
  const upper = symbol.trim().toUpperCase();
  if (OCC_RE.test(upper)) return upper;
  return futuresRoot(upper);
}

export interface OccParts {
  readonly underlying: string;
  /** YYYY-MM-DD (20yy). */
  readonly expiry: string;
  readonly right: 'call' | 'put';
  readonly strikeMicros: number;
}

/** Split an OCC symbol (`SPY270131C00480000`) into its parts; null when it is not one. */
export function parseOcc(symbol: string): OccParts | null {
  const upper = symbol.trim().toUpperCase();
  if (!OCC_RE.test(upper)) return null;
  const tail = upper.length - 15;
  const yymmdd = upper.slice(tail, tail + 6);
  return {
    underlying: upper.slice(0, tail),
    expiry: `20${yymmdd.slice(0, 2)}-${yymmdd.slice(2, 4)}-${yymmdd.slice(4, 6)}`,
    right: upper[tail + 6] === 'C' ? 'call' : 'put',
    // The last 8 digits are strike × 1000; micros are strike × 1e6.
    strikeMicros: Number(upper.slice(tail + 7)) * 1000,
  };
}
