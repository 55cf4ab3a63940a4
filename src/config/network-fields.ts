import { isIP } from 'node:net';
import { z } from 'zod';

/**
 * URL and host settings, checked the way the libraries that use them will parse them, so a value
 * that would throw later (after Discord login, inside a driver) is one more listed problem here.
 * Messages never echo the value: a URL may carry a password.
 */

type Check = (text: string) => string | null;

const refined = (check: Check) => z.string().superRefine((text, ctx) => {
  const problem = check(text.trim());
  if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
}).transform((text) => text.trim());

function urlOf(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

/** An http(s) or ws(s) URL with a host; `example` shows the expected shape. */
export function urlSetting(schemes: readonly ('http' | 'https' | 'ws' | 'wss')[], example: string) {
  const article = schemes[0]?.startsWith('h') ? 'an' : 'a';
  const expected = `must be ${article} ${schemes.map((s) => `${s}://`).join(' or ')} URL such as ${example}`;
  return refined((text) => {
    const url = /\s/.test(text) ? null : urlOf(text);
    if (!url || !schemes.some((s) => url.protocol === `${s}:`)) return `${expected} (a host, a port from 1 to 65535 if any, no spaces)`;
    if (url.hash !== '') return `${expected}, without a #fragment`;
    // WHATWG URL parsing refuses ports above 65535 already; port 0 cannot be connected to.
    return url.port === '0' ? `${expected}, with a port from 1 to 65535` : null;
  });
}

/**
 * postgres:// URL as postgres.js reads it: the host list (h1:5432,h2:5433) is %-decoded and split
 * on commas, the URL is parsed with the first host standing in for the list, and the user name
 * and password are %-decoded. null when postgres.js would throw, or a port is 0.
 */
export function parsePostgresUrl(text: string): URL | null {
  if (!/^postgres(ql)?:\/\//i.test(text)) return null;
  const authority = text.slice(text.indexOf('://') + 3).split(/[?/]/)[0] ?? '';
  const hostList = authority.slice(authority.indexOf('@') + 1);
  try {
    const url = new URL(text.replace(hostList, hostList.split(',')[0] ?? ''));
    decodeURIComponent(url.username);
    decodeURIComponent(url.password);
    const ports = decodeURIComponent(hostList).split(',').map((host) => new URL(`postgres://${host}`).port);
    return ports.includes('0') ? null : url;
  } catch {
    return null;
  }
}

export const postgresUrl = refined((text) => (parsePostgresUrl(text) ? null
  : 'must be a postgres:// or postgresql:// URL such as postgres://user:password@127.0.0.1:5432/tradestream '
    + '(a port from 1 to 65535; in the user name and password % only as %XX: write % as %25)'));

/** Host name labels as resolvers take them (underscores too: container names have them). */
const HOST_NAME = /^(?=.{1,253}$)[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?(\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*\.?$/;

/** What the HTTP server may listen on: an IPv4 or IPv6 address, or a host name. */
export const listenHost = refined((text) => {
  const valid = isIP(text) !== 0 || (HOST_NAME.test(text) && !/^[\d.]+$/.test(text));
  return valid ? null : 'must be an IP address (0.0.0.0 for every interface, 127.0.0.1, ::) or a host name such as localhost';
});
