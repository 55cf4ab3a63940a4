import type { Client } from 'discord.js';
import type { AppConfig } from './config/env.js';
import type { Clock } from './domain/clock.js';
import type { Log } from './app/ports.js';
import type { BotControl } from './app/control.js';
import type { SignalPipeline } from './app/pipeline.js';
import type { TradingDesk } from './app/trading/desk.js';
import { systemClock } from './adapters/system-clock.js';
import { openDatabase, type Database } from './adapters/store/index.js';
import { createDiscordClient } from './adapters/discord/client.js';
import { HttpServer } from './adapters/http/server.js';
import { describeListenError } from './adapters/http/listen-error.js';
import { registerHealth, type HealthReport } from './adapters/http/health.js';
import { registerWebhook } from './adapters/http/webhook.js';
import type { WebhookIntake } from './app/webhooks/index.js';
import type { WsQuoteFeed } from './adapters/market/ws-quote-feed.js';
import type { LiveBrokers } from './app/control-ports.js';
import type { ChannelMonitor } from './adapters/discord/channel-monitor.js';
import type { JobScheduler } from './adapters/jobs/scheduler.js';
import { connectDiscord, healthReporter, scheduleJobs, startQuoteFeed, webhookIntake, wireCore } from './wiring.js';

/** Longest wait for work under way to finish when the bot stops (SIGINT/SIGTERM, or its lock taken). */
export const SHUTDOWN_TIMEOUT_MS = 30_000;

export interface RunningApp {
  httpPort: number;
  client: Client;
  database: Database;
  control: BotControl;
  pipeline: SignalPipeline;
  desk: TradingDesk;
  feed: WsQuoteFeed | null;
  /** Milliseconds from start() to ready. */
  startupMs: number;
  stop(): Promise<void>;
}

export interface StartOptions {
  log: Log;
  clock?: Clock;
  /** Live broker adapters that are configured; none unless given (no live adapter exists yet). */
  liveBrokers?: LiveBrokers;
  /**
   * The bot stopped itself: another TradeStream took its database's instance lock while it ran
   * (instance-lock.ts). Work under way has finished and everything is disconnected; main exits non-zero.
   */
  onFatalStop?: (reason: Error) => void;
  /** How often the instance lock is checked (default 30 s; tests shorten it). */
  lockCheckEveryMs?: number;
  /** How often the journal is checked for another bot's trades (default 5 s, JOURNAL_WATCH_MS; tests shorten it). */
  journalWatchEveryMs?: number;
}

/**
 * Bring the bot up: HTTP first (so /healthz says 503 while starting), then the database
 * (migrations) and the trading core (engine rebuilt from its journal), then Discord; finally
 * the quote feed, scheduled jobs, and the signals left unfinished by the last run.
 */
