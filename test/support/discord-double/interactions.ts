import { randomBytes } from 'node:crypto';
import { channelJson, DEFAULT_PERMISSIONS, dmChannelJson, memberJson, messageJson, userJson } from './api-json.js';
import { commandData } from './command-options.js';
import type { GatewayServer } from './gateway.js';
import type { DoubleState, InteractionRecord } from './state.js';
import type { ActorSpec, AutocompleteSpec, ClickSpec, Json, RunCommandSpec } from './types.js';
import { collectCustomIds } from './validate.js';

const TYPE = { command: 2, component: 3, autocomplete: 4 };

interface Place { channelId: string; guildId: string | null; channel: Json }

/** Builds and dispatches an APPLICATION_COMMAND (or AUTOCOMPLETE, when `focused` is set) interaction. */
export function dispatchCommand(state: DoubleState, gateway: GatewayServer, spec: RunCommandSpec | AutocompleteSpec): InteractionRecord {
  const focused = 'focused' in spec ? spec.focused : undefined;
  const place = commandPlace(state, spec);
  const record = newRecord(state, focused === undefined ? 'command' : 'autocomplete', place);
  record.payload = {
    ...baseInteraction(state, record, spec, place),
    type: focused === undefined ? TYPE.command : TYPE.autocomplete,
    data: commandData(state, spec, place.guildId, focused),
  };
  return send(state, gateway, record);
}

/** A click on a button (or a select-menu choice when `values` is set) of a message the bot sent. */
export function dispatchComponent(state: DoubleState, gateway: GatewayServer, spec: ClickSpec): InteractionRecord {
  const id = typeof spec.message === 'string' ? spec.message : spec.message.id;
  const message = id ? state.messages.get(id) : undefined;
  if (!message || message.deleted) throw new Error(`discord double: no message ${String(id)} to click on`);
  const customIds = collectCustomIds(message.components);
  if (!customIds.includes(spec.customId)) {
    throw new Error(`discord double: message ${message.id} has no component "${spec.customId}" (has ${customIds.join(', ') || 'none'})`);
  }
  const place = placeOf(state, message.channelId, message.guildId);
  const record = newRecord(state, 'component', place);
  record.sourceMessageId = message.id;
  record.originalMessageId = message.id;
  const data: Json = spec.values ? { custom_id: spec.customId, component_type: 3, values: spec.values } : { custom_id: spec.customId, component_type: 2 };
  record.payload = { ...baseInteraction(state, record, spec, place), type: TYPE.component, data, message: messageJson(state, message) };
  return send(state, gateway, record);
}

function send(state: DoubleState, gateway: GatewayServer, record: InteractionRecord): InteractionRecord {
  state.interactions.set(record.id, record);
  record.dispatchedAtMs = Date.now();
  record.lastChangeAtMs = record.dispatchedAtMs;
  gateway.dispatch('INTERACTION_CREATE', record.payload);
  return record;
}

function commandPlace(state: DoubleState, spec: RunCommandSpec): Place {
  if (spec.dm) {
    state.rememberUser(spec.user);
    return placeOf(state, state.dmChannelFor(spec.user.id), null);
  }
  const channel = spec.channel ? state.guilds.findChannel(spec.channel) : state.guilds.all[0]?.channels[0];
  if (!channel) throw new Error(`discord double: no channel "${spec.channel ?? '(default)'}" to run /${spec.name} in`);
  return placeOf(state, channel.id, channel.guildId);
}

function placeOf(state: DoubleState, channelId: string, guildId: string | null): Place {
  const guildChannel = guildId ? state.guilds.findChannel(channelId) : undefined;
  const channel = guildChannel ? { ...channelJson(guildChannel), permissions: DEFAULT_PERMISSIONS } : dmChannelJson(state, channelId);
  return { channelId, guildId, channel };
}

function newRecord(state: DoubleState, kind: InteractionRecord['kind'], place: Place): InteractionRecord {
  return {
    id: state.nextId(), token: `itok-${randomBytes(32).toString('base64url')}`, kind, payload: {},
    channelId: place.channelId, guildId: place.guildId, dispatchedAtMs: 0, firstCallbackAtMs: null,
    callbackType: null, originalMessageId: null, sourceMessageId: null, originalEdited: false,
    followUpIds: [], choices: null, modal: null, rejectedCallbacks: [], lastChangeAtMs: 0,
  };
}

/** Fields every gateway interaction carries (reference §12: the client needs all of them). */
function baseInteraction(state: DoubleState, record: InteractionRecord, actor: ActorSpec, place: Place): Json {
  const user = state.rememberUser(actor.user);
  const common: Json = {
    id: record.id, application_id: state.applicationId, token: record.token, version: 1,
    app_permissions: DEFAULT_PERMISSIONS, locale: 'en-US', entitlements: [], attachment_size_limit: 26_214_400,
    channel_id: place.channelId, channel: place.channel,
  };
  const guild = place.guildId ? state.guilds.guild(place.guildId) : undefined;
  if (!guild) {
    return { ...common, user: userJson(user), context: 1, authorizing_integration_owners: { 0: state.guilds.guildId } };
  }
  const roles = (actor.roles ?? []).map((r) => state.guilds.roleId(r, guild.id));
  state.memberRoles.set(`${guild.id}:${user.id}`, roles);
  return {
    ...common, guild_id: guild.id, guild: { id: guild.id, locale: 'en-US', features: [] }, guild_locale: 'en-US',
    member: { ...memberJson(state, guild, user.id, true), permissions: actor.permissions ?? DEFAULT_PERMISSIONS },
    context: 0, authorizing_integration_owners: { 0: guild.id },
  };
}
