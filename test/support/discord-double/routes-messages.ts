import { ApiError, unknownChannel, unknownMessage } from './api-error.js';
import { messageEventJson, messageJson } from './api-json.js';
import { createBotMessage, editBotMessage, EPHEMERAL } from './message-payload.js';
import { noContent, ok, type Route, type RouteContext } from './router.js';
import type { StoredMessage } from './types.js';

function channelOf(ctx: RouteContext): { id: string; guildId: string | null } {
  const id = ctx.params.channelId ?? '';
  const channel = ctx.state.findChannel(id);
  if (!channel || channel.id !== id) throw unknownChannel();
  return channel;
}

function messageOf(ctx: RouteContext): StoredMessage {
  const channel = channelOf(ctx);
  const message = ctx.state.messages.get(ctx.params.messageId ?? '');
  if (!message || message.deleted || message.channelId !== channel.id) throw unknownMessage();
  return message;
}

function postMessage(ctx: RouteContext) {
  const channel = channelOf(ctx);
  const recipient = ctx.state.dmRecipients.get(channel.id);
  if (recipient && ctx.state.closedDms.has(recipient)) throw new ApiError(403, 50007, 'Cannot send messages to this user');
  const message = createBotMessage(ctx.state, { channelId: channel.id, guildId: channel.guildId, source: 'bot' }, ctx.body);
  ctx.state.messages.set(message.id, message);
  // Discord echoes the bot's own messages back to it over the gateway.
  ctx.gateway.dispatch('MESSAGE_CREATE', messageEventJson(ctx.state, message));
  return ok(messageJson(ctx.state, message));
}

function editMessage(ctx: RouteContext) {
  const message = messageOf(ctx);
  if (message.author.id !== ctx.state.botUser.id) throw new ApiError(403, 50005, 'Cannot edit a message authored by another user');
  editBotMessage(ctx.state, message, ctx.body);
  ctx.gateway.dispatch('MESSAGE_UPDATE', messageEventJson(ctx.state, message));
  return ok(messageJson(ctx.state, message));
}

function deleteMessage(ctx: RouteContext) {
  const message = messageOf(ctx);
  message.deleted = true;
  ctx.gateway.dispatch('MESSAGE_DELETE', {
    id: message.id, channel_id: message.channelId, ...(message.guildId ? { guild_id: message.guildId } : {}),
  });
  return noContent();
}

/** Newest first, like Discord; honours `limit` (≤ 100), `before` and `after` (ids compare as numbers). */
function listMessages(ctx: RouteContext) {
  const channel = channelOf(ctx);
  if (ctx.state.deniedChannels.has(channel.id)) throw new ApiError(403, 50001, 'Missing Access');
  const limit = Math.min(Number(ctx.query.get('limit') ?? 50) || 50, 100);
  const before = ctx.query.get('before');
  const after = ctx.query.get('after');
  const visible = ctx.state.messagesIn(channel.id).filter((m) => !m.deleted && m.source !== 'followup'
    && !(m.flags & EPHEMERAL) && (!before || BigInt(m.id) < BigInt(before)) && (!after || BigInt(m.id) > BigInt(after)));
  // `after` pages forward from the oldest match; otherwise the newest `limit` messages.
  const page = after ? visible.slice(0, limit) : visible.slice(-limit);
  return ok(page.reverse().map((m) => messageJson(ctx.state, m)));
}

function react(add: boolean) {
  return (ctx: RouteContext) => {
    const message = messageOf(ctx);
    const emoji = ctx.params.emoji ?? '';
    message.reactions = message.reactions.filter((e) => e !== emoji);
    if (add) message.reactions.push(emoji);
    return noContent();
  };
}

const MESSAGE = '/channels/:channelId/messages/:messageId';

export const messageRoutes: Route[] = [
  { method: 'POST', pattern: '/channels/:channelId/messages', auth: true, handle: postMessage },
  { method: 'GET', pattern: '/channels/:channelId/messages', auth: true, handle: listMessages },
  { method: 'GET', pattern: MESSAGE, auth: true, handle: (ctx) => ok(messageJson(ctx.state, messageOf(ctx))) },
  { method: 'PATCH', pattern: MESSAGE, auth: true, handle: editMessage },
  { method: 'DELETE', pattern: MESSAGE, auth: true, handle: deleteMessage },
  { method: 'PUT', pattern: `${MESSAGE}/reactions/:emoji/@me`, auth: true, handle: react(true) },
  { method: 'DELETE', pattern: `${MESSAGE}/reactions/:emoji/@me`, auth: true, handle: react(false) },
  { method: 'POST', pattern: '/channels/:channelId/typing', auth: true, handle: () => noContent() },
];
