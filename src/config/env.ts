import { z } from 'zod';

/**
 * Environment → typed config. Every variable is validated at once so a bad config produces
 * one message listing every problem (see `ConfigError`), and nothing starts.
 */
import { bool, channelList, decimal, int, optionalList, positiveUsd, snowflakes, usd } from './fields.js';
import { TRADING_ENV, toTradingConfig, type TradingConfig } from './trading-env.js';
import { CONTROL_ENV, toControlConfig, type ControlConfig } from './control-env.js';
import { listenHost, parsePostgresUrl, postgresUrl, urlSetting } from './network-fields.js';

export const EnvSchema = z.object({
  DISCORD_TOKEN: z.string({ error: 'is required (the bot token from the Discord Developer Portal)' })
    .min(1, 'is required (the bot token from the Discord Developer Portal)'),
  DISCORD_GUILD_ID: z.string().regex(/^\d{5,25}$/, 'must be a Discord guild id (digits)').optional(),
  DISCORD_API_BASE: urlSetting(['http', 'https'], 'http://127.0.0.1:8080/api').optional(),
  FUTURES_CHANNELS: channelList('twi_futures'),
  OPTIONS_CHANNELS: channelList('twi_options'),
  ALERT_AUTHORS: optionalList,
  ADMIN_USER_IDS: snowflakes,
  ADMIN_ROLE_IDS: snowflakes,
  DATABASE_URL: postgresUrl.optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  INSTANCE_LOCK: bool(true),
  HTTP_HOST: listenHost.default('0.0.0.0'),
  HTTP_PORT: int(8080, 0, 65535),
  QUOTE_FEED_URL: urlSetting(['ws', 'wss'], 'wss://quotes.example.com/stream').optional(),
  TRADING_MODE: z.enum(['paper', 'live', 'concurrent']).default('paper'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_PRETTY: bool(false),
  CONFIDENCE_THRESHOLD: decimal(0.8, 'a number from 0 to 1, such as 0.8', (n) => n >= 0 && n <= 1),
  STARTING_BALANCE: positiveUsd('25000'),
  BASE_CONTRACTS: int(1, 1, 1000),
  SLIPPAGE_TICKS: int(1, 0, 100),
  COMMISSION_FUTURES: usd('0.62'),
  COMMISSION_OPTIONS: usd('0.65'),
  ENFORCE_MARKET_HOURS: bool(true),
  MAX_ALERT_AGE_SECONDS: int(120, 1, 86_400),
  WEBHOOK_PUBLIC_URL: urlSetting(['https', 'http'], 'https://bot.example.com').optional(),
  WEBHOOK_IP_ALLOWLIST: bool(false),
  TRUST_PROXY: bool(false),
  WEBHOOK_RATE_LIMIT_PER_MINUTE: int(60, 1, 1_000_000),
  WEBHOOK_DEDUPE_WINDOW_SECONDS: int(60, 1, 86_400),
  QUICKCHART_HOST: urlSetting(['http', 'https'], 'http://127.0.0.1:3400').optional(),
  ...TRADING_ENV,
  ...CONTROL_ENV,
});

export type Env = z.infer<typeof EnvSchema>;

export interface AppConfig {
  discord: {
    token: string;
    guildId: string | null;
    apiBase: string | null;
    futuresChannels: string[];
    optionsChannels: string[];
    alertAuthors: string[];
    adminUserIds: string[];
    adminRoleIds: string[];
  };
  /** `instanceLock`: one bot per database (store/instance-lock.ts); off only behind a transaction-mode pooler. */
  database: { url: string | null; dataDir: string; instanceLock: boolean };
  http: { host: string; port: number };
  quoteFeedUrl: string | null;
  tradingMode: 'paper' | 'live' | 'concurrent';
  log: { level: Env['LOG_LEVEL']; pretty: boolean };
  confidenceThreshold: number;
  paper: {
    startingBalanceCents: number;
    baseContracts: number;
    slippageTicks: number;
    commissionFuturesCents: number;
    commissionOptionsCents: number;
    enforceMarketHours: boolean;
  };
  maxAlertAgeMs: number;
  webhook: {
    /** Base URL shown in /webhook create (no trailing slash); null → a placeholder. */
    publicUrl: string | null;
    /** Only TradingView's published addresses may call the webhook. */
    ipAllowlist: boolean;
    /** Take the client address from X-Forwarded-For (set only behind your own reverse proxy). */
    trustProxy: boolean;
    rateLimitPerMinute: number;
    dedupeWindowSec: number;
  };
  /** Self-hosted QuickChart for /pnl charts (no trailing slash); null → quickchart.io. */
  quickchartHost: string | null;
  /** Risk limits, paper-engine extras and the end-of-day routine. */
  trading: TradingConfig;
  /** The TOTP guard on /mode live and the daily summary DM. */
  control: ControlConfig;
}

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n`
      + problems.map((p) => `  - ${p}`).join('\n'));
    this.name = 'ConfigError';
  }
}

/** Empty strings count as unset, as in most .env tooling. */
function normalise(source: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(source)) {
    if (value !== undefined && value.trim() !== '') out[key] = value;
  }
  return out;
}

export function loadConfig(source: Record<string, string | undefined> = process.env): AppConfig {
  const parsed = EnvSchema.safeParse(normalise(source));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(environment)'} ${issue.message}`);
    throw new ConfigError(problems);
  }
  return toAppConfig(parsed.data);
}

