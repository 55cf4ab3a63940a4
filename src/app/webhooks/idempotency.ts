import { createHash } from 'node:crypto';
import type { StoredSignal } from '../ports.js';
import type { TradingViewAlertPayload } from './payload.js';

/**
 * The idempotency key of one delivery, the second half of the signal's natural key
 * (`<link id>:<key>`):
 *  - `id:<id>` when the payload carries an `id` — the sender says what is the same alert;
 *  - `t:<timenow>:<symbol>:<action>` when it carries `{{timenow}}` (second precision), so a
 *    resend, or an alert misconfigured to fire twice in the same second, is one signal;
 *  - otherwise `h:<body hash>:<window>`: the same body within the same fixed dedupe window.
 */
export function idempotencyKey(payload: TradingViewAlertPayload | null, rawBody: string, nowMs: number, windowSec: number): string {
  if (payload?.id !== undefined) return `id:${String(payload.id)}`;
  if (payload?.timenow !== undefined) {
    const symbol = (payload.ticker ?? payload.symbol ?? '').toUpperCase();
    return `t:${payload.timenow}:${symbol}:${payload.action.toLowerCase()}`;
  }
  const digest = createHash('sha256').update(rawBody, 'utf8').digest('base64url').slice(0, 32);
  return `h:${digest}:${Math.floor(nowMs / (windowSec * 1000))}`;
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
