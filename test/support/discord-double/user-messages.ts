import type { DoubleState } from './state.js';
import type { PostMessageSpec, StoredMessage } from './types.js';

/** Stores a message a (fake) user posted; the caller dispatches it. */
export function storeUserMessage(state: DoubleState, spec: PostMessageSpec, dm: boolean): StoredMessage {
  if (spec.id !== undefined && !/^\d{1,20}$/.test(spec.id)) throw new Error(`discord double: message id "${spec.id}" is not a snowflake`);
  const author = state.rememberUser(spec.author);
  const channel = dm ? { id: state.dmChannelFor(author.id), guildId: null } : state.findChannel(spec.channel);
  if (!channel) throw new Error(`discord double: no channel "${spec.channel}"`);
  const roles = channel.guildId ? (spec.roles ?? []).map((r) => state.guilds.roleId(r, channel.guildId ?? undefined)) : [];
  if (channel.guildId) state.memberRoles.set(`${channel.guildId}:${author.id}`, roles);
  if (channel.guildId && spec.nick !== undefined) state.memberNicks.set(`${channel.guildId}:${author.id}`, spec.nick);
  const message: StoredMessage = {
    id: spec.id ?? state.messageIdAt(spec.postedAtMs), channelId: channel.id, guildId: channel.guildId, author, roles,
    content: spec.content, embeds: spec.embeds ?? [], components: [], flags: 0, attachments: [], reactions: [],
    referencedMessageId: null, timestamp: new Date(spec.postedAtMs ?? Date.now()).toISOString(), editedTimestamp: null, deleted: false,
    source: 'user', interactionId: null, ...(spec.type === undefined ? {} : { type: spec.type }),
  };
  state.messages.set(message.id, message);
  state.changed();
  return message;
}

/** A user edits their own message: new content and `edited_timestamp`; the caller dispatches MESSAGE_UPDATE. */
export function editUserMessage(state: DoubleState, messageId: string, content: string): StoredMessage {
  const message = state.messages.get(messageId);
  if (!message || message.deleted) throw new Error(`discord double: no message ${messageId} to edit`);
  if (message.source !== 'user') throw new Error(`discord double: message ${messageId} was not posted by a user`);
  message.content = content;
  // Strictly later than any earlier edit: Discord's edited_timestamp has microseconds; ours, ms.
  const previous = message.editedTimestamp ? Date.parse(message.editedTimestamp) : 0;
  message.editedTimestamp = new Date(Math.max(Date.now(), previous + 1)).toISOString();
  state.changed();
  return message;
}
