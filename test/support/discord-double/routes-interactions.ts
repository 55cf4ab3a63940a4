import { ApiError, invalidForm, unknownInteraction, unknownMessage, unknownWebhook } from './api-error.js';
import { messageEventJson, messageJson } from './api-json.js';
import { createBotMessage, editBotMessage, emptyBotMessage, EPHEMERAL, payloadOf } from './message-payload.js';
import { noContent, ok, type Route, type RouteContext, type RouteResult } from './router.js';
import type { InteractionRecord } from './state.js';
import type { Json, StoredMessage } from './types.js';

/** Shown while a deferred reply is "thinking". */
const LOADING = 1 << 7;
const ALLOWED_CALLBACKS: Record<InteractionRecord['kind'], number[]> = {
  command: [4, 5, 9], component: [4, 5, 6, 7, 9], autocomplete: [8],
};

function callback(ctx: RouteContext): RouteResult {
  const record = ctx.state.interactions.get(ctx.params.interactionId ?? '');
  if (!record || record.token !== ctx.params.token) throw unknownInteraction();
  try {
    return acceptCallback(ctx, record);
  } catch (error) {
    if (error instanceof ApiError) record.rejectedCallbacks.push({ status: error.status, code: error.code, message: error.message });
    throw error;
  }
}

function acceptCallback(ctx: RouteContext, record: InteractionRecord): RouteResult {
  const now = Date.now();
  if (record.firstCallbackAtMs !== null) throw new ApiError(400, 40060, 'Interaction has already been acknowledged.');
  if (now - record.dispatchedAtMs > ctx.state.options.ackWindowMs) throw unknownInteraction();
  const payload = payloadOf(ctx.body);
  const type = typeof payload.type === 'number' ? payload.type : -1;
  if (!ALLOWED_CALLBACKS[record.kind].includes(type)) {
    throw invalidForm('type', 'INTERACTION_RESPONSE_TYPE_INVALID', `Callback type ${type} is not valid for a ${record.kind} interaction`);
  }
  const data = (payload.data ?? {}) as Json;
  applyCallback(ctx, record, type, { json: data, files: ctx.body.files });
  record.firstCallbackAtMs = now;
  record.callbackType = type;
  record.lastChangeAtMs = now;
  if (ctx.query.get('with_response') !== 'true') return noContent();
  return ok(callbackResponse(ctx, record, type));
}

function applyCallback(ctx: RouteContext, record: InteractionRecord, type: number, body: RouteContext['body']): void {
  const data = body.json as Json;
  const replyContext = { channelId: record.channelId, guildId: record.guildId, source: 'interaction' as const, interactionId: record.id };
  if (type === 4 || type === 5) {
    const message = type === 4 ? createBotMessage(ctx.state, replyContext, body) : emptyBotMessage(ctx.state, replyContext);
    if (type === 5) message.flags = ((typeof data.flags === 'number' ? data.flags : 0) & EPHEMERAL) | LOADING;
    ctx.state.messages.set(message.id, message);
    record.originalMessageId = message.id;
  } else if (type === 7) {
    editAndAnnounce(ctx, sourceMessage(ctx, record), body);
  } else if (type === 8) {
    const choices = Array.isArray(data.choices) ? (data.choices as Json[]) : [];
    if (choices.length > 25) throw invalidForm('data.choices', 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
    record.choices = choices;
  } else if (type === 9) {
    record.modal = data;
  }
}

function sourceMessage(ctx: RouteContext, record: InteractionRecord): StoredMessage {
  const message = ctx.state.messages.get(record.sourceMessageId ?? '');
  if (!message) throw unknownMessage();
  return message;
}

function editAndAnnounce(ctx: RouteContext, message: StoredMessage, body: RouteContext['body']): void {
  editBotMessage(ctx.state, message, body);
  message.flags &= ~LOADING;
  if (message.source === 'bot') ctx.gateway.dispatch('MESSAGE_UPDATE', messageEventJson(ctx.state, message));
}

function callbackResponse(ctx: RouteContext, record: InteractionRecord, type: number): Json {
  const message = record.originalMessageId ? ctx.state.messages.get(record.originalMessageId) : undefined;
  return {
    interaction: {
      id: record.id, type: record.payload.type, activity_instance_id: null,
      response_message_id: message?.id ?? null, response_message_loading: type === 5,
      response_message_ephemeral: message ? (message.flags & EPHEMERAL) !== 0 : false,
    },
    resource: { type, ...(message && type !== 6 ? { message: messageJson(ctx.state, message) } : {}) },
  };
}

/** The interaction behind a webhook route; its token only works once the interaction was acknowledged. */
function webhookRecord(ctx: RouteContext): InteractionRecord {
  if (ctx.params.appId !== ctx.state.applicationId) throw unknownWebhook();
  const record = [...ctx.state.interactions.values()].find((r) => r.token === ctx.params.token);
  if (!record || record.firstCallbackAtMs === null) throw unknownWebhook();
  return record;
}

function webhookMessage(ctx: RouteContext, record: InteractionRecord): StoredMessage {
  const requested = ctx.params.messageId === '@original' ? record.originalMessageId : ctx.params.messageId;
  const mine = requested !== null && (requested === record.originalMessageId || record.followUpIds.includes(requested ?? ''));
  const message = mine ? ctx.state.messages.get(requested ?? '') : undefined;
  if (!message || message.deleted) throw unknownMessage();
  return message;
}

function editWebhookMessage(ctx: RouteContext): RouteResult {
  const record = webhookRecord(ctx);
  const message = webhookMessage(ctx, record);
  editAndAnnounce(ctx, message, ctx.body);
  if (message.id === record.originalMessageId) record.originalEdited = true;
  record.lastChangeAtMs = Date.now();
  return ok(messageJson(ctx.state, message));
}

function followUp(ctx: RouteContext): RouteResult {
  const record = webhookRecord(ctx);
  const original = record.originalMessageId ? ctx.state.messages.get(record.originalMessageId) : undefined;
  record.lastChangeAtMs = Date.now();
  // Discord: the first follow-up after a deferred reply replaces the "thinking" message.
  if (record.callbackType === 5 && !record.originalEdited && original) {
    editAndAnnounce(ctx, original, ctx.body);
    record.originalEdited = true;
    return ok(messageJson(ctx.state, original));
  }
  const message = createBotMessage(ctx.state, { channelId: record.channelId, guildId: record.guildId, source: 'followup', interactionId: record.id }, ctx.body);
  ctx.state.messages.set(message.id, message);
  record.followUpIds.push(message.id);
  return ok(messageJson(ctx.state, message));
}

const WEBHOOK_MESSAGE = '/webhooks/:appId/:token/messages/:messageId';

export const interactionRoutes: Route[] = [
  { method: 'POST', pattern: '/interactions/:interactionId/:token/callback', auth: false, handle: callback },
  { method: 'POST', pattern: '/webhooks/:appId/:token', auth: false, handle: followUp },
  { method: 'GET', pattern: WEBHOOK_MESSAGE, auth: false, handle: (ctx) => ok(messageJson(ctx.state, webhookMessage(ctx, webhookRecord(ctx)))) },
  { method: 'PATCH', pattern: WEBHOOK_MESSAGE, auth: false, handle: editWebhookMessage },
  { method: 'DELETE', pattern: WEBHOOK_MESSAGE, auth: false, handle: (ctx) => {
    const record = webhookRecord(ctx);
    webhookMessage(ctx, record).deleted = true;
    record.lastChangeAtMs = Date.now();
    return noContent();
  } },
];
