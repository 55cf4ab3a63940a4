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
  const message: StoredMessage = {
    id: spec.id ?? state.nextId(), channelId: channel.id, guildId: channel.guildId, author, roles,
    content: spec.content, embeds: spec.embeds ?? [], components: [], flags: 0, attachments: [], reactions: [],
    referencedMessageId: null, timestamp: new Date().toISOString(), editedTimestamp: null, deleted: false,
    source: 'user', interactionId: null,
  };
  state.messages.set(message.id, message);
  state.changed();
  return message;
}
