import { sql } from 'drizzle-orm';
import {
  bigint, bigserial, boolean, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex,
} from 'drizzle-orm/pg-core';

/**
 * The store. Prices are `numeric` (drizzle returns strings; converted to micros in the
 * repositories only), money is integer cents in `bigint`, time is UTC `timestamptz`.
 */
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const cents = (name: string) => bigint(name, { mode: 'number' });
const price = (name: string) => numeric(name, { precision: 18, scale: 6 });

/** Every message or webhook that might be an alert, written before anything acts on it. */
export const signals = pgTable('signals', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  source: text('source').notNull(),
  externalId: text('external_id').notNull(),
  channelKind: text('channel_kind').notNull(),
  channelId: text('channel_id'),
  channelName: text('channel_name'),
  guildId: text('guild_id'),
  authorId: text('author_id'),
  authorName: text('author_name'),
  rawText: text('raw_text').notNull(),
  postedAt: ts('posted_at').notNull(),
  receivedAt: ts('received_at').notNull().defaultNow(),
  parse: jsonb('parse'),
  confidence: numeric('confidence', { precision: 4, scale: 3 }),
  status: text('status').notNull().default('received'),
  reasonCode: text('reason_code'),
  reason: text('reason'),
  messageUrl: text('message_url'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  /**
   * The webhook link a TradingView signal came through, derived from its natural key
   * (`external_id` = `<link id>:<idempotency key>`) so it can never disagree with it.
   */
  webhookLinkId: bigint('webhook_link_id', { mode: 'number' }).generatedAlwaysAs(
    sql`case when source = 'tradingview' and external_id ~ '^[0-9]{1,18}:' then split_part(external_id, ':', 1)::bigint end`),
}, (t) => [
  uniqueIndex('signals_source_external_id').on(t.source, t.externalId),
  index('signals_status').on(t.status),
  index('signals_received_at').on(t.receivedAt),
  // The newest message stored for a channel: where a Discord catch-up starts (latestDiscordMessageId).
  index('signals_channel_posted_at').on(t.channelId, t.postedAt),
]);




/**
 * The paper engine's journal: orders, fills and stop moves exactly as the engine emits them,
 * keyed by the engine's ids. Replaying them (by `seq`) rebuilds the engine to the same state.
 */
export const orders = pgTable('orders', {
  orderId: text('order_id').primaryKey(),
  seq: integer('seq').notNull(),
  broker: text('broker').notNull(),
  mode: text('mode').notNull(),
  signalId: bigint('signal_id', { mode: 'number' }).references(() => signals.id),
  positionId: text('position_id').notNull(),
  symbol: text('symbol').notNull(),
  side: text('side').notNull(),
  orderType: text('order_type').notNull(),
  qty: integer('qty').notNull(),
  filledQty: integer('filled_qty').notNull(),
  purpose: text('purpose').notNull(),
  targetIndex: integer('target_index'),
  exitPlan: jsonb('exit_plan'),
  status: text('status').notNull(),
  statusReason: text('status_reason'),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
}, (t) => [index('orders_signal').on(t.signalId), index('orders_position').on(t.positionId)]);

export const fills = pgTable('fills', {
  fillId: text('fill_id').primaryKey(),
  seq: integer('seq').notNull(),
  orderId: text('order_id').notNull().references(() => orders.orderId),
  positionId: text('position_id').notNull(),
  symbol: text('symbol').notNull(),
  side: text('side').notNull(),
  qty: integer('qty').notNull(),
  price: price('price').notNull(),
  priceSource: text('price_source').notNull(),
  reason: text('reason').notNull(),
  targetIndex: integer('target_index'),
  slippageTicks: integer('slippage_ticks').notNull(),
  commissionCents: cents('commission_cents').notNull(),
  /** Realized P&L this fill closed, net of its own commission (0 for entries less commission). */
  realizedNetCents: cents('realized_net_cents').notNull(),
  filledAt: ts('filled_at').notNull(),
}, (t) => [index('fills_position').on(t.positionId), index('fills_filled_at').on(t.filledAt)]);

export const stopMoves = pgTable('stop_moves', {
  seq: integer('seq').primaryKey(),
  positionId: text('position_id').notNull(),
  fromPrice: price('from_price'),
  toPrice: price('to_price'),
  bestPrice: price('best_price'),
  cause: text('cause').notNull(),
  movedAt: ts('moved_at').notNull(),
});

/**
 * One row per broker: how many journal batches are stored. A batch names the version it was
 * computed from and bumps it, in its own transaction; a batch computed from an older version
 * (another bot wrote meanwhile) is refused, so two engines never interleave their records.
 */
export const journalHeads = pgTable('journal_heads', {
  broker: text('broker').primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull(),
  updatedAt: ts('updated_at').notNull(),
});

