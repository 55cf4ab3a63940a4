import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes, base64url: 43 characters of [A-Za-z0-9_-]. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** The path a link's URL ends in; the token is its only secret. */
export const WEBHOOK_PATH_PREFIX = '/webhooks/tradingview/';

export function hashTokenBytes(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** What the store keeps: base64url sha-256 of the token. */
export function hashToken(token: string): string {
  return hashTokenBytes(token).toString('base64url');
}

export function newLinkToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashToken(token) };
}

/** The full URL shown once at creation; without a public base a placeholder host is shown. */
export function linkUrl(publicUrl: string | null, token: string): string {
  return `${publicUrl ?? 'https://YOUR-PUBLIC-HOST'}${WEBHOOK_PATH_PREFIX}${token}`;
}
