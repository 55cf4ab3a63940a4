/** Who is asking: the Discord adapter builds this from an interaction. */
export interface Actor {
  userId: string;
  userName: string;
  /** Role ids in the guild the command came from; empty in DMs. */
  roleIds: string[];
  interactionId: string | null;
  /** The guild the interaction came from; null in a DM (no roles); undefined when not from Discord. */
  guildId?: string | null;
}

export interface AdminPolicy {
  adminUserIds: readonly string[];
  adminRoleIds: readonly string[];
}

/** Admins are named by user id, or hold one of the admin roles in the guild. */
export function isAdmin(actor: Actor, policy: AdminPolicy): boolean {
  if (policy.adminUserIds.includes(actor.userId)) return true;
  return actor.roleIds.some((role) => policy.adminRoleIds.includes(role));
}