export async function startTradeStream(config: AppConfig, options: StartOptions): Promise<RunningApp> {
  const startedAt = performance.now();
  const { log } = options;
  const clock = options.clock ?? systemClock;
  let ready = false;
  let health: () => Promise<HealthReport> = () => Promise.resolve({ ready: false, components: {} });
  let intake: WebhookIntake | null = null;
  const http = new HttpServer(log);
  registerHealth(http, () => health());
  registerWebhook(http, () => intake, { ipAllowlist: config.webhook.ipAllowlist, trustProxy: config.webhook.trustProxy, log });
  const { host, port } = config.http;
  const address = await http.listen(port, host).catch((err: unknown) => {
    throw describeListenError(err, host, port);
  });
  log.info({ port: address.port }, 'http listening');

  let database: Database | null = null;
  let app: RunningApp | null = null;
  let lockTaken: Error | null = null;
  // Two bots must not trade at once: the one whose lock another took stops (before it is ready: start-up fails).
  const onLockLost = (err: Error) => {
    lockTaken = err;
    if (app !== null) stopForLostLock(app, err, log, options.onFatalStop);
  };
  const client = createDiscordClient(config.discord.apiBase);
  try {
    if (!config.database.instanceLock) log.warn({}, 'INSTANCE_LOCK=off: nothing stops a second bot on this database');
    const exclusive = { log, onLockLost, ...(options.lockCheckEveryMs ? { lockCheckEveryMs: options.lockCheckEveryMs } : {}) };
    database = await openDatabase(config.database, config.database.instanceLock ? exclusive : undefined);
    log.info({ kind: database.kind }, 'database ready');
    const wired = await wireCore(config, database, client, clock, log, options.liveBrokers);
    // Unfinished signals go first, then what the alert channels got while the bot was away (caught
    // up once Discord is ready), then messages arriving now (an `ES out` must not be handled before
    // the `ES LONG` a crash left unfinished, or one posted while the bot was down).
    const openQueue = wired.core.pipeline.hold();
    const resumed = await wired.core.pipeline.resume();
    if (resumed > 0) log.info({ resumed }, 'resuming unfinished signals');
    let monitor: ChannelMonitor;
    try {
      monitor = await connectDiscord(config, client, wired, clock, log, () => health());
    } finally {
      openQueue();
    }
    const feed = startQuoteFeed(config, wired, log);
    const jobs = scheduleJobs(config, wired, log, options.journalWatchEveryMs);
    health = healthReporter(config, database, client, wired, feed, () => ready);
    intake = webhookIntake(config, wired, clock);
    ready = true;
    const startupMs = Math.round(performance.now() - startedAt);
    log.info({ startupMs }, 'TradeStream ready');
    const db = database;
    const { control, pipeline, desk } = wired.core;
    const started: RunningApp = {
      httpPort: address.port, client, database, control, pipeline, desk, feed, startupMs,
      stop: stopInOrder({
        intakeOff: () => { ready = false; intake = null; }, jobs, feed, monitor, client, pipeline, desk, http, db,
      }),
    };
    if (lockTaken !== null) {
      await started.stop();
      throw lockTaken;
    }
    app = started;
    return started;
  } catch (err) {
    await client.destroy().catch(() => undefined);
    await http.close().catch(() => undefined);
    await database?.close().catch(() => undefined);
    throw err;
  }
}

interface RunningParts {
  intakeOff: () => void;
  jobs: JobScheduler;
  feed: WsQuoteFeed | null;
  monitor: ChannelMonitor;
  client: Client;
  pipeline: SignalPipeline;
  desk: TradingDesk;
  http: HttpServer;
  db: Database;
}

/**
 * The bot's stop, once however often it is asked for (a signal may come during a stop after the
 * instance lock was lost): intake first, then work under way finishes (its DMs included), then
 * everything disconnects.
 */
function stopInOrder(p: RunningParts): () => Promise<void> {
  let stopping: Promise<void> | null = null;
  const stopAll = async () => {
    p.intakeOff();
    p.jobs.stop();
    p.feed?.stop();
    await p.monitor.stop();
    p.client.removeAllListeners('interactionCreate');
    await p.pipeline.close(); // the signal under way finishes; the rest wait in the store for the next start
    await p.desk.drain();
    p.desk.stop();
    await p.client.destroy();
    await p.http.close();
    await p.db.close();
  };
  return () => (stopping ??= stopAll());
}

/**
 * The bot whose instance lock another took stops, as on SIGTERM; `onFatalStop` (main: exit 1) is
 * called once, when the stop has ended — or failed, or overrun SHUTDOWN_TIMEOUT_MS.
 */
export function stopForLostLock(app: Pick<RunningApp, 'stop'>, reason: Error, log: Log, onFatalStop?: (reason: Error) => void): void {
  log.error({}, 'stopping: another TradeStream holds the database now');
  let told = false;
  const stopped = () => {
    clearTimeout(overdue);
    if (!told) { told = true; onFatalStop?.(reason); }
  };
  const overdue = setTimeout(() => { log.error({}, `work under way did not finish within ${SHUTDOWN_TIMEOUT_MS / 1000} s`); stopped(); }, SHUTDOWN_TIMEOUT_MS);
  overdue.unref();
  app.stop().then(stopped, (err: unknown) => { log.error({ err }, 'the stop after losing the instance lock failed'); stopped(); });
}
