import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { openDatabase, type Database } from '../../src/adapters/store/database.js';
import { createStores } from '../../src/adapters/store/index.js';
import type { Stores } from '../../src/app/ports.js';

/**
 * The databases integration tests run against: PGlite always, and a real PostgreSQL server
 * when TEST_DATABASE_URL is set (CI starts one). Each `open()` gives a fresh, migrated database.
 */
export interface TestDatabaseKind {
  name: 'pglite' | 'postgres';
  open(): Promise<TestDatabase>;
}

export interface TestDatabase {
  database: Database;
  /** The config to hand to the app (`database.url`/`dataDir`) for the same database. */
  options: { url: string | null; dataDir: string };
  dispose(): Promise<void>;
}

let counter = 0;

export function testDatabaseKinds(): TestDatabaseKind[] {
  const kinds: TestDatabaseKind[] = [{ name: 'pglite', open: openPglite }];
  const url = process.env.TEST_DATABASE_URL;
  if (url) kinds.push({ name: 'postgres', open: () => openFreshPostgres(url) });
  return kinds;
}

async function openPglite(): Promise<TestDatabase> {
  const database = await openDatabase({ url: null, dataDir: ':memory:' });
  return { database, options: { url: null, dataDir: ':memory:' }, dispose: () => database.close() };
}

/** Create a uniquely named database on the server, migrate it, drop it on dispose. */
export async function createPostgresDatabase(baseUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `ts_test_${process.pid}_${Date.now()}_${counter++}`;
  const admin = postgres(baseUrl, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const a = postgres(baseUrl, { max: 1, onnotice: () => undefined });
      await a.unsafe(`drop database if exists "${name}" with (force)`);
      await a.end();
    },
  };
}

async function openFreshPostgres(baseUrl: string): Promise<TestDatabase> {
  const created = await createPostgresDatabase(baseUrl);
  const database = await openDatabase({ url: created.url, dataDir: ':memory:' });
  return {
    database,
    options: { url: created.url, dataDir: ':memory:' },
    async dispose() {
      await database.close();
      await created.drop();
    },
  };
}

/** Empty every table (and reset ids) so tests sharing one database start clean. */
export async function truncateAll(test: TestDatabase): Promise<void> {
  await test.database.db.execute(sql`truncate table fills, stop_moves, orders, positions, signals, bot_state, audit_log, webhook_links,
    risk_overrides, notify_preferences, signal_reviews, session_marks restart identity cascade`);
}

/**
 * The hooks of a test on one database kind — open it once, empty it before each test, dispose
 * of it after — registered in the calling `describe` (before its own hooks, so a `beforeEach`
 * that builds on the database finds it empty). Read `database`/`options` inside tests and hooks.
 */
export function useDatabase(kind: TestDatabaseKind): TestDatabase {
  let opened: TestDatabase | null = null;
  const current = (): TestDatabase => {
    if (opened === null) throw new Error('the test database is opened in beforeAll: read it inside a hook or a test');
    return opened;
  };
  beforeAll(async () => {
    opened = await kind.open();
  });
  beforeEach(async () => {
    await truncateAll(current());
  });
  afterAll(async () => {
    await current().dispose();
  });
  return { get database() { return current().database; }, get options() { return current().options; }, dispose: () => current().dispose() };
}

/**
 * The hooks of a store test on one database kind — open it once, empty it before each test,
 * dispose of it after — registered in the calling `describe`. The fields are set in beforeAll.
 */
export function useStores(kind: TestDatabaseKind, nowMs: () => number): { test: TestDatabase; stores: Stores } {
  const test = useDatabase(kind);
  const ctx = { test } as { test: TestDatabase; stores: Stores };
  beforeAll(() => {
    ctx.stores = createStores(test.database, nowMs);
  });
  return ctx;
}
