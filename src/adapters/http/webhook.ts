import type http from 'node:http';
import type { Log } from '../../app/ports.js';
import {
  authorizeWebhook, receiveWebhook, type WebhookIntake, type WebhookOutcome,
} from '../../app/webhooks/receive.js';
import type { HttpServer } from './server.js';
import { sendJson } from './server.js';
import { MAX_BODY_BYTES, contentKind, readBody, type BodyRead } from './webhook-body.js';
import { clientAddress, isTradingViewAddress } from './webhook-source.js';

export interface WebhookRouteOptions {
  /** Accept only TradingView's published source addresses. */
  ipAllowlist: boolean;
  /** Read the client address from X-Forwarded-For (only behind our own proxy). */
  trustProxy: boolean;
  maxBodyBytes?: number;
  log: Log;
}

type Reply = { status: number; body: Record<string, unknown>; headers?: Record<string, string> };

/** Every refusal to authenticate looks the same: no hint about which part was wrong. */
const UNAUTHORIZED: Reply = { status: 401, body: { ok: false, error: 'UNAUTHORIZED' } };
const STARTING: Reply = { status: 503, body: { ok: false, error: 'STARTING' }, headers: { 'retry-after': '5' } };
const UNAVAILABLE: Reply = { status: 503, body: { ok: false, error: 'UNAVAILABLE' }, headers: { 'retry-after': '5' } };

/**
 * POST /webhooks/tradingview/:token — TradingView alerts in, 200 once stored. `intake()` is null
 * until the database is ready (503 then, which TradingView retries). Each outcome of the app
 * layer maps to a status code here, once.
 */
export function registerWebhook(server: HttpServer, intake: () => WebhookIntake | null, options: WebhookRouteOptions): void {
  server.route('POST', '/webhooks/tradingview/:token', async (req, res, params) => {
    const reply = await handle(req, params.token ?? '', intake(), options);
    const close: Record<string, string> = reply.status === 413 ? { connection: 'close' } : {};
    sendJson(res, reply.status, reply.body, { ...reply.headers, ...close });
  });
}

async function handle(req: http.IncomingMessage, token: string, intake: WebhookIntake | null, options: WebhookRouteOptions): Promise<Reply> {
  if (!intake) return STARTING;
  if (options.ipAllowlist && !isTradingViewAddress(clientAddress(req, options.trustProxy))) return UNAUTHORIZED;
  const auth = authorizeWebhook(intake, token);
  if (auth.status === 'unauthorized') return UNAUTHORIZED;
  if (auth.status === 'rate_limited') {
    const retryAfter = String(auth.retryAfterSec);
    return { status: 429, body: { ok: false, error: 'RATE_LIMITED', retryAfterSeconds: auth.retryAfterSec }, headers: { 'retry-after': retryAfter } };
  }
  const kind = contentKind(req.headers['content-type']);
  if (!kind) {
    return { status: 415, body: { ok: false, error: 'UNSUPPORTED_MEDIA_TYPE', message: 'send application/json or text/plain' } };
  }
  const limit = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const read = await readBody(req, limit);
  if (read.status !== 'ok') return bodyProblem(read, limit);
  try {
    const outcome = await receiveWebhook(intake, auth.link, { text: read.text, declaredJson: kind === 'json' });
    if (outcome.status === 'invalid') options.log.warn({ linkId: auth.link.id, code: outcome.code, fields: outcome.fields }, 'webhook refused');
    return toReply(outcome);
  } catch (err) {
    // The store is down or failing: not stored, so say so with a 503 TradingView will retry.
    options.log.error({ err, linkId: auth.link.id }, 'webhook could not be stored');
    return UNAVAILABLE;
  }
}

function bodyProblem(read: Exclude<BodyRead, { status: 'ok' }>, limit: number): Reply {
  switch (read.status) {
    case 'too_large':
      return { status: 413, body: { ok: false, error: 'PAYLOAD_TOO_LARGE', limitBytes: limit } };
    case 'not_utf8':
      return { status: 400, body: { ok: false, error: 'INVALID_PAYLOAD', fields: { body: 'must be UTF-8 text' } } };
    case 'timeout':
      return { status: 408, body: { ok: false, error: 'REQUEST_TIMEOUT' }, headers: { connection: 'close' } };
    case 'aborted':
      return { status: 400, body: { ok: false, error: 'ABORTED' } };
  }
}

function toReply(outcome: WebhookOutcome): Reply {
  switch (outcome.status) {
    case 'invalid':
      return { status: 400, body: { ok: false, error: outcome.code, fields: outcome.fields } };
    case 'stored':
      return { status: 200, body: { ok: true, id: outcome.signalId, status: 'received' } };
    case 'duplicate':
      return { status: 200, body: { ok: true, id: outcome.signalId, duplicate: true, status: outcome.signalStatus } };
    case 'ignored':
      return { status: 200, body: { ok: true, id: outcome.signalId, status: 'ignored', reasonCode: outcome.reasonCode, reason: outcome.reason } };
    case 'quote':
      return { status: 200, body: { ok: true, quote: outcome.symbol } };
  }
}
