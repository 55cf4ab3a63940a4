/**
 * Helpers for end-to-end command tests: drive real alerts through the Discord double and real
 * quotes through the local feed, then read embeds back.
 */
import { eventually, JMONEY, ADMIN, startHarness, type Harness, type HarnessOptions } from './app-harness.js';
import { startQuoteServer, type QuoteServer } from './quote-server.js';
import type { Json, StoredMessage, UserSpec } from './discord-double/index.js';
import { realizedNetOf, type PositionRecord } from '../../src/app/ports.js';
import { TradeRepository } from '../../src/adapters/store/trade-repo.js';

export type Field = { name: string; value: string; inline?: boolean };

export const fieldsOf = (embed: Json | undefined): Record<string, string> =>
  Object.fromEntries(((embed?.fields as Field[] | undefined) ?? []).map((f) => [f.name, f.value]));
export const fieldList = (embed: Json | undefined): Field[] => (embed?.fields as Field[] | undefined) ?? [];

/** Characters Discord counts toward an embed's 6000 total. */
export function embedChars(embed: Json): number {
  const footer = (embed.footer as { text?: string } | undefined)?.text ?? '';
  const author = (embed.author as { name?: string } | undefined)?.name ?? '';
  return String(embed.title ?? '').length + String(embed.description ?? '').length + footer.length + author.length
    + fieldList(embed).reduce((n, f) => n + f.name.length + f.value.length, 0);
}

/** Every custom id on a message's buttons, in order. */
export function customIds(components: Json[]): string[] {
  return components.flatMap((row) => ((row.components as Json[] | undefined) ?? []).map((b) => String(b.custom_id)));
}

export function button(components: Json[], label: string): Json | undefined {
  return components.flatMap((row) => (row.components as Json[] | undefined) ?? []).find((b) => b.label === label);
}

export class TradingSession {
  constructor(readonly h: Harness, readonly feed: QuoteServer) {}

  /** A local quote feed and the bot reading it (QUOTE_FEED_URL plus `env`), connected; in memory unless `database` says where. */
  static async start(env: Record<string, string> = {}, database?: HarnessOptions['database']): Promise<TradingSession> {
    const feed = await startQuoteServer();
    const h = await startHarness({ env: { QUOTE_FEED_URL: feed.url, ...env }, ...(database ? { database } : {}) });
    await feed.waitForClient();
    return new TradingSession(h, feed);
  }

  async close(): Promise<void> {
    await this.h.close();
    await this.feed.close();
  }

  /** One quote through the feed, applied (and any exits it triggers stored) before returning. */
  async quote(symbol: string, bid: string, ask: string): Promise<void> {
    const before = this.h.app.feed?.received ?? 0;
    this.feed.send({ symbol, bid, ask });
    await eventually(() => ((this.h.app.feed?.received ?? 0) > before ? true : undefined), 5000, `quote ${symbol}`);
    await this.h.app.desk.drain();
  }

  /** Post an alert and wait until the desk has an open position more than before. */
  async open(text: string, options: { channel?: string; author?: UserSpec } = {}): Promise<PositionRecord> {
    const before = new Set(this.h.app.desk.openPositionIds());
    this.h.double.postMessage({ channel: options.channel ?? 'twi_futures', author: options.author ?? JMONEY, content: text });
    const id = await eventually(() => this.h.app.desk.openPositionIds().find((p) => !before.has(p)), 5000, `a position from "${text}"`);
    await this.h.app.desk.drain();
    return this.h.app.desk.position(id) as PositionRecord;
  }

  store(): TradeRepository {
    return new TradeRepository(this.h.app.database.db);
  }

  /** Net realized P&L of every closed position in the store, oldest close first. */
  async closedNet(): Promise<{ id: string; netCents: number; closedAtMs: number }[]> {
    return (await this.store().closedPositions(null)).map((p) => ({ id: p.id, netCents: realizedNetOf(p), closedAtMs: p.closedAtMs ?? 0 }));
  }

  waitForAdminDm(titlePrefix: string): Promise<StoredMessage> {
    return this.h.double.waitForDm(ADMIN.id, (m) => String(m.embeds[0]?.title).startsWith(titlePrefix));
  }
}
