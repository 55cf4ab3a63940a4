/**
 * Which open positions a close or stop adjustment applies to. Alerts do not always name one
 * symbol: "stopped out" names none (every futures position from that channel), and an option
 * close may omit the expiry (every expiry of that underlying, right and strike).
 */
import type { AssetClass } from './instruments.js';
import type { Micros } from './money.js';
import { parseOcc, specForSymbol } from './symbols.js';

export type PositionSelector =
  | { readonly kind: 'symbol'; readonly symbol: string }
  | { readonly kind: 'asset_class'; readonly assetClass: AssetClass }
  | { readonly kind: 'option_series'; readonly underlying: string; readonly right: 'call' | 'put';
      readonly strikeMicros: Micros };

export function selects(selector: PositionSelector, symbol: string): boolean {
  if (selector.kind === 'symbol') return selector.symbol === symbol;
  if (selector.kind === 'asset_class') return specForSymbol(symbol)?.assetClass === selector.assetClass;
  const occ = parseOcc(symbol);
  return occ !== null && occ.underlying === selector.underlying.toUpperCase() && occ.right === selector.right
    && occ.strikeMicros === selector.strikeMicros;
}

/** Human-readable name for messages: `ES`, `all futures`, `SPY 480 call (any expiry)`. */
export function describeSelector(selector: PositionSelector): string {
  if (selector.kind === 'symbol') return selector.symbol;
  if (selector.kind === 'asset_class') return `all ${selector.assetClass}`;
  return `${selector.underlying.toUpperCase()} ${selector.strikeMicros / 1_000_000} ${selector.right} (any expiry)`;
}
