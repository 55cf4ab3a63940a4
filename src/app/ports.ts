import type { Alert, ChannelKind, ParseResult } from '../domain/alerts/types.js';
import type { EngineJournal, Fill, Order, StopMove } from '../domain/trading/index.js';
import type { QuoteUpdate } from '../domain/alerts/index.js';
import type { Clock } from '../domain/clock.js';
import type { NotifyPreferenceStore, ReviewStore, RiskOverrideStore } from './control-ports.js';

/** Where a signal came from; with `externalId` it is the natural key that makes intake idempotent. */
export type SignalSource = 'discord' | 'tradingview' | 'manual' | 'replay';

export type SignalStatus =
  | 'received' | 'not_alert' | 'needs_review' | 'ignored' | 'rejected' | 'executed' | 'stale' | 'failed'
  /** Held for the market to open (QUEUE_OUTSIDE_HOURS); released at the next open, or on restart. */
  | 'queued';

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
  /**
   * Set when the signal is decided at intake (e.g. ignored because the bot is stopped). A
   * reasonCode without a status (so `received`) flags it for review: it is parsed, then held in
   * `needs_review` with that reason whatever its score — never traded without an admin (EDITED).
   */
  status?: SignalStatus;
  reasonCode?: string | null;
  reason?: string | null;
  /** Other keys that name the same signal while it is recent (not stored; see RecentKeys). */
  sameAsRecent?: RecentKeys;
}

/**
 * A signal (same source) stored under one of `externalIds` is this one if it was received after
 * `receivedAfterMs`. A webhook body without `id` or `timenow` is keyed by its hash and its dedupe
 * window; its repeats name the neighbouring windows' keys here, so a retry 200 ms after the first
 * delivery is not a second signal because a window ended in between.
 */
export interface RecentKeys {
  externalIds: readonly string[];
  receivedAfterMs: number;
}

export interface StoredSignal extends Required<Omit<NewSignal, 'sameAsRecent'>> {
  id: number;
  receivedAtMs: number;
  parse: ParseResult | null;
  confidence: number | null;
}

/** A status with its reason, as setStatus writes it. */
export interface SignalOutcome {
  status: SignalStatus;
  reasonCode: string | null;
  reason: string | null;
}

export interface SignalStore {
  /**
   * Insert unless (source, externalId) exists — or, with `sameAsRecent`, a signal stored under one
   * of those keys was received after its time; either way return the stored row. Atomic with
   * respect to the other inserts of this store: two racing signals with the same key, or one
   * naming the other's key in `sameAsRecent`, make one row.
   */
  insert(signal: NewSignal): Promise<{ inserted: boolean; signal: StoredSignal }>;
  get(id: number): Promise<StoredSignal | null>;
  /** The signal stored under a natural key, or null. */
  byExternalId(source: SignalSource, externalId: string): Promise<StoredSignal | null>;
  /** Every version of one message: the signal stored under `messageKey` and those of its edits (`<key>:edit:<ms>`), oldest first. */
  messageVersions(source: SignalSource, messageKey: string): Promise<StoredSignal[]>;
  /**
   * The newest Discord message (by snowflake, so by time) stored for a channel — edits, whose
   * keys are not bare message ids, do not count — or null when none is: where a catch-up starts.
   */
  latestDiscordMessageId(channelId: string): Promise<string | null>;
  /**
   * Store the parse; with an outcome, the signal's final status too, in the same write. `from` is
   * the status the caller read: when the signal has left it, nothing is written and this rejects
   * with SignalTakenError (another bot on this database handled it).
   */
  saveParse(id: number, from: SignalStatus, parse: ParseResult, outcome?: SignalOutcome): Promise<void>;
  /** Move a signal from the status the caller read to another; SignalTakenError when it has left `from`. */
  setStatus(id: number, from: SignalStatus, to: SignalStatus, reasonCode: string | null, reason: string | null): Promise<void>;
  /** Signals stored but not yet processed (status `received`), oldest first. */
  unfinished(): Promise<StoredSignal[]>;
  /** Signals waiting for the market to open (status `queued`), oldest first. */
  queued(): Promise<StoredSignal[]>;
  /** Signals an admin approved in review that are still `needs_review` (never executed), oldest first. */
  approvedNotExecuted(): Promise<StoredSignal[]>;
  countReceivedSince(sinceMs: number): Promise<number>;
  recent(limit: number, channelKind?: ChannelKind): Promise<StoredSignal[]>;
}

export type PositionSide = 'long' | 'short';

/** A position as commands and reports see it (the read model the trading desk keeps current). */
export interface PositionRecord {
  id: string;
  signalId: number | null;
  broker: string;
  mode: string;
  symbol: string;
  assetClass: 'futures' | 'option';
  side: PositionSide;
  qtyOpen: number;
  qtyEntered: number;
  /** Decimal strings, exact to 6 places. */
  avgEntry: string;
  stop: string | null;
  /** Every target of the bracket, T1 first; `targetsHit` of them have filled. */
  targets: string[];
  targetsHit: number;
  status: 'open' | 'closed';
  realizedGrossCents: number;
  commissionCents: number;
  openedAtMs: number;
  updatedAtMs: number;
  closedAtMs: number | null;
}

/** Net realized P&L of a position: gross realized minus every commission paid on it. */
export function realizedNetOf(p: Pick<PositionRecord, 'realizedGrossCents' | 'commissionCents'>): number {
  return p.realizedGrossCents - p.commissionCents;
}

