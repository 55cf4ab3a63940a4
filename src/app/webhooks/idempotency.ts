import { createHash } from 'node:crypto';
import type { StoredSignal } from '../ports.js';
import type { TradingViewAlertPayload } from './payload.js';

/** A delivery's idempotency key, and for a body-hash key its neighbouring windows' keys (see below). */
export interface DeliveryKey {
  key: string;
  neighbourKeys: string[];
}

/**
 * The idempotency key of one delivery, the second half of the signal's natural key
 * (`<link id>:<key>`):
 *  - `id:<id>` when the payload carries an `id` — the sender says what is the same alert;
 *  - `t:<timenow>:<symbol>:<action>` when it carries `{{timenow}}` (second precision), so a
 *    resend, or an alert misconfigured to fire twice in the same second, is one signal;
 *  - otherwise `h:<body hash>:<window>`, the window being `floor(now / windowSec)`. Fixed windows
 *    alone would make a repeat 200 ms after the first delivery a second signal whenever a window
 *    ended in between, so such a key comes with the previous and the next window's keys: a signal
 *    stored under one of them less than `windowSec` ago is the same signal (the store checks as
 *    it inserts). The next window's key covers deliveries that reach the store in another order
 *    than they read the clock.
 */
export function deliveryKey(payload: TradingViewAlertPayload | null, rawBody: string, nowMs: number, windowSec: number): DeliveryKey {
  if (payload?.id !== undefined) return { key: `id:${String(payload.id)}`, neighbourKeys: [] };
  if (payload?.timenow !== undefined) {
    const symbol = (payload.ticker ?? payload.symbol ?? '').toUpperCase();
    return { key: `t:${payload.timenow}:${symbol}:${payload.action.toLowerCase()}`, neighbourKeys: [] };
  }
  const digest = createHash('sha256').update(rawBody, 'utf8').digest('base64url').slice(0, 32);
  const window = Math.floor(nowMs / (windowSec * 1000));
  return { key: `h:${digest}:${window}`, neighbourKeys: [`h:${digest}:${window - 1}`, `h:${digest}:${window + 1}`] };
}

export function webhookExternalId(linkId: number, key: string): string {
  return `${linkId}:${key}`;
}

/** The webhook link a stored TradingView signal came through (execution reads its settings). */
export function webhookLinkIdOf(signal: Pick<StoredSignal, 'source' | 'externalId'>): number | null {
  if (signal.source !== 'tradingview') return null;
  const match = /^(\d{1,15}):/.exec(signal.externalId);
  return match?.[1] ? Number(match[1]) : null;
}
