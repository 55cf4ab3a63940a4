import { loadConfig, type AppConfig } from '../../src/config/env.js';
import { createLogger } from '../../src/adapters/log/logger.js';
import { startTradeStream, type RunningApp, type StartOptions } from '../../src/bootstrap.js';
import { startDiscordDouble, type DiscordDouble, type DoubleOptions } from './discord-double/index.js';
import type { LiveBrokers } from '../../src/app/control-ports.js';
import type { Clock } from '../../src/domain/clock.js';

export const ADMIN = { id: '100000000000000001', username: 'admin' };
export const ROLE_ADMIN = { id: '100000000000000002', username: 'role-admin' };
export const TRADER = { id: '100000000000000003', username: 'trader' };
export const JMONEY = { id: '100000000000000004', username: 'twi_jmoney' };
export const ADMIN_ROLE_ID = '200000000000000001';

export interface Harness {
  double: DiscordDouble;
  app: RunningApp;
  config: AppConfig;
  /**
   * Stop the app (the double stays up) and start it again on the same database; `whileDown`
   * runs in between (e.g. users post messages the bot is not there to see).
   */
  restart(whileDown?: () => unknown): Promise<RunningApp>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  env?: Record<string, string>;
  database?: { url: string | null; dataDir: string };
  double?: DoubleOptions;
  /** Live broker adapters to treat as configured (none by default, as in production today). */
  liveBrokers?: LiveBrokers;
  /** The bot's clock (default: the system clock). */
  clock?: Clock;
  /** More start options (the instance lock's check interval, what to do on a fatal stop). */
  start?: Pick<StartOptions, 'lockCheckEveryMs' | 'journalWatchEveryMs' | 'onFatalStop'>;
}

/**
 * The bot, unmodified, against the Discord test double on 127.0.0.1 and an embedded database.
 * Admins: ADMIN by user id, and anyone holding the `admins` role.
 */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const double = await startDiscordDouble({
    guilds: [{
      name: 'TradeStream Test',
      channels: [{ name: 'twi_futures' }, { name: 'twi_options' }, { name: 'general' }],
      roles: [{ id: ADMIN_ROLE_ID, name: 'admins' }, { name: 'members' }],
    }],
    ...options.double,
  });
  const db = options.database ?? { url: null, dataDir: ':memory:' };
  const config = loadConfig({
    DISCORD_TOKEN: double.token, DISCORD_API_BASE: double.apiBase, DISCORD_GUILD_ID: double.guilds.guildId,
    ADMIN_USER_IDS: ADMIN.id, ADMIN_ROLE_IDS: ADMIN_ROLE_ID, HTTP_HOST: '127.0.0.1', HTTP_PORT: '0',
    DATA_DIR: db.dataDir, ...(db.url ? { DATABASE_URL: db.url } : {}), LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ENFORCE_MARKET_HOURS: 'false', ...options.env,
  });
  const start = () => startTradeStream(config, {
    log: createLogger({ level: config.log.level }), liveBrokers: options.liveBrokers, clock: options.clock, ...options.start,
  });
  const harness: Harness = {
    double, config, app: await start(),
    async restart(whileDown) {
      await harness.app.stop();
      await whileDown?.();
      harness.app = await start();
      return harness.app;
    },
    async close() {
      await harness.app.stop().catch(() => undefined);
      await double.close();
    },
  };
  return harness;
}

export function healthUrl(app: RunningApp): string {
  return `http://127.0.0.1:${app.httpPort}/healthz`;
}

/** Poll until `probe` returns a value (not undefined), or fail after `timeoutMs`. */
export async function eventually<T>(probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 5000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
