import type { NewSignal } from '../../src/app/ports.js';

/**
 * A message in the futures alert channel (`twi_futures`), as the channel monitor stores it: the
 * caller's id and text at `postedAtMs`. `overrides` for what a test is about (an edit's reason,
 * another author, a status decided at intake).
 */
export function futuresMessage(externalId: string, rawText: string, postedAtMs: number, overrides: Partial<NewSignal> = {}): NewSignal {
  return {
    source: 'discord', externalId, channelKind: 'futures', channelId: '1', channelName: 'twi_futures', guildId: '9',
    authorId: '7', authorName: 'jmoney', rawText, postedAtMs, messageUrl: null, ...overrides,
  };
}
