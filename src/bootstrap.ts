import type { Client } from 'discord.js';
import type { AppConfig } from './config/env.js';
import type { Clock } from './domain/clock.js';
import type { AppDeps, Log } from './app/ports.js';
import { BotControl } from './app/control.js';
import { SignalPipeline } from './app/pipeline.js';
import { systemClock } from './adapters/system-clock.js';
import { createStores, openDatabase, type Database } from './adapters/store/index.js';
import { createDiscordClient, loginAndWaitReady } from './adapters/discord/client.js';
import { attachChannelMonitor } from './adapters/discord/channel-monitor.js';
import { attachInteractionRouter } from './adapters/discord/interactions.js';
import { DiscordDmNotifier } from './adapters/discord/notifier.js';
import { registerCommands } from './adapters/discord/register.js';
import { HttpServer } from './adapters/http/server.js';
import { registerHealth, type HealthReport } from './adapters/http/health.js';
import { COMMANDS } from '../commands/index.js';
import { registerWebhook } from './adapters/http/webhook.js';
import { WebhookLinkRepository } from './adapters/store/index.js';
import { LinkDirectory, QuoteBook, RateLimiter, type LinkAdminDeps, type WebhookIntake } from './app/webhooks/index.js';

export interface RunningApp {
  httpPort: number;
  client: Client;
  database: Database;
  control: BotControl;
  pipeline: SignalPipeline;
  /** Milliseconds from start() to ready. */
  startupMs: number;
  stop(): Promise<void>;
}

export interface StartOptions {
  log: Log;
  clock?: Clock;
}

/**
 * Wire every part and bring the bot up: HTTP first (so /healthz says 503 while starting),
 * then the database (migrations), then Discord; finally resume unfinished signals.
 */
export async function startTradeStream(config: AppConfig, options: StartOptions): Promise<RunningApp> {
  const startedAt = performance.now();
  const { log } = options;
  const clock = options.clock ?? systemClock;
  let ready = false;
  let health: () => Promise<HealthReport> = () => Promise.resolve({ ready: false, components: {} });
  const http = new HttpServer(log);
  registerHealth(http, () => health());
  let webhookIntake: WebhookIntake | null = null;
  registerWebhook(http, () => webhookIntake, { ipAllowlist: config.webhook.ipAllowlist, trustProxy: config.webhook.trustProxy, log });
  const address = await http.listen(config.http.port, config.http.host);
  log.info({ port: address.port }, 'http listening');

  let database: Database | null = null;
  const client = createDiscordClient(config.discord.apiBase);
  try {
    database = await openDatabase(config.database);
    log.info({ kind: database.kind }, 'database ready');
    const stores = createStores(database, () => clock.nowMs());
    const notifier = new DiscordDmNotifier(client, () => config.discord.adminUserIds, log);
    const deps: AppDeps = { stores, notifier, clock };
    const pipeline = new SignalPipeline(deps, {
      confidenceThreshold: config.confidenceThreshold, maxAlertAgeMs: config.maxAlertAgeMs, mode: config.tradingMode,
      baseContracts: config.paper.baseContracts, commissionFuturesCents: config.paper.commissionFuturesCents,
      commissionOptionsCents: config.paper.commissionOptionsCents,
    }, log);
    const policy = { adminUserIds: config.discord.adminUserIds, adminRoleIds: config.discord.adminRoleIds };
    const control = new BotControl(deps, policy, { running: true, mode: config.tradingMode }, () => pipeline.pending);
    await control.load();
    const links = new WebhookLinkRepository(database.db, () => clock.nowMs());
    const directory = new LinkDirectory(links);
    await directory.refresh();
    const webhooks: LinkAdminDeps = { links, audit: stores.audit, directory, policy, clock, publicUrl: config.webhook.publicUrl };

    attachChannelMonitor(client, config.discord, { ingest: (s) => pipeline.ingest(s, control.isRunning()) }, log);
    attachInteractionRouter(client, COMMANDS, { control, stores, policy, log, webhooks });
    await loginAndWaitReady(client, config.discord.token);
    const count = await registerCommands(client as Client<true>, COMMANDS.map((c) => c.data), config.discord.guildId);
    log.info({ user: client.user?.tag, commands: count, guild: config.discord.guildId }, 'discord ready');
    const resumed = await pipeline.resume();
    if (resumed > 0) log.info({ resumed }, 'resuming unfinished signals');

    const db = database;
    health = async () => ({
      ready,
      components: {
        discord: { state: client.isReady() ? 'connected' : 'disconnected', pingMs: client.ws.ping },
        database: { state: (await db.ping()) ? 'ok' : 'down', kind: db.kind },
        brokers: { state: 'ok', paper: 'ok' },
        quoteFeed: { state: config.quoteFeedUrl ? 'configured' : 'disabled' },
        bot: { state: control.isRunning() ? 'running' : 'stopped' },
        mode: { state: control.state()?.mode ?? config.tradingMode },
      },
    });
    webhookIntake = {
      directory, limiter: new RateLimiter(), clock, quotes: new QuoteBook(), ingest: (s) => pipeline.ingest(s, control.isRunning()),
      defaultRateLimitPerMinute: config.webhook.rateLimitPerMinute, dedupeWindowSec: config.webhook.dedupeWindowSec,
    };
    ready = true;
    const startupMs = Math.round(performance.now() - startedAt);
    log.info({ startupMs }, 'TradeStream ready');

    return {
      httpPort: address.port, client, database, control, pipeline, startupMs,
      async stop() {
        ready = false;
        webhookIntake = null;
        await client.destroy();
        await pipeline.drain();
        await http.close();
        await db.close();
      },
    };
  } catch (err) {
    await client.destroy().catch(() => undefined);
    await http.close().catch(() => undefined);
    await database?.close().catch(() => undefined);
    throw err;
  }
}
