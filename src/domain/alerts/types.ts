/**
 * The Alert union: what a parsed trade alert means, independent of where it came from.
 * Prices are decimal strings (exact); absent fields are null. This is also the JSON the
 * `npm run parse` contract prints (shared/DESIGN.md, "Parse command").
 */
export type ChannelKind = 'futures' | 'options' | 'tradingview';
export type Side = 'long' | 'short';
export type SizeLetter = 'A' | 'B' | 'C';

export interface FuturesAlert {
  kind: 'futures';
  /** open: a new entry; close: exit (all or `fraction`); adjust: change the open position's stop. */
  action: 'open' | 'close' | 'adjust';
  /**
   * The root (`ES`), or the symbol as written when it is not in the instrument table (then the
   * confidence carries UNKNOWN_SYMBOL). Empty ('') only for a close/adjust that names no symbol
   * ("stopped out", "flat"; reason SYMBOL_IMPLIED): it applies to the channel's open position.
   */
  symbol: string;
  side: Side | null;
  entry: string | null;
  stop: string | null;
  targets: string[];
  size: SizeLetter | null;
  quantity: number | null;
  /** Fraction of the position to close (1 = all); null for opens. */
  fraction: string | null;
  /** For adjust: the new stop, or "breakeven". */
  newStop: string | null;
  tags: string[];
}

export interface OptionAlert {
  kind: 'option';
  action: 'open' | 'close';
  /** BTO/BOUGHT and STC/SOLD are the long side; STO and BTC the short side. */
  side: Side;
  underlying: string;
  /**
   * YYYY-MM-DD. Empty ('') only when the alert states no expiry (reason MISSING_EXPIRY): a close
   * may omit it (match the position by underlying, strike and right); an open then scores low.
   */
  expiry: string;
  /**
   * Decimal string. Empty ('') only for a close that names no strike (`STC SPY calls @ 3.25`,
   * reason MISSING_STRIKE): it closes every position of that underlying and right.
   */
  strike: string;
  right: 'call' | 'put';
  price: string | null;
  quantity: number | null;
  fraction: string | null;
  tags: string[];
}

export type Alert = FuturesAlert | OptionAlert;

export interface ParseInput {
  channel: ChannelKind;
  text: string;
  /** When the message was posted (ISO-8601): resolves year-less expiries, never the reader's clock. */
  postedAt: string;
  /** Last known price of a symbol root or OCC symbol, as a decimal string, if any. */
  lastPrice?: (symbol: string) => string | null;
}

/** Why confidence was lowered or a message was not taken as an alert. Codes are stable. */
export interface ParseReason {
  code: string;
  message: string;
  /** The alert field the reason is about (`stop`, `price`, …), or `message` for the text as a whole. */
  field?: string;
}

export type ParseResult =
  | { ok: true; confidence: number; alert: Alert; fields: Record<string, number>; reasons: ParseReason[] }
  | { ok: false; confidence: number; reasons: ParseReason[] };
