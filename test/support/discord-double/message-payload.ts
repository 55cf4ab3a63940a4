import { invalidForm } from './api-error.js';
import type { ParsedBody } from './multipart.js';
import type { DoubleState } from './state.js';
import type { Json, MessageSource, StoredAttachment, StoredMessage } from './types.js';
import { validateMessagePayload } from './validate.js';

export const EPHEMERAL = 1 << 6;

export interface NewMessageContext {
  channelId: string;
  guildId: string | null;
  source: MessageSource;
  interactionId?: string | null;
}

export function payloadOf(body: ParsedBody): Json {
  return body.json !== null && typeof body.json === 'object' ? (body.json as Json) : {};
}

/** Builds the message the bot created from a JSON or multipart body (validating it first). */
export function createBotMessage(state: DoubleState, ctx: NewMessageContext, body: ParsedBody): StoredMessage {
  const payload = payloadOf(body);
  validateMessagePayload(payload, body.files.length, true);
  const reference = payload.message_reference as { message_id?: string } | undefined;
  const message = emptyBotMessage(state, ctx);
  message.referencedMessageId = reference?.message_id ?? null;
  message.flags = typeof payload.flags === 'number' ? payload.flags & EPHEMERAL : 0;
  applyFields(state, message, payload, body);
  return message;
}

/** A message with no content yet, e.g. the "thinking…" placeholder of a deferred reply. */
export function emptyBotMessage(state: DoubleState, ctx: NewMessageContext): StoredMessage {
  return {
    id: state.nextId(), channelId: ctx.channelId, guildId: ctx.guildId, author: state.botUser, roles: [],
    content: '', embeds: [], components: [], flags: 0, attachments: [], reactions: [], referencedMessageId: null,
    timestamp: new Date().toISOString(), editedTimestamp: null, deleted: false, source: ctx.source,
    interactionId: ctx.interactionId ?? null,
  };
}

/** Applies an edit: fields present in the payload replace the old ones, absent ones stay. */
export function editBotMessage(state: DoubleState, message: StoredMessage, body: ParsedBody): void {
  const payload = payloadOf(body);
  validateMessagePayload(payload, body.files.length, false);
  applyFields(state, message, payload, body);
  message.editedTimestamp = new Date().toISOString();
}

function applyFields(state: DoubleState, message: StoredMessage, payload: Json, body: ParsedBody): void {
  if ('content' in payload) message.content = typeof payload.content === 'string' ? payload.content : '';
  if ('embeds' in payload) message.embeds = Array.isArray(payload.embeds) ? (payload.embeds as Json[]) : [];
  if ('components' in payload) message.components = Array.isArray(payload.components) ? (payload.components as Json[]) : [];
  // Ephemerality is fixed when a message is created: an edit (or the first follow-up after a
  // deferred reply, which Discord treats as an edit) can neither set nor clear it.
  if (typeof payload.flags === 'number') message.flags = (message.flags & EPHEMERAL) | (payload.flags & ~EPHEMERAL);
  if ('attachments' in payload || body.files.length > 0) {
    message.attachments = resolveAttachments(state, message.attachments, payload.attachments, body);
  }
}

/**
 * Uploaded `files[n]` are described by `attachments[{id: n}]`; other listed ids keep existing
 * attachments; existing ones not listed are removed (Discord's edit semantics).
 */
function resolveAttachments(state: DoubleState, existing: StoredAttachment[], listed: unknown, body: ParsedBody): StoredAttachment[] {
  const entries = Array.isArray(listed) ? (listed as Json[]) : null;
  const kept = entries ? existing.filter((a) => entries.some((e) => String(e.id) === a.id)) : existing;
  const uploaded = body.files.map((file, position): StoredAttachment => {
    const index = file.index ?? position;
    const entry = entries?.find((e) => String(e.id) === String(index));
    const description = typeof entry?.description === 'string' ? entry.description : undefined;
    const name = typeof entry?.filename === 'string' ? entry.filename : file.filename;
    if (!name) throw invalidForm(`attachments.${index}`, 'BASE_TYPE_REQUIRED', 'A file name is required.');
    return { id: state.nextId(), name, contentType: file.contentType, data: file.data, ...(description ? { description } : {}) };
  });
  return [...kept, ...uploaded];
}
