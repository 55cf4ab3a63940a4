import type { Client } from 'discord.js';
import type { AppConfig } from './config/env.js';
import { coreConfigFrom } from './config/core-config.js';
import type { Clock } from './domain/clock.js';
import type { AppDeps, Log, Stores } from './app/ports.js';
import { startTradingCore, type TradingCore } from './app/core.js';
import { REPORTING_TIME_ZONE } from './app/control.js';
import { runEndOfDay } from './app/trading/end-of-day.js';
import { createStores, WebhookLinkRepository, type Database } from './adapters/store/index.js';
import { attachChannelMonitor, type ChannelMonitor } from './adapters/discord/channel-monitor.js';
import { attachInteractionRouter } from './adapters/discord/interactions.js';
import { DiscordDmNotifier } from './adapters/discord/notifier.js';
import { loginAndWaitReady } from './adapters/discord/client.js';
import { registerCommands } from './adapters/discord/register.js';
import { WsQuoteFeed } from './adapters/market/ws-quote-feed.js';
import { JobScheduler } from './adapters/jobs/scheduler.js';
import type { ComponentState, HealthReport } from './adapters/http/health.js';
import { LinkDirectory, RateLimiter, type LinkAdminDeps, type WebhookIntake } from './app/webhooks/index.js';
import { linkExitDefaults } from './app/webhooks/link-exits.js';
import { ReportRepository } from './adapters/store/report-repo.js';
import { foreignWriteCheck } from './adapters/store/foreign-writes.js';
import type { HealthProbe, ReportStore } from './app/reports/ports.js';
import { startControls, type ControlServices } from './app/controls.js';
import { NO_LIVE_BROKERS, type LiveBrokers } from './app/control-ports.js';
import { Recipients } from './app/notify/recipients.js';
import { TotpVerifier } from './adapters/security/totp.js';
import { COMMANDS } from '../commands/index.js';

/** Everything built on top of an open database: stores, the trading core, webhook links. */
export interface Wired {
  stores: Stores;
  core: TradingCore;
  webhooks: LinkAdminDeps;
  directory: LinkDirectory;
  /** /mode, /risk, /notify, /review and the daily summary. */
  controls: ControlServices;
  reports: ReportStore;
}

export async function wireCore(config: AppConfig, database: Database, client: Client, clock: Clock, log: Log,
  liveBrokers: LiveBrokers = NO_LIVE_BROKERS): Promise<Wired> {
  const stores = createStores(database, () => clock.nowMs());
  const recipients = new Recipients(config.discord.adminUserIds, stores.notifyPreferences);
  const notifier = new DiscordDmNotifier(client, recipients, log);
  const deps: AppDeps = { stores, notifier, clock, onForeignWrite: foreignWriteCheck(database, log) };
  const links = new WebhookLinkRepository(database.db, () => clock.nowMs());
  const core = await startTradingCore(deps, coreConfigFrom(config), log, linkExitDefaults(links));
  const secret = config.control.liveModeTotpSecret;
  const controls = await startControls(deps, core, {
    liveBrokers, codes: secret ? new TotpVerifier(secret) : null, recipients, maxAlertAgeMs: config.maxAlertAgeMs,
  }, log);
  const directory = new LinkDirectory(links);
  await directory.refresh();
  const policy = { adminUserIds: config.discord.adminUserIds, adminRoleIds: config.discord.adminRoleIds };
  const webhooks: LinkAdminDeps = { links, audit: stores.audit, directory, policy, clock, publicUrl: config.webhook.publicUrl };
  return { stores, core, webhooks, directory, controls, reports: new ReportRepository(database.db) };
}

/**
 * Attach the channel monitor and command router, log in, and register the slash commands. Resolves
 * once the alert channels are caught up on what was posted while the bot was away (queued in the
 * pipeline, which the caller still holds), with the monitor (to stop it).
 */
