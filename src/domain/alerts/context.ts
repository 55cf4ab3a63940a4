import type { ChannelKind } from './types.js';

/** Tunables of the parser; every one has a default, so `parseAlert(input)` needs none. */
export interface ParseOptions {
  /** A futures entry farther than this fraction from the last quote is FAR_FROM_MARKET (default 0.01). */
  futuresMarketBand?: number;
  /** An option price farther than this fraction from the contract's last quote (default 0.5). */
  optionsMarketBand?: number;
}

/** What a grammar needs beyond the tokens. */
export interface ParseContext {
  channel: ChannelKind;
  postedAt: string;
  lastPrice: ((symbol: string) => string | null) | undefined;
  futuresMarketBand: number;
  optionsMarketBand: number;
}

export function makeContext(channel: ChannelKind, postedAt: string,
  lastPrice: ((symbol: string) => string | null) | undefined, options: ParseOptions | undefined): ParseContext {
  return {
    channel, postedAt, lastPrice,
    futuresMarketBand: options?.futuresMarketBand ?? 0.01,
    optionsMarketBand: options?.optionsMarketBand ?? 0.5,
  };
}

/** The last price of a symbol; an empty or non-string answer counts as unknown. */
export function lastPriceOf(ctx: ParseContext, symbol: string): string | null {
  if (ctx.lastPrice === undefined) return null;
  const v = ctx.lastPrice(symbol);
  return typeof v === 'string' && v.length > 0 ? v : null;
}
