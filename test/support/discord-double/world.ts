import type { GuildSpec, ResolvedChannel, ResolvedGuild, ResolvedRole } from './types.js';

export const DEFAULT_GUILDS: GuildSpec[] = [{
  name: 'TradeStream Test',
  channels: [{ name: 'twi_futures' }, { name: 'twi_options' }, { name: 'general' }],
  roles: [{ name: 'admin' }, { name: 'trader' }],
}];

/** Gives every guild, channel and role of the specs an id (keeping ids the test chose). */
export function resolveGuilds(specs: GuildSpec[], nextId: () => string): ResolvedGuild[] {
  return specs.map((spec, index) => {
    const id = spec.id ?? nextId();
    const channels: ResolvedChannel[] = (spec.channels ?? []).map((c, position) => (
      { id: c.id ?? nextId(), name: c.name, guildId: id, position }));
    const everyone: ResolvedRole = { id, name: '@everyone', guildId: id, position: 0 };
    const roles: ResolvedRole[] = [everyone, ...(spec.roles ?? []).map((r, i) => (
      { id: r.id ?? nextId(), name: r.name, guildId: id, position: i + 1 }))];
    return {
      id, name: spec.name ?? `Guild ${index + 1}`, ownerId: nextId(),
      joinedAt: new Date().toISOString(), channels, roles,
    };
  });
}

/** Lookups over the resolved guilds; names match case-insensitively, ids exactly. */
export class GuildDirectory {
  constructor(readonly all: ResolvedGuild[]) {}

  /** The first guild's id. */
  get guildId(): string {
    const first = this.all[0];
    if (!first) throw new Error('discord double: no guilds configured');
    return first.id;
  }

  guild(id: string): ResolvedGuild | undefined {
    return this.all.find((g) => g.id === id);
  }

  findChannel(nameOrId: string): ResolvedChannel | undefined {
    const lower = nameOrId.replace(/^#/, '').toLowerCase();
    const channels = this.all.flatMap((g) => g.channels);
    return channels.find((c) => c.id === nameOrId) ?? channels.find((c) => c.name.toLowerCase() === lower);
  }

  channelId(nameOrId: string): string {
    const channel = this.findChannel(nameOrId);
    if (!channel) throw new Error(`discord double: no channel "${nameOrId}" (have ${this.channelNames()})`);
    return channel.id;
  }

  roleId(nameOrId: string, guildId = this.guildId): string {
    const roles = this.guild(guildId)?.roles ?? [];
    const lower = nameOrId.toLowerCase();
    const role = roles.find((r) => r.id === nameOrId) ?? roles.find((r) => r.name.toLowerCase() === lower);
    if (!role) throw new Error(`discord double: no role "${nameOrId}" in guild ${guildId}`);
    return role.id;
  }

  private channelNames(): string {
    return this.all.flatMap((g) => g.channels.map((c) => c.name)).join(', ');
  }
}