export async function connectDiscord(config: AppConfig, client: Client, wired: Wired, clock: Clock, log: Log,
  health: HealthProbe): Promise<ChannelMonitor> {
  const { pipeline, control } = wired.core;
  const monitor = attachChannelMonitor(client, {
    config: config.discord, sink: { ingest: (s) => pipeline.ingest(s, control.isRunning()) }, signals: wired.stores.signals, log,
    nowMs: () => clock.nowMs(), notify: (notice) => wired.core.desk.notifier.notify(notice),
  });
  attachInteractionRouter(client, COMMANDS, {
    control, stores: wired.stores, policy: wired.webhooks.policy, log, webhooks: wired.webhooks, desk: wired.core.desk, controls: wired.controls,
    settings: {
      reportTimeZone: REPORTING_TIME_ZONE, startingBalanceCents: config.paper.startingBalanceCents,
      confidenceThreshold: config.confidenceThreshold, quickchartHost: config.quickchartHost,
    },
    health, reports: wired.reports,
  });
  let count: number;
  try {
    await loginAndWaitReady(client, config.discord.token);
    count = await registerCommands(client as Client<true>, COMMANDS.map((c) => c.data), config.discord.guildId);
    await monitor.idle();
  } catch (err) {
    await monitor.stop(); // start-up failed: no catch-up may go on writing to a store being closed
    throw err;
  }
  log.info({ user: client.user?.tag, commands: count, guild: config.discord.guildId }, 'discord ready');
  return monitor;
}

export function startQuoteFeed(config: AppConfig, wired: Wired, log: Log): WsQuoteFeed | null {
  if (!config.quoteFeedUrl) return null;
  const feed = new WsQuoteFeed({ url: config.quoteFeedUrl, sink: wired.core.desk, log });
  feed.start();
  return feed;
}

/** How often the desk looks for trades another bot on its database stored (TradingDesk.catchUp). */
export const JOURNAL_WATCH_MS = 5_000;

export function scheduleJobs(config: AppConfig, wired: Wired, log: Log, journalWatchEveryMs = JOURNAL_WATCH_MS): JobScheduler {
  const jobs = new JobScheduler(log);
  // A position another bot opened (INSTANCE_LOCK=false, an overlapping deploy) gets its stop and targets watched here too.
  jobs.every('journal-watch', journalWatchEveryMs, () => wired.core.desk.catchUp());
  const eod = config.trading.endOfDay;
  if (eod.policy !== 'none') {
    jobs.daily({ name: 'end-of-day', time: eod.time, timeZone: eod.timeZone,
      run: () => runEndOfDay(wired.core.desk, wired.core.desk.notifier, eod.policy) });
  }
  const summary = config.control.dailySummary;
  if (summary) jobs.daily({ name: 'daily-summary', time: summary.time, timeZone: summary.timeZone, run: () => wired.controls.dailySummary() });
  return jobs;
}

export function webhookIntake(config: AppConfig, wired: Wired, clock: Clock): WebhookIntake {
  const { pipeline, control, desk } = wired.core;
  return {
    directory: wired.directory, limiter: new RateLimiter(), clock, quotes: desk, ingest: (s) => pipeline.ingest(s, control.isRunning()),
    defaultRateLimitPerMinute: config.webhook.rateLimitPerMinute, dedupeWindowSec: config.webhook.dedupeWindowSec,
  };
}

/**
 * `degraded` when the instance lock was lost to another bot (both may be trading); `instanceLock`
 * is `held`, `lost`, or `none` where no lock could be made (see instance-lock.ts).
 */
function databaseHealth(up: boolean, database: Database): ComponentState {
  const lock = database.instanceLock?.() ?? 'none';
  return { state: !up ? 'down' : lock === 'lost' ? 'degraded' : 'ok', kind: database.kind, instanceLock: lock };
}

export function healthReporter(config: AppConfig, database: Database, client: Client, wired: Wired, feed: WsQuoteFeed | null,
  isReady: () => boolean): () => Promise<HealthReport> {
  const { control, desk, pipeline } = wired.core;
  return async () => ({
    ready: isReady(),
    components: {
      discord: { state: client.isReady() ? 'connected' : 'disconnected', pingMs: client.ws.ping },
      database: databaseHealth(await database.ping(), database),
      // The paper engine after a failed journal write, until it is rebuilt from the store: trades nothing.
      brokers: desk.storeProblem === null ? { state: 'ok', paper: 'ok' }
        : { state: 'degraded', paper: 'out_of_step_with_store', problem: desk.storeProblem },
      quoteFeed: feed ? { state: feed.state, received: feed.received, rejected: feed.rejected, connects: feed.connects,
        lastQuoteAgeMs: feed.lastQuoteAgeMs() }
        : { state: config.quoteFeedUrl ? 'configured' : 'disabled' },
      // Signals stored and waiting their turn (a backlog after an outage or a burst of webhooks).
      bot: { state: control.isRunning() ? 'running' : 'stopped', pendingSignals: pipeline.pending },
      mode: { state: control.state()?.mode ?? config.tradingMode },
    },
  });
}
