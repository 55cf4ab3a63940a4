import type { DoubleState } from './state.js';
import type { Json, ResolvedChannel, ResolvedGuild, ResolvedRole, StoredAttachment, StoredMessage, UserSpec } from './types.js';

const bit = (n: number): bigint => 1n << BigInt(n);
/** View channel, send, embed links, attach files, read history, add reactions, use app commands. */
export const DEFAULT_PERMISSIONS = (bit(10) | bit(11) | bit(14) | bit(15) | bit(16) | bit(6) | bit(31)).toString();

export function userJson(user: UserSpec): Json {
  return {
    id: user.id, username: user.username, discriminator: '0', global_name: null, avatar: null,
    bot: user.bot ?? false, system: false, public_flags: 0, flags: 0,
  };
}

export function roleJson(role: ResolvedRole): Json {
  return {
    id: role.id, name: role.name, color: 0, colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false, icon: null, unicode_emoji: null, position: role.position,
    permissions: role.position === 0 ? DEFAULT_PERMISSIONS : '0', managed: false, mentionable: false, flags: 0,
  };
}

export function channelJson(channel: ResolvedChannel): Json {
  return {
    id: channel.id, type: 0, guild_id: channel.guildId, name: channel.name, position: channel.position,
    permission_overwrites: [], parent_id: null, nsfw: false, topic: null, last_message_id: null,
    rate_limit_per_user: 0, flags: 0,
  };
}

export function dmChannelJson(state: DoubleState, channelId: string): Json {
  const recipient = state.userOrPlaceholder(state.dmRecipients.get(channelId) ?? '0');
  return { id: channelId, type: 1, recipients: [userJson(recipient)], last_message_id: null, flags: 0 };
}

/** A guild member; `user` is omitted inside MESSAGE_CREATE, where Discord sends it as `author`. */
export function memberJson(state: DoubleState, guild: ResolvedGuild, userId: string, withUser: boolean): Json {
  const member: Json = {
    roles: state.memberRoles.get(`${guild.id}:${userId}`) ?? [], joined_at: guild.joinedAt, deaf: false,
    mute: false, flags: 0, nick: state.memberNicks.get(`${guild.id}:${userId}`) ?? null, avatar: null, pending: false, premium_since: null,
    communication_disabled_until: null,
  };
  if (withUser) member.user = userJson(state.userOrPlaceholder(userId));
  return member;
}

export function guildJson(guild: ResolvedGuild): Json {
  return {
    id: guild.id, name: guild.name, icon: null, splash: null, discovery_splash: null, owner_id: guild.ownerId,
    afk_channel_id: null, afk_timeout: 300, verification_level: 0, default_message_notifications: 0,
    explicit_content_filter: 0, roles: guild.roles.map(roleJson), emojis: [], stickers: [], features: [],
    mfa_level: 0, application_id: null, system_channel_id: null, system_channel_flags: 0,
    rules_channel_id: null, vanity_url_code: null, description: null, banner: null, premium_tier: 0,
    preferred_locale: 'en-US', public_updates_channel_id: null, nsfw_level: 0, premium_progress_bar_enabled: false,
  };
}

/** GUILD_CREATE: the guild plus the gateway-only fields the client waits for. */
export function guildCreateJson(state: DoubleState, guild: ResolvedGuild): Json {
  return {
    ...guildJson(guild), joined_at: guild.joinedAt, large: false, unavailable: false, member_count: 1,
    members: [memberJson(state, guild, state.botUser.id, true)], channels: guild.channels.map(channelJson),
    threads: [], voice_states: [], presences: [], stage_instances: [], guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

export function attachmentJson(state: DoubleState, attachment: StoredAttachment): Json {
  const url = `${state.origin}/attachments/${attachment.id}/${encodeURIComponent(attachment.name)}`;
  return {
    id: attachment.id, filename: attachment.name, size: attachment.data.length, url, proxy_url: url,
    content_type: attachment.contentType, ...(attachment.description ? { description: attachment.description } : {}),
  };
}

export function messageJson(state: DoubleState, message: StoredMessage, depth = 0): Json {
  const referenced = message.referencedMessageId ? state.messages.get(message.referencedMessageId) : undefined;
  const json: Json = {
    id: message.id, channel_id: message.channelId, author: userJson(message.author), content: message.content,
    timestamp: message.timestamp, edited_timestamp: message.editedTimestamp, tts: false,
    mention_everyone: message.content.includes('@everyone'), mentions: mentionedUsers(state, message.content),
    mention_roles: [...message.content.matchAll(/<@&(\d+)>/g)].map((m) => m[1]), attachments: message.attachments.map((a) => attachmentJson(state, a)),
    embeds: message.embeds, components: message.components, pinned: false, type: message.type ?? (referenced ? 19 : 0),
    flags: message.flags, reactions: message.reactions.map((name) => reactionJson(name)),
  };
  if (message.guildId) json.guild_id = message.guildId;
  if (message.interactionId) Object.assign(json, { webhook_id: state.applicationId, application_id: state.applicationId });
  if (referenced) {
    json.message_reference = { type: 0, message_id: referenced.id, channel_id: referenced.channelId, guild_id: referenced.guildId ?? undefined };
    json.referenced_message = depth === 0 ? messageJson(state, referenced, 1) : null;
  }
  return json;
}

function reactionJson(emoji: string): Json {
  const [name, id] = emoji.split(':');
  return { count: 1, count_details: { burst: 0, normal: 1 }, me: true, me_burst: false, burst_colors: [], emoji: { id: id ?? null, name } };
}

/**
 * MESSAGE_CREATE / MESSAGE_UPDATE body: the message plus `member` (without `user`) in a guild, and
 * `channel_type`, without which discord.js cannot build an uncached DM channel and drops the message.
 */
export function messageEventJson(state: DoubleState, message: StoredMessage): Json {
  const json: Json = { ...messageJson(state, message), channel_type: message.guildId ? 0 : 1 };
  const guild = message.guildId ? state.guilds.guild(message.guildId) : undefined;
  if (guild) json.member = memberJson(state, guild, message.author.id, false);
  return json;
}

function mentionedUsers(state: DoubleState, content: string): Json[] {
  const ids = new Set([...content.matchAll(/<@!?(\d+)>/g)].map((m) => m[1] ?? ''));
  return [...ids].map((id) => userJson(state.userOrPlaceholder(id)));
}
