import type { Cents, Micros } from './money.js';

/** Which trading calendar governs an instrument (see src/domain/sessions). */
export type SessionCalendar = 'cme-globex' | 'us-equity-options';
export type AssetClass = 'futures' | 'option';

/**
 * One row of the instrument table. P&L is computed in ticks × tick value, so every
 * instrument's tick value is a whole number of cents and P&L stays exact.
 */
export interface InstrumentSpec {
  readonly root: string;
  readonly description: string;
  readonly assetClass: AssetClass;
  readonly tick: Micros;
  readonly tickValueCents: Cents;
  /** Dollars per one point of price (for display and notional). */
  readonly pointValueCents: Cents;
  readonly calendar: SessionCalendar;
  /** A sanity band for alert prices: outside it a price is implausible for the symbol. */
  readonly plausibleMin: Micros;
  readonly plausibleMax: Micros;
}

const M = 1_000_000;

function future(root: string, description: string, tick: Micros, tickValueCents: Cents,
  pointValueCents: Cents, min: number, max: number): InstrumentSpec {
  return { root, description, assetClass: 'futures', tick, tickValueCents, pointValueCents,
    calendar: 'cme-globex', plausibleMin: min * M, plausibleMax: max * M };
}

export const FUTURES: Readonly<Record<string, InstrumentSpec>> = Object.freeze({
  ES: future('ES', 'E-mini S&P 500', 0.25 * M, 1250, 5000, 1000, 20000),
  MES: future('MES', 'Micro E-mini S&P 500', 0.25 * M, 125, 500, 1000, 20000),
  NQ: future('NQ', 'E-mini Nasdaq-100', 0.25 * M, 500, 2000, 3000, 60000),
  MNQ: future('MNQ', 'Micro E-mini Nasdaq-100', 0.25 * M, 50, 200, 3000, 60000),
  YM: future('YM', 'E-mini Dow ($5)', 1 * M, 500, 500, 10000, 120000),
  MYM: future('MYM', 'Micro E-mini Dow', 1 * M, 50, 50, 10000, 120000),
  RTY: future('RTY', 'E-mini Russell 2000', 0.1 * M, 500, 5000, 500, 6000),
  M2K: future('M2K', 'Micro E-mini Russell 2000', 0.1 * M, 50, 500, 500, 6000),
});

/** US equity options: ×100 multiplier, penny tick (exchanges may quote nickels; pennies are the finest). */
export const EQUITY_OPTION: InstrumentSpec = Object.freeze({
  root: 'OPTION', description: 'US equity option (×100)', assetClass: 'option', tick: 0.01 * M,
  tickValueCents: 100, pointValueCents: 10_000, calendar: 'us-equity-options',
  plausibleMin: 0.01 * M, plausibleMax: 5000 * M,
});

export function futuresSpec(root: string): InstrumentSpec | undefined {
  return FUTURES[root.toUpperCase()];
}

export function isFuturesRoot(root: string): boolean {
  return futuresSpec(root) !== undefined;
}

/** Month codes of CME contract symbols (ESZ2026, ESZ6). */
const MONTH_CODES = 'FGHJKMNQUVXZ';

/**
 * Map any spelling of a futures symbol to its root: `ES1!`, `CME_MINI:ES1!`, `ESZ2026`,
 * `ESZ6`, `/ES`, `es` → `ES`. Unknown symbols return null.
 */
export function futuresRoot(symbol: string): string | null {
  let s = symbol.trim().toUpperCase();
  const colon = s.lastIndexOf(':');
  if (colon >= 0) s = s.slice(colon + 1);
  s = s.replace(/^\//, '').replace(/\d*!$/, '');
  if (FUTURES[s]) return s;
  const dated = /^([A-Z0-9]+?)([A-Z])(\d{1,4})$/.exec(s);
  if (dated && dated[1] && dated[2] && MONTH_CODES.includes(dated[2]) && FUTURES[dated[1]]) return dated[1];
  return null;
}

/** OCC option symbol: SPY270131C00480000 (root, yymmdd, C/P, strike × 1000 in 8 digits). */
export function occSymbol(underlying: string, expiryIso: string, right: 'call' | 'put', strike: Micros): string {
  const [y, m, d] = expiryIso.split('-');
  const strikeThousandths = Math.round(strike / 1000);
  return `${underlying.toUpperCase()}${(y ?? '').slice(2)}${m}${d}${right === 'call' ? 'C' : 'P'}${String(strikeThousandths).padStart(8, '0')}`;
}
