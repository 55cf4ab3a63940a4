import { describe, expect, it } from 'vitest';
import { resolveAdmin } from '../../../src/app/access/admin-check.js';
import type { Actor } from '../../../src/app/permissions.js';
import { MemoryPreferences } from './control-fakes.js';

const policy = { adminUserIds: ['100'], adminRoleIds: ['900'] };
const GUILD = '5000';
const inGuild = (userId: string, roleIds: string[] = []): Actor => ({ userId, userName: 'x', roleIds, interactionId: null, guildId: GUILD });
const inDm = (userId: string): Actor => ({ userId, userName: 'x', roleIds: [], interactionId: null, guildId: null });

describe('resolveAdmin: who counts as an admin, in the guild and in DMs', () => {
  it.each([
    ['a listed user in the guild', inGuild('100'), true],
    ['a listed user in a DM', inDm('100'), true],
    ['a role holder in the guild', inGuild('200', ['900']), true],
    ['anyone else in the guild', inGuild('300', ['1']), false],
    ['a role admin never seen, in a DM', inDm('200'), false],
    ['an actor from no transport (no guild info), no role', { userId: '200', userName: 'x', roleIds: [], interactionId: null }, false],
  ])('GIVEN %s THEN admin = %s', async (_label, actor, expected) => {
    expect(await resolveAdmin(actor, policy, new MemoryPreferences(), 1)).toBe(expected);
  });

  it('GIVEN a role admin seen in the guild WHEN they press a button in a DM THEN they count, and were subscribed on first sight', async () => {
    const memory = new MemoryPreferences();
    expect(await resolveAdmin(inGuild('200', ['900']), policy, memory, 1)).toBe(true);
    expect(await memory.get('200')).toMatchObject({ roleAdmin: true, subscribed: true });
    expect(await resolveAdmin(inDm('200'), policy, memory, 2)).toBe(true);
  });

  it('GIVEN a remembered role admin WHEN seen in the guild without the role THEN forgotten, and refused in DMs from then on', async () => {
    const memory = new MemoryPreferences();
    await resolveAdmin(inGuild('200', ['900']), policy, memory, 1);
    expect(await resolveAdmin(inGuild('200', ['1']), policy, memory, 2)).toBe(false);
    expect(await resolveAdmin(inDm('200'), policy, memory, 3)).toBe(false);
    expect(await memory.get('200')).toMatchObject({ roleAdmin: false, subscribed: true });
  });
});
