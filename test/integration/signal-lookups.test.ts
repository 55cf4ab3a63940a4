import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { NewSignal } from '../../src/app/ports.js';
import { testDatabaseKinds, useStores } from '../support/databases.js';
import { futuresMessage } from '../support/signals.js';

const NOW = Date.parse('2026-11-20T15:00:00Z');
const DISCORD_EPOCH_MS = 1_420_070_400_000;
/** A Discord message id for a time, as Discord makes them: ms since its epoch, shifted 22 bits, plus a counter. */
const snowflakeAt = (ms: number, increment = 0) => ((BigInt(ms - DISCORD_EPOCH_MS) << 22n) | BigInt(increment)).toString();

function message(externalId: string, postedAtMs: number, overrides: Partial<NewSignal> = {}): NewSignal {
  return futuresMessage(externalId, 'ES LONG 4750 STOP 4745 T1 4755', postedAtMs, { channelId: 'C1', ...overrides });
}

describe.each(testDatabaseKinds())('signal look-ups on $name', (kind) => {
  const db = useStores(kind, () => NOW);

  it('GIVEN no signal for a channel WHEN asked for its newest message THEN null', async () => {
    await db.stores.signals.insert(message(snowflakeAt(NOW), NOW, { channelId: 'OTHER' }));
    expect(await db.stores.signals.latestDiscordMessageId('C1')).toBeNull();
  });

  it('GIVEN messages stored out of order WHEN asked THEN the newest by snowflake, whatever order they were stored in', async () => {
    const older = snowflakeAt(NOW - 60_000);
    const newest = snowflakeAt(NOW - 1_000);
    const sameMsLower = snowflakeAt(NOW - 1_000 - 1, 5);
    await db.stores.signals.insert(message(newest, NOW - 1_000));
    await db.stores.signals.insert(message(older, NOW - 60_000));
    await db.stores.signals.insert(message(sameMsLower, NOW - 1_001));
    expect(await db.stores.signals.latestDiscordMessageId('C1')).toBe(newest);
  });

  it('GIVEN ids in the same millisecond WHEN asked THEN the larger one, compared as numbers (not as text)', async () => {
    await db.stores.signals.insert(message(snowflakeAt(NOW, 10), NOW));
    await db.stores.signals.insert(message(snowflakeAt(NOW, 9), NOW));
    expect(await db.stores.signals.latestDiscordMessageId('C1')).toBe(snowflakeAt(NOW, 10));
    await db.stores.signals.insert(message('999', NOW, { channelId: 'C3' }));
    await db.stores.signals.insert(message('1000', NOW, { channelId: 'C3' }));
    expect(await db.stores.signals.latestDiscordMessageId('C3')).toBe('1000');
  });

  it('GIVEN an edit, a webhook signal and another channel WHEN asked THEN only bare Discord message ids of that channel count', async () => {
    const original = snowflakeAt(NOW - 5_000);
    await db.stores.signals.insert(message(original, NOW - 5_000));
    await db.stores.signals.insert(message(`${original}:edit:${NOW}`, NOW));
    await db.stores.signals.insert(message(snowflakeAt(NOW + 1_000), NOW + 1_000, { source: 'tradingview', channelKind: 'tradingview' }));
    await db.stores.signals.insert(message(snowflakeAt(NOW + 2_000), NOW + 2_000, { channelId: 'C2' }));
    expect(await db.stores.signals.latestDiscordMessageId('C1')).toBe(original);
  });

  it('GIVEN the query WHEN planned without sequential scans THEN it walks the channel index', async () => {
    const plan = await db.test.database.db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      const rows = await tx.execute(sql`explain select external_id from signals where channel_id = 'C1' and source = 'discord'
        and external_id ~ '^[0-9]+$' order by posted_at desc, length(external_id) desc, external_id desc limit 1`);
      return (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows).map((r) => Object.values(r as object).join(' ')).join('\n');
    });
    expect(plan).toContain('signals_channel_posted_at');
  });

  it('GIVEN stored signals WHEN looked up by natural key THEN the row, and null for another source or an unknown key', async () => {
    const id = snowflakeAt(NOW);
    const stored = await db.stores.signals.insert(message(id, NOW));
    expect(await db.stores.signals.byExternalId('discord', id)).toMatchObject({ id: stored.signal.id, rawText: stored.signal.rawText });
    expect(await db.stores.signals.byExternalId('tradingview', id)).toBeNull();
    expect(await db.stores.signals.byExternalId('discord', '1')).toBeNull();
  });

  it('GIVEN a message, its edits and look-alike keys WHEN its versions are asked for THEN the message and its edits, oldest first, and nothing else', async () => {
    const key = snowflakeAt(NOW + 5_000);
    const stored = [key, `${key}:edit:${NOW + 1}`, `${key}7`, `${key}7:edit:${NOW + 2}`, `${key}:edit:${NOW + 3}`];
    const ids = [];
    for (const externalId of stored) ids.push((await db.stores.signals.insert(message(externalId, NOW))).signal.id);
    await db.stores.signals.insert(message(`${key}:edit:${NOW + 4}`, NOW, { source: 'tradingview', channelKind: 'tradingview' }));
    expect((await db.stores.signals.messageVersions('discord', key)).map((s) => s.id)).toEqual([ids[0], ids[1], ids[4]]);
    expect(await db.stores.signals.messageVersions('discord', '1')).toEqual([]);
  });
});