/** A read model of positions, rewritten from the engine after every change (for commands and reports). */
export const positions = pgTable('positions', {
  positionId: text('position_id').primaryKey(),
  signalId: bigint('signal_id', { mode: 'number' }).references(() => signals.id),
  broker: text('broker').notNull(),
  mode: text('mode').notNull(),
  symbol: text('symbol').notNull(),
  assetClass: text('asset_class').notNull(),
  side: text('side').notNull(),
  qtyOpen: integer('qty_open').notNull(),
  qtyEntered: integer('qty_entered').notNull(),
  /** Average entry rounded to 6 places for display; exact figures come from the fills. */
  avgEntry: price('avg_entry').notNull(),
  stop: price('stop'),
  targets: jsonb('targets').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
  targetsHit: integer('targets_hit').notNull().default(0),
  status: text('status').notNull(),
  realizedGrossCents: cents('realized_gross_cents').notNull(),
  commissionCents: cents('commission_cents').notNull(),
  openedAt: ts('opened_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
  closedAt: ts('closed_at'),
}, (t) => [index('positions_status_symbol').on(t.status, t.symbol)]);

/** A single row (id = 1): whether the bot acts on new alerts, and in which mode. */
export const botState = pgTable('bot_state', {
  id: integer('id').primaryKey(),
  running: boolean('running').notNull(),
  mode: text('mode').notNull(),
  startedAt: ts('started_at'),
  updatedAt: ts('updated_at').notNull(),
  updatedBy: text('updated_by'),
  /** The last TOTP time step accepted by /mode: a code is good once, also across restarts. */
  totpLastStep: bigint('totp_last_step', { mode: 'number' }),
});

/** Every control command attempt, allowed or refused. */
export const auditLog = pgTable('audit_log', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  at: ts('at').notNull(),
  actorId: text('actor_id').notNull(),
  actorName: text('actor_name'),
  action: text('action').notNull(),
  allowed: boolean('allowed').notNull(),
  interactionId: text('interaction_id'),
  detail: jsonb('detail'),
}, (t) => [index('audit_log_at').on(t.at)]);

/**
 * TradingView webhook links (the seed's "webhook links"): one secret URL each, stored as the
 * sha-256 of its token only. Settings travel with the signals the link delivers.
 */
export const webhookLinks = pgTable('webhook_links', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  name: text('name').notNull(),
  /** base64url sha-256 of the 32-byte token; the token itself is shown once and never stored. */
  tokenHash: text('token_hash').notNull(),
  /** When set, a payload's `strategy` must equal it. */
  strategy: text('strategy'),
  stopLossPct: numeric('stop_loss_pct', { precision: 9, scale: 4 }),
  targetPct: numeric('target_pct', { precision: 9, scale: 4 }),
  trailingPct: numeric('trailing_pct', { precision: 9, scale: 4 }),
  paper: boolean('paper').notNull().default(true),
  /** Requests per minute; null → WEBHOOK_RATE_LIMIT_PER_MINUTE. */
  rateLimitPerMinute: integer('rate_limit_per_minute'),
  createdBy: text('created_by').notNull(),
  createdAt: ts('created_at').notNull(),
  revokedAt: ts('revoked_at'),
}, (t) => [uniqueIndex('webhook_links_token_hash').on(t.tokenHash)]);

/**
 * /risk set overrides of the environment's risk limits and the kill switch, one row per limit:
 * the value as /risk set normalised it ("off" = limit disabled). Applied to the desk on start.
 */
export const riskOverrides = pgTable('risk_overrides', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
  updatedBy: text('updated_by').notNull(),
  updatedAt: ts('updated_at').notNull(),
});

/**
 * Who gets trade DMs besides the admins in ADMIN_USER_IDS (/notify on|off), and role admins the
 * bot has seen: buttons pressed in a DM carry no guild roles, so they are recognised from here.
 */
export const notifyPreferences = pgTable('notify_preferences', {
  userId: text('user_id').primaryKey(),
  subscribed: boolean('subscribed').notNull(),
  roleAdmin: boolean('role_admin').notNull().default(false),
  updatedAt: ts('updated_at').notNull(),
});

/** The decision on an alert held for review: one per signal, the first press wins. */
export const signalReviews = pgTable('signal_reviews', {
  signalId: bigint('signal_id', { mode: 'number' }).primaryKey().references(() => signals.id),
  decision: text('decision').notNull(),
  actorId: text('actor_id').notNull(),
  actorName: text('actor_name'),
  decidedAt: ts('decided_at').notNull(),
});

/**
 * The first mark of each trading session for each position carried into it: the open P&L it
 * had then was earned on an earlier day, so today's loss is measured from here. The first
 * write wins, so a restart mid-session keeps the session's own starting point.
 */
export const sessionMarks = pgTable('session_marks', {
  sessionStart: ts('session_start').notNull(),
  positionId: text('position_id').notNull(),
  mark: price('mark').notNull(),
  markedAt: ts('marked_at').notNull(),
}, (t) => [primaryKey({ columns: [t.sessionStart, t.positionId] })]);