function toAppConfig(env: Env): AppConfig {
  return {
    discord: {
      token: env.DISCORD_TOKEN,
      guildId: env.DISCORD_GUILD_ID ?? null,
      apiBase: env.DISCORD_API_BASE ?? null,
      futuresChannels: env.FUTURES_CHANNELS,
      optionsChannels: env.OPTIONS_CHANNELS,
      alertAuthors: env.ALERT_AUTHORS,
      adminUserIds: env.ADMIN_USER_IDS,
      adminRoleIds: env.ADMIN_ROLE_IDS,
    },
    database: { url: env.DATABASE_URL ?? null, dataDir: env.DATA_DIR, instanceLock: env.INSTANCE_LOCK },
    http: { host: env.HTTP_HOST, port: env.HTTP_PORT },
    quoteFeedUrl: env.QUOTE_FEED_URL ?? null,
    tradingMode: env.TRADING_MODE,
    log: { level: env.LOG_LEVEL, pretty: env.LOG_PRETTY },
    confidenceThreshold: env.CONFIDENCE_THRESHOLD,
    paper: {
      startingBalanceCents: env.STARTING_BALANCE,
      baseContracts: env.BASE_CONTRACTS,
      slippageTicks: env.SLIPPAGE_TICKS,
      commissionFuturesCents: env.COMMISSION_FUTURES,
      commissionOptionsCents: env.COMMISSION_OPTIONS,
      enforceMarketHours: env.ENFORCE_MARKET_HOURS,
    },
    maxAlertAgeMs: env.MAX_ALERT_AGE_SECONDS * 1000,
    webhook: {
      publicUrl: env.WEBHOOK_PUBLIC_URL?.replace(/\/+$/, '') ?? null,
      ipAllowlist: env.WEBHOOK_IP_ALLOWLIST,
      trustProxy: env.TRUST_PROXY,
      rateLimitPerMinute: env.WEBHOOK_RATE_LIMIT_PER_MINUTE,
      dedupeWindowSec: env.WEBHOOK_DEDUPE_WINDOW_SECONDS,
    },
    quickchartHost: env.QUICKCHART_HOST?.replace(/\/+$/, '') ?? null,
    trading: toTradingConfig(env),
    control: toControlConfig(env),
  };
}

/** Values that must never reach a log line. */
export function secretsOf(config: AppConfig): string[] {
  const secrets = [config.discord.token];
  if (config.control.liveModeTotpSecret) secrets.push(config.control.liveModeTotpSecret);
  if (config.database.url) {
    const password = safePassword(config.database.url);
    if (password) secrets.push(password);
  }
  return secrets.filter((s) => s.length >= 4);
}

function safePassword(url: string): string | null {
  const parsed = parsePostgresUrl(url);
  return parsed ? decodeURIComponent(parsed.password) || null : null;
}
