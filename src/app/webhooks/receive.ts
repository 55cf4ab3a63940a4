import type { Clock } from '../../domain/clock.js';
import type { IngestResult } from '../pipeline.js';
import type { NewSignal, QuoteSink, SignalStatus, WebhookLink } from '../ports.js';
import { deliveryKey, webhookExternalId } from './idempotency.js';
import type { LinkDirectory } from './link-directory.js';
import { validateBody, type TradingViewAlertPayload } from './payload.js';
import { quoteFromPayload, quoteTimeProblem } from './quote-message.js';
import type { RateLimiter } from './rate-limiter.js';

/** What receiving a webhook needs; `ingest` is the pipeline's store-first intake. */
export interface WebhookIntake {
  directory: LinkDirectory;
  limiter: RateLimiter;
  clock: Clock;
  ingest(signal: NewSignal): Promise<IngestResult>;
  quotes: QuoteSink;
  defaultRateLimitPerMinute: number;
  dedupeWindowSec: number;
}

export type WebhookAuthorization =
  | { status: 'unauthorized' }
  | { status: 'rate_limited'; retryAfterSec: number }
  | { status: 'authorized'; link: WebhookLink };

export type WebhookOutcome =
  | { status: 'invalid'; code: 'INVALID_JSON' | 'INVALID_PAYLOAD' | 'STRATEGY_MISMATCH'; fields: Record<string, string> }
  | { status: 'stored'; signalId: number }
  | { status: 'duplicate'; signalId: number; signalStatus: SignalStatus }
  | { status: 'ignored'; signalId: number; reasonCode: string; reason: string }
  | { status: 'quote'; symbol: string };

/** The body as read: its text, and whether the sender declared it JSON (Content-Type). */
export interface WebhookBody {
  text: string;
  declaredJson: boolean;
}

/** Token → link, then the link's rate limit. Synchronous: no I/O on this path. */
export function authorizeWebhook(intake: WebhookIntake, token: string): WebhookAuthorization {
  const link = intake.directory.authenticate(token);
  if (!link) return { status: 'unauthorized' };
  const perMinute = link.rateLimitPerMinute ?? intake.defaultRateLimitPerMinute;
  const decision = intake.limiter.take(link.id, perMinute, intake.clock.nowMs());
  return decision.allowed ? { status: 'authorized', link } : { status: 'rate_limited', retryAfterSec: decision.retryAfterSec };
}

/**
 * Validate, then store through the pipeline (which answers once the signal is durable and goes
 * on processing it asynchronously). Quote messages go to the quote sink and are not stored.
 */
export async function receiveWebhook(intake: WebhookIntake, link: WebhookLink, body: WebhookBody): Promise<WebhookOutcome> {
  const decoded = decodeJson(body);
  if (decoded === INVALID_JSON) {
    return { status: 'invalid', code: 'INVALID_JSON', fields: { body: 'is not valid JSON (Content-Type says application/json)' } };
  }
  const validated = validateBody(body.text, decoded);
  if (validated.kind === 'invalid') {
    const fields = { ...quoteTimeProblem(decoded, intake.clock.nowMs()), ...validated.fields };
    return { status: 'invalid', code: 'INVALID_PAYLOAD', fields };
  }
  const strategy = validated.kind === 'text' ? undefined : validated.payload.strategy;
  const mismatch = strategyMismatch(link, strategy);
  if (mismatch) return { status: 'invalid', code: 'STRATEGY_MISMATCH', fields: { strategy: mismatch } };
  const nowMs = intake.clock.nowMs();
  if (validated.kind === 'quote') {
    const quote = quoteFromPayload(decoded, nowMs);
    if (!quote.ok) return { status: 'invalid', code: 'INVALID_PAYLOAD', fields: quote.fields };
    intake.quotes.push(quote.quote);
    return { status: 'quote', symbol: quote.quote.symbol };
  }
  const payload = validated.kind === 'alert' ? validated.payload : null;
  return store(intake, link, body.text, payload, nowMs);
}

/**
 * A body-hash key's neighbouring windows ride along as `sameAsRecent`: the store decides "a repeat
 * within the window" in the same statement that inserts, so two racing deliveries either side of
 * a window boundary cannot both miss each other (a lookup before the insert could).
 */
async function store(intake: WebhookIntake, link: WebhookLink, text: string, payload: TradingViewAlertPayload | null, nowMs: number): Promise<WebhookOutcome> {
  const { key, neighbourKeys } = deliveryKey(payload, text, nowMs, intake.dedupeWindowSec);
  const result = await intake.ingest({
    source: 'tradingview', externalId: webhookExternalId(link.id, key), channelKind: 'tradingview',
    channelId: null, channelName: link.name, guildId: null, authorId: null, authorName: 'TradingView',
    rawText: text, postedAtMs: nowMs, messageUrl: null,
    ...(neighbourKeys.length === 0 ? {} : { sameAsRecent: {
      externalIds: neighbourKeys.map((k) => webhookExternalId(link.id, k)), receivedAfterMs: nowMs - intake.dedupeWindowSec * 1000,
    } }),
  });
  const { signal } = result;
  if (result.status === 'duplicate') return { status: 'duplicate', signalId: signal.id, signalStatus: signal.status };
  if (result.status === 'ignored') {
    return { status: 'ignored', signalId: signal.id, reasonCode: signal.reasonCode ?? 'IGNORED', reason: signal.reason ?? 'ignored' };
  }
  return { status: 'stored', signalId: signal.id };
}

const INVALID_JSON = Symbol('invalid json');

/**
 * TradingView sends application/json only when the message is valid JSON, text/plain otherwise —
 * so a text body is tried as JSON too, and kept as text when it is not (a template broken by an
 * empty placeholder still reaches the parser, which can repair it). undefined = not JSON.
 */
function decodeJson(body: WebhookBody): unknown {
  const looksJson = /^\s*[[{]/.test(body.text);
  if (!body.declaredJson && !looksJson) return undefined;
  try {
    return JSON.parse(body.text) as unknown;
  } catch {
    return body.declaredJson ? INVALID_JSON : undefined;
  }
}

/** The seed's rule: a link tied to a strategy takes only that strategy's alerts (case-insensitive). */
function strategyMismatch(link: WebhookLink, strategy: string | undefined): string | null {
  if (link.strategy === null) return null;
  if (strategy === undefined) return `is required by this link: send a JSON message with "strategy": "${link.strategy}"`;
  return strategy.toLowerCase() === link.strategy.toLowerCase() ? null : `must be "${link.strategy}" for this link`;
}
