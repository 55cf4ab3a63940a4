import { timingSafeEqual } from 'node:crypto';
import type { WebhookLink, WebhookLinkStore } from '../ports.js';
import { TOKEN_PATTERN, hashTokenBytes } from './tokens.js';

interface Entry {
  hash: Buffer;
  link: WebhookLink;
}

/**
 * The in-memory copy of every active link, keyed by token hash: authentication on the hot path
 * costs one sha-256 and one map lookup, no query. Refreshed at start and after create/revoke.
 *
 * Timing: the map is keyed by the *hash* of the presented token, so how long a lookup takes can
 * say nothing useful about a valid token; the final comparison is constant-time all the same.
 */
export class LinkDirectory {
  private byHash = new Map<string, Entry>();
  private requested = 0;
  private applied = 0;

  constructor(private readonly store: WebhookLinkStore) {}

  /** Reload from the store. Overlapping refreshes settle on the one started last. */
  async refresh(): Promise<void> {
    const generation = ++this.requested;
    const rows = await this.store.activeWithHashes();
    if (generation < this.applied) return;
    this.applied = generation;
    this.byHash = new Map(rows.map(({ tokenHash, link }) => [tokenHash, { hash: Buffer.from(tokenHash, 'base64url'), link }]));
  }

  /** The active link this token opens, or null — for a malformed, unknown or revoked token alike. */
  authenticate(token: string): WebhookLink | null {
    if (!TOKEN_PATTERN.test(token)) return null;
    const digest = hashTokenBytes(token);
    const entry = this.byHash.get(digest.toString('base64url'));
    if (!entry || entry.hash.length !== digest.length) return null;
    return timingSafeEqual(entry.hash, digest) ? entry.link : null;
  }

  get size(): number {
    return this.byHash.size;
  }
}
