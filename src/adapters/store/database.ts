import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import postgres from 'postgres';
import * as schema from './schema.js';
import type { Log } from '../../app/ports.js';
import { InstanceRunningError, lockDataDir, lockPostgres, type InstanceLock, type InstanceLockState } from './instance-lock.js';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  ping(): Promise<boolean>;
  close(): Promise<void>;
  /** The bot's instance lock (instance-lock.ts); absent for an open without one. */
  instanceLock?: () => InstanceLockState;
  /** Check the instance lock now (a lock found taken stops the bot, as at the 30 s check); its state after. */
  checkInstanceLock?: () => Promise<InstanceLockState>;
}

export interface DatabaseOptions {
  /** postgres:// URL; null → embedded PGlite. */
  url: string | null;
  /** PGlite data directory; ':memory:' keeps everything in memory (tests). */
  dataDir: string;
}

/** Raised when the database cannot be reached or migrated; its message says what to fix. */
export class DatabaseUnavailableError extends Error {
  readonly code = 'DATABASE_UNAVAILABLE';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseUnavailableError';
  }
}

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations', import.meta.url));

/** The bot's own open: its log, and what it does when another bot takes its lock. */
export interface ExclusiveOpen {
  log: Log;
  /** How often the lock is checked (default 30 s; tests shorten it). */
  lockCheckEveryMs?: number;
  onLockLost?: (err: InstanceRunningError) => void;
}

/**
 * Open the configured database and apply pending migrations. `exclusive`: the bot's own open —
 * it takes the instance lock first (instance-lock.ts: one bot per database) and holds it until
 * the database is closed; tools and tests that only read alongside a bot leave it out.
 */
export async function openDatabase(options: DatabaseOptions, exclusive?: ExclusiveOpen): Promise<Database> {
  if (!exclusive || (!options.url && options.dataDir === ':memory:')) {
    return options.url ? openPostgres(options.url) : openPglite(options.dataDir);
  }
  const lock = await takeLock(options, exclusive);
  try {
    const database = options.url ? await openPostgres(options.url) : await openPglite(options.dataDir);
    return { ...database, close: () => database.close().finally(() => lock.release()), instanceLock: () => lock.state(),
      checkInstanceLock: () => lock.check().then(() => lock.state()) };
  } catch (err) {
    await lock.release().catch(() => undefined);
    throw err;
  }
}

async function takeLock(options: DatabaseOptions, { log, lockCheckEveryMs, onLockLost }: ExclusiveOpen): Promise<InstanceLock> {
  const url = options.url;
  const watch = { ...(lockCheckEveryMs ? { checkEveryMs: lockCheckEveryMs } : {}), ...(onLockLost ? { onLost: onLockLost } : {}) };
  if (url) {
    return lockPostgres((overrides) => postgresClient(url, overrides), { log, ...watch }).catch((err: unknown) => {
      if (err instanceof DatabaseUnavailableError || err instanceof InstanceRunningError) throw err;
      throw unreachable(url, err);
    });
  }
  try {
    // The database's own directory first: a DATA_DIR that is a file fails as in openPglite (ENOTDIR).
    return await lockDataDir(path.dirname(ensureDir(path.resolve(options.dataDir, 'pglite'))), log, watch);
  } catch (err) {
    throw err instanceof InstanceRunningError ? err : cannotOpenPglite(options.dataDir, err);
  }
}

async function openPglite(dataDir: string): Promise<Database> {
  let client: PGlite | null = null;
  try {
    // Creating the directory is inside the try: DATA_DIR may be a file, or not writable (ENOTDIR, EACCES).
    client = dataDir === ':memory:' ? new PGlite() : new PGlite(ensureDir(path.resolve(dataDir, 'pglite')));
    const db = drizzlePglite({ client, schema });
    await migratePglite(db, { migrationsFolder: MIGRATIONS_DIR });
    const opened = client;
    return { db: db as unknown as Db, kind: 'pglite', ping: () => pingDb(db as unknown as Db), close: () => opened.close() };
  } catch (err) {
    await client?.close().catch(() => undefined);
    throw cannotOpenPglite(dataDir, err);
  }
}

function cannotOpenPglite(dataDir: string, err: unknown): DatabaseUnavailableError {
  const hint = (err as NodeJS.ErrnoException).syscall ? ' Set DATA_DIR to a directory the bot may write to.' : '';
  return new DatabaseUnavailableError(`Could not open the embedded database in ${dataDir}: ${(err as Error).message}.${hint}`, { cause: err });
}

function unreachable(url: string, err: unknown): DatabaseUnavailableError {
  return new DatabaseUnavailableError(`Could not connect to the database at ${describeUrl(url)}: ${describeError(err)}. `
    + 'Check DATABASE_URL and that PostgreSQL is running.', { cause: err });
}

