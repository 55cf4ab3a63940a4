/** Builders shared by the trading specs: alerts as the parser emits them, quotes from decimal strings. */
import type { FuturesAlert, OptionAlert } from '../../../src/domain/alerts/types.js';
import { parseDecimal, type Micros } from '../../../src/domain/trading/money.js';
import type { Quote } from '../../../src/domain/trading/quotes.js';

/** Micros from a decimal string; throws on a typo so a spec never runs on a wrong price. */
export function px(decimal: string): Micros {
  const micros = parseDecimal(decimal);
  if (micros === null) throw new Error(`bad price ${decimal}`);
  return micros;
}

export interface QuoteInput {
  bid?: string;
  ask?: string;
  last?: string;
}

export function quote(symbol: string, q: QuoteInput, atMs: number): Quote {
  return {
    symbol, atMs,
    bidMicros: q.bid === undefined ? null : px(q.bid),
    askMicros: q.ask === undefined ? null : px(q.ask),
    lastMicros: q.last === undefined ? null : px(q.last),
  };
}

/** `ES LONG 4750 STOP 4745 T1 4755 T2 4760` by default. */
export function futuresAlert(overrides: Partial<FuturesAlert> = {}): FuturesAlert {
  return {
    kind: 'futures', action: 'open', symbol: 'ES', side: 'long', entry: '4750', stop: '4745',
    targets: ['4755', '4760'], size: null, quantity: null, fraction: null, newStop: null, tags: [],
    ...overrides,
  };
}

/** `BTO SPY 01/31 480 CALLS @ 2.50` (2027) by default. */
export function optionAlert(overrides: Partial<OptionAlert> = {}): OptionAlert {
  return {
    kind: 'option', action: 'open', side: 'long', underlying: 'SPY', expiry: '2027-01-31', strike: '480',
    right: 'call', price: '2.50', quantity: null, fraction: null, tags: [], ...overrides,
  };
}

export const T0 = Date.UTC(2026, 2, 10, 14, 30); // Tue 10 Mar 2026 10:30 New York: both markets open
