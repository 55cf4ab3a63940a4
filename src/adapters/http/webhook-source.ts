import type http from 'node:http';
import { isIP } from 'node:net';

/** TradingView's published webhook source addresses (shared/reference/tradingview-webhooks.md §2). */
export const TRADINGVIEW_ADDRESSES: readonly string[] = ['52.89.214.238', '34.212.75.30', '54.218.53.128', '52.32.178.7'];

/** `::ffff:1.2.3.4` (an IPv4 client on a dual-stack socket) is 1.2.3.4. */
function normalise(address: string): string {
  const trimmed = address.trim();
  return trimmed.startsWith('::ffff:') && isIP(trimmed.slice(7)) === 4 ? trimmed.slice(7) : trimmed;
}

/**
 * The address the request came from. With `trustProxy`, the right-most X-Forwarded-For entry —
 * the one our own reverse proxy appended; entries to its left are whatever the client claimed.
 */
export function clientAddress(req: http.IncomingMessage, trustProxy: boolean): string | null {
  if (trustProxy) {
    const header = req.headers['x-forwarded-for'];
    const value = Array.isArray(header) ? header.join(',') : header;
    const last = value?.split(',').map((s) => s.trim()).filter((s) => s.length > 0).pop();
    if (last) return normalise(last);
  }
  const remote = req.socket.remoteAddress;
  return remote ? normalise(remote) : null;
}

export function isTradingViewAddress(address: string | null): boolean {
  return address !== null && TRADINGVIEW_ADDRESSES.includes(address);
}
