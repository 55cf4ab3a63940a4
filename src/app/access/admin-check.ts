import type { NotifyPreferenceStore } from '../control-ports.js';
import type { Actor, AdminPolicy } from '../permissions.js';

/**
 * Admin by user id, by a role in the guild, or — where the interaction carries no roles (a DM,
 * e.g. a review button) — a role admin the bot has seen act in the guild. Seeing a role admin
 * remembers them (and subscribes them to trade DMs the first time); seeing them in the guild
 * without an admin role forgets them, so a removed role stops counting in DMs too.
 */
export async function resolveAdmin(actor: Actor, policy: AdminPolicy, memory: NotifyPreferenceStore, nowMs: number): Promise<boolean> {
  const byRole = actor.roleIds.some((role) => policy.adminRoleIds.includes(role));
  const inGuild = typeof actor.guildId === 'string';
  if (byRole) await memory.rememberRoleAdmin(actor.userId, nowMs);
  else if (inGuild && policy.adminRoleIds.length > 0) await memory.forgetRoleAdmin(actor.userId, nowMs);
  if (byRole || policy.adminUserIds.includes(actor.userId)) return true;
  if (actor.guildId !== null) return false;
  return (await memory.get(actor.userId))?.roleAdmin === true;
}
