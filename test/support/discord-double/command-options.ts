import { channelJson, DEFAULT_PERMISSIONS, memberJson, roleJson, userJson } from './api-json.js';
import type { DoubleState } from './state.js';
import type { Json, OptionValue, RunCommandSpec } from './types.js';

const OPTION = { subcommand: 1, group: 2, string: 3, integer: 4, boolean: 5, user: 6, channel: 7, role: 8, mentionable: 9, number: 10 };

interface Resolved { users: Json; members: Json; channels: Json; roles: Json }

/**
 * `data` of an APPLICATION_COMMAND (or AUTOCOMPLETE) interaction. When the bot registered the
 * command, option types come from its definition and misuse (unknown option, missing required
 * one, value outside the choices) throws here, as Discord's client would never send it.
 */
export function commandData(state: DoubleState, spec: RunCommandSpec, guildId: string | null, focused?: string): Json {
  const registered = findRegistered(state, spec.name, guildId);
  const defs = leafDefinitions(registered, spec);
  const resolved: Resolved = { users: {}, members: {}, channels: {}, roles: {} };
  let options = leafOptions(state, spec, defs, resolved, { guildId, focused });
  if (spec.subcommand) options = [{ type: OPTION.subcommand, name: spec.subcommand, options }];
  if (spec.subcommandGroup) options = [{ type: OPTION.group, name: spec.subcommandGroup, options }];
  const data: Json = { id: registered?.id ?? state.nextId(), name: spec.name, type: 1, options };
  if (registered && registered.guild_id !== null) data.guild_id = registered.guild_id;
  const usedResolved = Object.entries(resolved).filter(([, map]) => Object.keys(map as Json).length > 0);
  if (usedResolved.length > 0) data.resolved = Object.fromEntries(usedResolved);
  return data;
}

export function findRegistered(state: DoubleState, name: string, guildId: string | null): Json | undefined {
  const chatInput = state.commands.filter((c) => c.name === name && c.type === 1);
  return chatInput.find((c) => guildId !== null && c.guild_id === guildId) ?? chatInput.find((c) => c.guild_id === null);
}

function leafDefinitions(command: Json | undefined, spec: RunCommandSpec): Json[] | undefined {
  if (!command) return undefined;
  let defs = (command.options as Json[] | undefined) ?? [];
  for (const name of [spec.subcommandGroup, spec.subcommand]) {
    if (!name) continue;
    const next = defs.find((o) => o.name === name && (o.type === OPTION.subcommand || o.type === OPTION.group));
    if (!next) throw new Error(`discord double: /${spec.name} has no subcommand "${name}" (has ${names(defs)})`);
    defs = (next.options as Json[] | undefined) ?? [];
  }
  if (defs.some((o) => o.type === OPTION.subcommand || o.type === OPTION.group)) {
    throw new Error(`discord double: /${spec.name} needs a subcommand (one of ${names(defs)})`);
  }
  return defs;
}

function leafOptions(state: DoubleState, spec: RunCommandSpec, defs: Json[] | undefined, resolved: Resolved,
  where: { guildId: string | null; focused?: string | undefined }): Json[] {
  const given: Record<string, OptionValue> = { ...spec.options };
  if (where.focused !== undefined && !(where.focused in given)) given[where.focused] = '';
  const options = Object.entries(given).map(([name, value]) => {
    const def = defs?.find((d) => d.name === name);
    if (defs && !def) throw new Error(`discord double: /${spec.name} has no option "${name}" (has ${names(defs)})`);
    const type = typeof def?.type === 'number' ? def.type : inferType(value);
    // The option being typed arrives as the raw text, whatever its declared type.
    if (name === where.focused) return { name, type, value: String(value), focused: true };
    checkChoice(spec.name, def, value);
    return { name, type, value: coerce(state, type, value, resolved, where.guildId) };
  });
  const missing = where.focused === undefined ? (defs ?? []).filter((d) => d.required === true && !(String(d.name) in given)) : [];
  if (missing.length > 0) throw new Error(`discord double: /${spec.name} is missing required option(s) ${names(missing)}`);
  return options;
}

function checkChoice(command: string, def: Json | undefined, value: OptionValue): void {
  const choices = def?.choices as { value: OptionValue }[] | undefined;
  if (!choices?.length || choices.some((c) => c.value === value)) return;
  throw new Error(`discord double: /${command} option "${String(def?.name)}" must be one of ${choices.map((c) => String(c.value)).join(', ')}`);
}

function inferType(value: OptionValue): number {
  if (typeof value === 'boolean') return OPTION.boolean;
  if (typeof value === 'number') return Number.isInteger(value) ? OPTION.integer : OPTION.number;
  return OPTION.string;
}

function coerce(state: DoubleState, type: number, value: OptionValue, resolved: Resolved, guildId: string | null): OptionValue {
  switch (type) {
    case OPTION.integer: case OPTION.number: return Number(value);
    case OPTION.boolean: return value === true || value === 'true';
    case OPTION.user: case OPTION.mentionable: return resolveUser(state, String(value), resolved, guildId);
    case OPTION.channel: {
      const channel = state.guilds.findChannel(String(value));
      if (!channel) throw new Error(`discord double: no channel "${String(value)}" for a channel option`);
      resolved.channels[channel.id] = { ...channelJson(channel), permissions: DEFAULT_PERMISSIONS };
      return channel.id;
    }
    case OPTION.role: {
      const roleId = state.guilds.roleId(String(value), guildId ?? undefined);
      const role = state.guilds.guild(guildId ?? state.guilds.guildId)?.roles.find((r) => r.id === roleId);
      if (role) resolved.roles[roleId] = roleJson(role);
      return roleId;
    }
    default: return String(value);
  }
}

function resolveUser(state: DoubleState, id: string, resolved: Resolved, guildId: string | null): string {
  resolved.users[id] = userJson(state.userOrPlaceholder(id));
  const guild = guildId ? state.guilds.guild(guildId) : undefined;
  if (guild) resolved.members[id] = { ...memberJson(state, guild, id, false), permissions: DEFAULT_PERMISSIONS };
  return id;
}

function names(defs: Json[]): string {
  return defs.map((d) => String(d.name)).join(', ') || 'none';
}
