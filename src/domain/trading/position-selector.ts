/**
 * Which open positions a close or stop adjustment applies to. Alerts do not always name one
 * symbol: "stopped out" names none (every futures position from that channel), an option close
 * may omit the expiry (every expiry of that underlying, right and strike), and `STC SPY calls`
 * omits the strike too (every SPY call).
 */
import type { AssetClass } from './instruments.js';
import { formatMicros, type Micros } from './money.js';
import { parseOcc, specForSymbol } from './symbols.js';

export type PositionSelector =
  | { readonly kind: 'symbol'; readonly symbol: string }
  | { readonly kind: 'asset_class'; readonly assetClass: AssetClass }
  | { readonly kind: 'option_series'; readonly underlying: string; readonly right: 'call' | 'put';
      /** null: any strike. */
      readonly strikeMicros: Micros | null;
      /** YYYY-MM-DD, or null: any expiry. */
      readonly expiry: string | null };

export function selects(selector: PositionSelector, symbol: string): boolean {
  if (selector.kind === 'symbol') return selector.symbol === symbol;
  if (selector.kind === 'asset_class') return specForSymbol(symbol)?.assetClass === selector.assetClass;
  const occ = parseOcc(symbol);
  return occ !== null && occ.underlying === selector.underlying.toUpperCase() && occ.right === selector.right
    && (selector.strikeMicros === null || occ.strikeMicros === selector.strikeMicros)
    && (selector.expiry === null || occ.expiry === selector.expiry);
}

/** Human-readable name for messages: `ES`, `all futures`, `SPY 480 call (any expiry)`, `SPY 2025-01-31 call (any strike)`. */
export function describeSelector(selector: PositionSelector): string {
  if (selector.kind === 'symbol') return selector.symbol;
  if (selector.kind === 'asset_class') return `all ${selector.assetClass}`;
  const { underlying, expiry, strikeMicros, right } = selector;
  const any = [strikeMicros === null ? 'strike' : null, expiry === null ? 'expiry' : null].filter((w) => w !== null);
  const named = [underlying.toUpperCase(), expiry, strikeMicros === null ? null : formatMicros(strikeMicros, 0), right];
  return `${named.filter((w) => w !== null).join(' ')} (any ${any.join(', any ')})`;
}
