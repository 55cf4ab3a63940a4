import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { signals } from '../../src/adapters/store/schema.js';
import { createStores } from '../../src/adapters/store/index.js';
import { testDatabaseKinds, type TestDatabase } from '../support/databases.js';

const postgresKind = testDatabaseKinds().find((k) => k.name === 'postgres');

/**
 * On PostgreSQL every statement the app sends through drizzle is prepared (one round trip once
 * a connection has seen it), transactions included — see alwaysPrepared in database.ts.
 * pg_prepared_statements lists a session's named statements; unnamed ones never appear there.
 */
describe.skipIf(postgresKind === undefined)('statements on PostgreSQL', () => {
  let test: TestDatabase;

  beforeAll(async () => {
    test = await (postgresKind as NonNullable<typeof postgresKind>).open();
  });
  afterAll(async () => {
    await test.dispose();
  });

  it('GIVEN a transaction WHEN it runs drizzle queries THEN they are named prepared statements, reused on repeat', async () => {
    const { db } = test.database;
    const counts = await db.transaction(async (tx) => {
      const prepared = async () => {
        const rows = await tx.execute(sql`select count(*)::int as n from pg_prepared_statements where statement like '%"signals"%'`);
        return Number((rows as unknown as { n: number }[])[0]?.n);
      };
      await tx.select().from(signals).where(eq(signals.id, 1));
      const afterOne = await prepared();
      await tx.select().from(signals).where(eq(signals.id, 2));
      await tx.select().from(signals).where(eq(signals.id, 3));
      return { afterOne, afterThree: await prepared() };
    });
    expect(counts.afterOne).toBe(1);
    expect(counts.afterThree).toBe(1); // the same text with other values: one statement, reused
  });

  it('GIVEN a failing transaction WHEN it throws THEN prepared statements still roll back', async () => {
    const stores = createStores(test.database, () => Date.now());
    await expect(test.database.db.transaction(async (tx) => {
      await tx.insert(signals).values({
        source: 'discord', externalId: 'rollback-1', channelKind: 'futures', rawText: 'x', postedAt: new Date(),
      });
      throw new Error('abort');
    })).rejects.toThrow('abort');
    expect(await stores.signals.recent(10)).toEqual([]);
  });
});
