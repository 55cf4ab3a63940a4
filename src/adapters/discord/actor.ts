import type { BaseInteraction } from 'discord.js';
import type { Actor } from '../../app/permissions.js';

/** Who sent an interaction, with their role ids in the guild (none in DMs). */
export function actorOf(interaction: BaseInteraction): Actor {
  const member = interaction.member;
  let roleIds: string[] = [];
  if (member) {
    const roles = member.roles;
    roleIds = Array.isArray(roles) ? roles : [...roles.cache.keys()];
  }
  return {
    userId: interaction.user.id,
    userName: interaction.user.globalName ?? interaction.user.username,
    roleIds,
    interactionId: interaction.id,
    guildId: interaction.guildId,
  };
}
