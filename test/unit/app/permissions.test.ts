import { describe, expect, it } from 'vitest';
import { isAdmin } from '../../../src/app/permissions.js';
import { channelKindOf } from '../../../src/adapters/discord/message-signal.js';
import { startOfDayMs } from '../../../src/app/day.js';

const policy = { adminUserIds: ['100'], adminRoleIds: ['900'] };
const actor = (userId: string, roleIds: string[] = []) => ({ userId, userName: 'x', roleIds, interactionId: null });

describe('isAdmin', () => {
  it.each([
    ['a listed user', actor('100'), true],
    ['a holder of an admin role', actor('200', ['5', '900']), true],
    ['anyone else', actor('200', ['5']), false],
    ['a user in a DM (no roles)', actor('300'), false],
  ])('GIVEN %s THEN admin = %s', (_label, who, expected) => {
    expect(isAdmin(who, policy)).toBe(expected);
  });
});

describe('channelKindOf', () => {
  const config = { futuresChannels: ['twi_futures', '555'], optionsChannels: ['TWI_Options'], alertAuthors: [] };
  it.each([
    ['1', 'TWI_Futures', 'futures'],
    ['555', 'renamed', 'futures'],
    ['2', 'twi_options', 'options'],
    ['3', 'general', null],
    ['4', null, null],
  ])('GIVEN channel %s named %s THEN kind is %s', (id, name, kind) => {
    expect(channelKindOf(id, name, config)).toBe(kind);
  });
});

describe('startOfDayMs', () => {
  it.each([
    ['2026-11-20T15:00:00Z', 'America/New_York', '2026-11-20T05:00:00.000Z'],
    ['2026-11-21T03:00:00Z', 'America/New_York', '2026-11-20T05:00:00.000Z'],
    ['2026-07-01T12:00:00Z', 'America/New_York', '2026-07-01T04:00:00.000Z'],
    ['2026-03-08T12:00:00Z', 'America/New_York', '2026-03-08T05:00:00.000Z'],
    ['2026-11-01T12:00:00Z', 'America/New_York', '2026-11-01T04:00:00.000Z'],
    ['2026-11-20T20:00:00Z', 'Asia/Kolkata', '2026-11-20T18:30:00.000Z'],
  ])('GIVEN %s in %s THEN the local day starts at %s', (at, zone, start) => {
    expect(new Date(startOfDayMs(Date.parse(at), zone)).toISOString()).toBe(start);
  });
});