/** `#P12 ES LONG 2`: a position's id, symbol, side and open contracts, as /positions and every DM name it. */
export function positionLabel(p: Pick<PositionRecord, 'id' | 'symbol' | 'side' | 'qtyOpen'>): string {
  return `#${p.id} ${p.symbol} ${p.side.toUpperCase()} ${p.qtyOpen}`;
}

/** A fill as notices show it. */
export interface FillRecord {
  fillId: string;
  positionId: string;
  symbol: string;
  side: 'buy' | 'sell';
  qty: number;
  price: string;
  priceSource: string;
  reason: string;
  targetIndex: number | null;
  commissionCents: number;
  /** What this fill realized, net of its own commission. */
  realizedNetCents: number;
  filledAtMs: number;
}

/** One atomic write of engine output: journal records, the position read model, the signal's outcome. */
export interface JournalBatch {
  broker: string;
  mode: string;
  /**
   * The journal version the batch was computed from (StoredJournal.version, plus one per batch
   * since); storing it makes the version one more. Refused (JournalConflictError) when the stored
   * version is another: someone else wrote to the journal meanwhile.
   */
  basedOn: number;
  orders: Order[];
  fills: { fill: Fill; realizedNetCents: number }[];
  stopMoves: StopMove[];
  positions: PositionRecord[];
  /**
   * The signal the batch acts on, moved from `from` (the status it was read with) to `status` in
   * the same transaction; the whole batch is refused (SignalTakenError) when it has left `from`.
   */
  signal: { id: number; from: SignalStatus; status: SignalStatus; reasonCode: string | null; reason: string | null } | null;
}

/** A broker's journal as stored, with its version: how many batches have been stored for it. */
export type StoredJournal = EngineJournal & { version: number };

export interface TradeStore {
  /** Everything needed to rebuild the engine for a broker. */
  loadJournal(broker: string): Promise<StoredJournal>;
  /** The stored journal's version alone (StoredJournal.version): how many batches are stored for the broker. */
  journalVersion(broker: string): Promise<number>;
  commit(batch: JournalBatch): Promise<void>;
  openPositions(symbol?: string): Promise<PositionRecord[]>;
  /** Positions closed at or after `sinceMs` (all when null), oldest close first. */
  closedPositions(sinceMs: number | null): Promise<PositionRecord[]>;
}

/** The first mark of a trading session for each position carried into it (risk/build-snapshot). */
export interface SessionMarkStore {
  /** positionId → mark (micros) recorded for the session that started at `sessionStartMs`. */
  load(sessionStartMs: number): Promise<Map<string, number>>;
  /** Keeps the first mark recorded for a session and position; later ones are ignored. */
  record(sessionStartMs: number, positionId: string, markMicros: number, atMs: number): Promise<void>;
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
  setMode(mode: BotState['mode'], actor: string, atMs: number): Promise<BotState>;
  /**
   * Record a TOTP time step as used; false when it (or a later one) was used before. Atomic in
   * the store, so a code is good once — also after a restart.
   */
  claimTotpStep(step: number): Promise<boolean>;
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
  | { kind: 'entry_filled'; signal: StoredSignal | null; alert: Alert | null; position: PositionRecord; fill: FillRecord }
  | { kind: 'exit_filled'; signal: StoredSignal | null; position: PositionRecord; fill: FillRecord }
  | { kind: 'stop_moved'; position: PositionRecord; from: string | null; to: string | null; cause: string }
  | { kind: 'daily_loss_limit'; description: string; flattened: number }
  | { kind: 'end_of_day'; policy: string; closed: { position: PositionRecord; fill: FillRecord }[]; held: PositionRecord[] }
  | { kind: 'review_needed'; signal: StoredSignal; parse: ParseResult; threshold: number }
  /** An alert was edited into something that is no alert ("cancelled"): nothing is undone by itself. */
  | { kind: 'alert_withdrawn'; signal: StoredSignal; original: StoredSignal }
  | { kind: 'order_rejected'; signal: StoredSignal; alert: Alert | null; reasonCode: string; reason: string }
  /**
   * What an alert channel got while the bot was away was not all read: more than the catch-up
   * reads (`capped`, the newest `read` were), or its history could not be read at all.
   */
  | { kind: 'catch_up_incomplete'; channelName: string; why: 'capped' | 'no_history_access' | 'failed'; read: number }
  | { kind: 'setting_changed'; setting: 'mode' | 'risk'; name: string; from: string; to: string; actorName: string; atMs: number }
  | { kind: 'daily_summary'; summary: DailySummary };

/** The day's trading in one DM (the trading day is CME Globex's session, from 18:00 New York). */
export interface DailySummary {
  atMs: number;
  sessionStartMs: number;
  /** Entries filled in the session. */
  tradesToday: number;
  closedToday: number;
  realizedNetCents: number;
  unrealizedCents: number;
  open: PositionRecord[];
}

export interface Notifier {
  /** Deliver to admins / subscribers. Never throws: delivery failures are logged by the adapter. */
  notify(notice: Notice): Promise<void>;
}

export interface Stores {
  signals: SignalStore;
  trades: TradeStore;
  botState: BotStateStore;
  audit: AuditLog;
  riskOverrides: RiskOverrideStore;
  notifyPreferences: NotifyPreferenceStore;
  reviews: ReviewStore;
  sessionMarks: SessionMarkStore;
}

export interface AppDeps {
  stores: Stores;
  notifier: Notifier;
  clock: Clock;
  /**
   * The store showed another bot writing to this database (a SignalTakenError or a
   * JournalConflictError, with it as evidence): the bot checks its instance lock at once rather
   * than at the next 30 s check, and stops if the other took it.
   */
  onForeignWrite?: (evidence: Error) => void;
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