function ensureDir(dir: string): string {
  mkdirSync(dir, { recursive: true });
  return dir;
}

async function openPostgres(url: string): Promise<Database> {
  const client = postgresClient(url);
  const db = drizzlePostgres({ client, schema });
  try {
    await client`select 1`;
  } catch (err) {
    await client.end({ timeout: 1 }).catch(() => undefined);
    throw unreachable(url, err);
  }
  try {
    await migratePostgres(db, { migrationsFolder: MIGRATIONS_DIR });
  } catch (err) {
    await client.end({ timeout: 1 }).catch(() => undefined);
    throw new DatabaseUnavailableError(`Could not apply migrations to ${describeUrl(url)}: ${describeError(err)}`, { cause: err });
  }
  // Migrations ran on plain statements; the app's queries run prepared (see alwaysPrepared).
  const appDb = drizzlePostgres({ client: alwaysPrepared(client), schema }) as unknown as Db;
  return {
    db: appDb,
    kind: 'postgres',
    ping: () => pingDb(appDb),
    close: () => client.end({ timeout: 5 }),
  };
}

/** postgres.js parses the URL when the client is made: a bad port or %-escape throws there (TypeError, URIError). */
function postgresClient(url: string, overrides: postgres.Options<Record<string, never>> = {}): postgres.Sql {
  try {
    return postgres(url, { max: 10, onnotice: () => undefined, connect_timeout: 10, ...overrides });
  } catch (err) {
    // The message only: a URL parse error carries the URL, password included, in its `input`.
    throw new DatabaseUnavailableError(`DATABASE_URL cannot be used: ${(err as Error).message}. `
      + 'Check its host, port (1–65535) and %-escapes (write % in a password as %25).');
  }
}

type Sql = postgres.Sql;
type UnsafeOptions = Parameters<Sql['unsafe']>[2];

/**
 * The postgres.js client with every statement prepared: drizzle asks for unnamed statements,
 * which postgres.js sends as Parse + Describe, waits, then Bind + Execute — two round trips,
 * and a parse and plan in PostgreSQL, per query. Prepared, a statement costs one round trip
 * after its first use on a connection. Transactions and savepoints hand out their own client;
 * it is wrapped the same way. (Behind PgBouncer in transaction mode this needs PgBouncer 1.21+
 * with max_prepared_statements set.)
 */
export function alwaysPrepared<T extends Sql | postgres.TransactionSql>(sql: T): T {
  return new Proxy(sql, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      if (prop === 'unsafe') {
        return (query: string, params?: unknown[], options?: UnsafeOptions) =>
          (value as Sql['unsafe']).call(target, query, params as never, { ...options, prepare: true });
      }
      if (prop === 'begin' || prop === 'savepoint') {
        return (...args: unknown[]) => {
          const last = args.length - 1;
          const callback = args[last] as (tx: postgres.TransactionSql) => unknown;
          args[last] = (tx: postgres.TransactionSql) => callback(alwaysPrepared(tx));
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      return (value as (...a: unknown[]) => unknown).bind(target);
    },
  });
}

/**
 * A parameterised statement run on the driver itself, prepared once per connection and reused
 * (drizzle's `execute` sends every statement unnamed: parsed, described and planned each time).
 * For the few hot statements whose text never changes; everything else goes through drizzle.
 */
export type RawQuery = <T>(text: string, params: readonly unknown[]) => Promise<T[]>;

interface PostgresJsClient { unsafe(text: string, params: unknown[], options: { prepare: boolean }): Promise<unknown[]> }
interface PgliteClient { query(text: string, params: unknown[]): Promise<{ rows: unknown[] }> }

/** The RawQuery of a drizzle database, on whichever driver it was opened with. */
export function rawQueryOf(db: Db): RawQuery {
  const client = (db as unknown as { $client: PostgresJsClient | PgliteClient }).$client;
  if ('unsafe' in client) {
    return async <T>(text: string, params: readonly unknown[]) => [...await client.unsafe(text, [...params], { prepare: true })] as T[];
  }
  return async <T>(text: string, params: readonly unknown[]) => (await client.query(text, [...params])).rows as T[];
}

async function pingDb(db: Db): Promise<boolean> {
  try {
    await db.execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}

/** host:port/dbname only — never the password. */
function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}

function describeError(err: unknown): string {
  const e = err as { code?: string; message?: string };
  if (e.code === 'ECONNREFUSED') return 'connection refused';
  if (e.code === 'ENOTFOUND') return 'host not found';
  if (e.code === 'ETIMEDOUT' || e.code === 'CONNECT_TIMEOUT') return 'connection timed out';
  return e.message ?? String(err);
}
