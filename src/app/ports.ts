import type { Alert, ChannelKind, ParseResult } from '../domain/alerts/types.js';
import type { QuoteUpdate } from '../domain/alerts/index.js';
import type { Clock } from '../domain/clock.js';

/** Where a signal came from; with `externalId` it is the natural key that makes intake idempotent. */
export type SignalSource = 'discord' | 'tradingview' | 'manual' | 'replay';

export type SignalStatus =
  | 'received' | 'not_alert' | 'needs_review' | 'ignored' | 'rejected' | 'executed' | 'stale' | 'failed';

export const TERMINAL_STATUSES: readonly SignalStatus[] =
  ['not_alert', 'needs_review', 'ignored', 'rejected', 'executed', 'stale', 'failed'];

export interface NewSignal {
  source: SignalSource;
  externalId: string;
  channelKind: ChannelKind;
  channelId: string | null;
  channelName: string | null;
  guildId: string | null;
  authorId: string | null;
  authorName: string | null;
  rawText: string;
  postedAtMs: number;
  messageUrl: string | null;
  /** Set when the signal is decided at intake (e.g. ignored because the bot is stopped). */
  status?: SignalStatus;
  reasonCode?: string | null;
  reason?: string | null;
}

export interface StoredSignal extends Required<NewSignal> {
  id: number;
  receivedAtMs: number;
  parse: ParseResult | null;
  confidence: number | null;
}

export interface SignalStore {
  /** Insert unless (source, externalId) exists; either way return the stored row. */
  insert(signal: NewSignal): Promise<{ inserted: boolean; signal: StoredSignal }>;
  get(id: number): Promise<StoredSignal | null>;
  saveParse(id: number, parse: ParseResult): Promise<void>;
  setStatus(id: number, status: SignalStatus, reasonCode: string | null, reason: string | null): Promise<void>;
  /** Signals stored but not yet processed (status `received`), oldest first. */
  unfinished(): Promise<StoredSignal[]>;
  countReceivedSince(sinceMs: number): Promise<number>;
  recent(limit: number, channelKind?: ChannelKind): Promise<StoredSignal[]>;
}

export type PositionSide = 'long' | 'short';

export interface PositionRecord {
  id: number;
  signalId: number | null;
  broker: string;
  mode: string;
  symbol: string;
  assetClass: 'futures' | 'option';
  side: PositionSide;
  qtyInitial: number;
  qtyOpen: number;
  /** Decimal strings, exact. */
  avgEntry: string;
  stop: string | null;
  targets: string[];
  targetsHit: number;
  status: 'open' | 'closed';
  realizedPnlCents: number;
  commissionCents: number;
  openedAtMs: number;
  closedAtMs: number | null;
}

export interface FillRecord {
  qty: number;
  price: string;
  priceSource: string;
  commissionCents: number;
  realizedPnlCents: number;
  filledAtMs: number;
}

/** Everything one entry execution writes, committed atomically with the signal's status. */
export interface EntryExecution {
  signalId: number;
  clientOrderId: string;
  broker: string;
  mode: string;
  symbol: string;
  assetClass: 'futures' | 'option';
  side: PositionSide;
  qty: number;
  stop: string | null;
  targets: string[];
  fill: FillRecord;
}

export interface TradeStore {
  /**
   * Write order + fill + position and mark the signal executed, in one transaction.
   * A second call with the same clientOrderId writes nothing and returns the existing position.
   */
  recordEntry(entry: EntryExecution): Promise<{ created: boolean; position: PositionRecord }>;
  openPositions(symbol?: string): Promise<PositionRecord[]>;
}

export interface BotState {
  running: boolean;
  mode: 'paper' | 'live' | 'concurrent';
  startedAtMs: number | null;
  updatedAtMs: number;
  updatedBy: string | null;
}

export interface BotStateStore {
  /** Creates the row on first use with the given defaults. */
  get(defaults: Pick<BotState, 'running' | 'mode'>): Promise<BotState>;
  setRunning(running: boolean, actor: string, atMs: number): Promise<BotState>;
}

export interface AuditEntry {
  atMs: number;
  actorId: string;
  actorName: string | null;
  action: string;
  allowed: boolean;
  interactionId: string | null;
  detail?: Record<string, unknown>;
}

export interface AuditLog {
  record(entry: AuditEntry): Promise<void>;
  recent(limit: number): Promise<AuditEntry[]>;
}

/** What the bot tells people about: rendered by the Discord adapter as DM embeds. */
export type Notice =
  | { kind: 'entry_filled'; signal: StoredSignal; alert: Alert; position: PositionRecord; fill: FillRecord }
  | { kind: 'review_needed'; signal: StoredSignal; parse: ParseResult; threshold: number }
  | { kind: 'order_rejected'; signal: StoredSignal; alert: Alert | null; reasonCode: string; reason: string };

export interface Notifier {
  /** Deliver to admins / subscribers. Never throws: delivery failures are logged by the adapter. */
  notify(notice: Notice): Promise<void>;
}

export interface Stores {
  signals: SignalStore;
  trades: TradeStore;
  botState: BotStateStore;
  audit: AuditLog;
}

export interface AppDeps {
  stores: Stores;
  notifier: Notifier;
  clock: Clock;
}

/** The logging the app layer needs; pino's Logger satisfies it. */
export interface Log {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/**
 * A TradingView webhook link (the seed's "webhook links"): a secret URL with its trading
 * settings. Percentages are decimal strings (exact); null = not set.
 */
export interface WebhookLink {
  id: number;
  name: string;
  /** When set, a payload's `strategy` must equal it. */
  strategy: string | null;
  stopLossPct: string | null;
  targetPct: string | null;
  trailingPct: string | null;
  paper: boolean;
  /** null → the configured default (WEBHOOK_RATE_LIMIT_PER_MINUTE). */
  rateLimitPerMinute: number | null;
  createdBy: string;
  createdAtMs: number;
  revokedAtMs: number | null;
}

export type NewWebhookLink = Omit<WebhookLink, 'id' | 'createdAtMs' | 'revokedAtMs'> & {
  /** base64url sha-256 of the token; the token itself is never stored. */
  tokenHash: string;
};

export interface WebhookLinkStore {
  create(link: NewWebhookLink): Promise<WebhookLink>;
  get(id: number): Promise<WebhookLink | null>;
  /** Newest first; revoked links only when asked. */
  list(includeRevoked: boolean): Promise<WebhookLink[]>;
  /** Marks the link revoked (once); null when there is no such link. */
  revoke(id: number): Promise<WebhookLink | null>;
  /** Every link not revoked, with its token hash: what the in-memory auth cache holds. */
  activeWithHashes(): Promise<{ tokenHash: string; link: WebhookLink }[]>;
}

/** Prices that arrive with webhooks (TradingView quote and bar messages), for the paper engine. */
export interface QuoteSink {
  push(quote: QuoteUpdate): void;
}
