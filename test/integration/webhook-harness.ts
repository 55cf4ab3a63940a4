import { sql } from 'drizzle-orm';
import { afterEach, beforeEach } from 'vitest';
import { createStores, WebhookLinkRepository } from '../../src/adapters/store/index.js';
import { HttpServer } from '../../src/adapters/http/server.js';
import { registerWebhook, type WebhookRouteOptions } from '../../src/adapters/http/webhook.js';
import { createLogger } from '../../src/adapters/log/logger.js';
import type { BotControl } from '../../src/app/control.js';
import type { SignalPipeline } from '../../src/app/pipeline.js';
import type { TradingDesk } from '../../src/app/trading/desk.js';
import { startTradingCore } from '../../src/app/core.js';
import { testCoreConfig } from '../support/core-config.js';
import type { AppDeps, NewSignal, Notice, Stores } from '../../src/app/ports.js';
import type { Actor } from '../../src/app/permissions.js';
import {
  createWebhookLink, LinkDirectory, RateLimiter, type CreateWebhookLinkInput, type LinkAdminDeps, type WebhookIntake,
} from '../../src/app/webhooks/index.js';
import type { WebhookLink } from '../../src/app/ports.js';
import { TestClock } from '../../src/domain/clock.js';
import { useDatabase, type TestDatabase, type TestDatabaseKind } from '../support/databases.js';

/**
 * The webhook endpoint as the bot wires it — HTTP server, link directory, pipeline, bot control —
 * on a test database, without Discord. Requests go over a real socket to 127.0.0.1.
 */
export const ADMIN: Actor = { userId: '100000000000000001', userName: 'admin', roleIds: [], interactionId: null };
export const START_MS = Date.parse('2026-11-20T15:00:00Z');

export interface WebhookServer {
  baseUrl: string;
  clock: TestClock;
  stores: Stores;
  pipeline: SignalPipeline;
  control: BotControl;
  admin: LinkAdminDeps;
  /** The paper desk: the quote sink, as in production. */
  desk: TradingDesk;
  notices: Notice[];
  createLink(input?: Partial<CreateWebhookLinkInput>): Promise<{ link: WebhookLink; token: string; url: string }>;
  /** contentType null: no Content-Type header at all. */
  post(token: string, body: string, contentType?: string | null, headers?: Record<string, string>): Promise<Posted>;
  close(): Promise<void>;
}

export interface Posted {
  status: number;
  headers: Headers;
  text: string;
  json: Record<string, unknown>;
}

export interface ServerOptions {
  route?: Partial<Omit<WebhookRouteOptions, 'log'>>;
  rateLimitPerMinute?: number;
  dedupeWindowSec?: number;
  /** Awaited before each signal goes to the pipeline: lets a test hold a delivery between its key and its insert. */
  beforeIngest?: (signal: NewSignal) => Promise<void>;
}

export async function startWebhookServer(test: TestDatabase, options: ServerOptions = {}): Promise<WebhookServer> {
  const clock = new TestClock(START_MS);
  const log = createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const stores = createStores(test.database, () => clock.nowMs());
  const notices: Notice[] = [];
  const deps: AppDeps = { stores, notifier: { notify: (n) => { notices.push(n); return Promise.resolve(); } }, clock };
  const { pipeline, control, desk } = await startTradingCore(deps, testCoreConfig({}, [ADMIN.userId]), log);
  const policy = { adminUserIds: [ADMIN.userId], adminRoleIds: [] };
  const links = new WebhookLinkRepository(test.database.db, () => clock.nowMs());
  const directory = new LinkDirectory(links);
  await directory.refresh();
  const admin: LinkAdminDeps = { links, audit: stores.audit, directory, policy, clock, publicUrl: 'https://bot.example.com' };
  const { beforeIngest } = options;
  const ingest = (s: NewSignal) => pipeline.ingest(s, control.isRunning());
  const intake: WebhookIntake = {
    directory, limiter: new RateLimiter(), clock, quotes: desk, ingest: beforeIngest ? (s) => beforeIngest(s).then(() => ingest(s)) : ingest,
    defaultRateLimitPerMinute: options.rateLimitPerMinute ?? 600, dedupeWindowSec: options.dedupeWindowSec ?? 60,
  };
  const http = new HttpServer(log);
  registerWebhook(http, () => intake, { ipAllowlist: false, trustProxy: false, ...options.route, log });
  const address = await http.listen(0, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${address.port}`;
  return {
    baseUrl, clock, stores, pipeline, control, desk, admin, notices,
    async createLink(input = {}) {
      const result = await createWebhookLink(admin, ADMIN, { name: 'test link', ...input });
      if (result.status !== 'success') throw new Error(`could not create a link: ${JSON.stringify(result)}`);
      const token = result.url.slice(result.url.lastIndexOf('/') + 1);
      return { link: result.link, token, url: `${baseUrl}/webhooks/tradingview/${token}` };
    },
    post: (token, body, contentType = 'application/json', headers = {}) => post(`${baseUrl}/webhooks/tradingview/${token}`, body, contentType, headers),
    async close() {
      await pipeline.drain();
      await http.close();
    },
  };
}

export async function post(url: string, body: string, contentType: string | null, headers: Record<string, string> = {}): Promise<Posted> {
  // fetch labels a string body text/plain by itself; bytes go out with no Content-Type.
  const res = await fetch(url, {
    method: 'POST', body: contentType === null ? Buffer.from(body) : body,
    headers: { ...(contentType === null ? {} : { 'content-type': contentType }), ...headers },
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: parseOrEmpty(text) };
}

function parseOrEmpty(text: string): Record<string, unknown> {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/**
 * A webhook server per test on one database kind, registered in the calling `describe`: the
 * database is opened once and emptied before each test, a server is started on it before each
 * test (before the describe's own hooks) and closed, its pipeline drained, after. `server` stands
 * for the current test's server.
 */
export function useWebhookServer(kind: TestDatabaseKind): { test: TestDatabase; server: WebhookServer } {
  const test = useDatabase(kind);
  let current: WebhookServer | null = null;
  beforeEach(async () => {
    current = await startWebhookServer(test);
  });
  afterEach(async () => {
    await current?.close();
    current = null;
  });
  const server = new Proxy({} as WebhookServer, {
    get(_target, key) {
      if (current === null) throw new Error('the webhook server runs only inside a test or its hooks');
      return Reflect.get(current, key) as unknown;
    },
  });
  return { test, server };
}

/** Empty the tables these tests write (shared databases between tests). */
export async function truncateWebhookTables(test: TestDatabase): Promise<void> {
  await test.database.db.execute(sql`truncate table fills, orders, positions, signals, bot_state, audit_log, webhook_links restart identity cascade`);
}

export async function rows<T>(test: TestDatabase, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = await test.database.db.execute(query);
  return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as T[];
}
