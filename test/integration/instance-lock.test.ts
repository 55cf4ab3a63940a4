import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { createLogger } from '../../src/adapters/log/logger.js';
import { openDatabase, type Database, type DatabaseOptions } from '../../src/adapters/store/database.js';
import { InstanceRunningError } from '../../src/adapters/store/instance-lock.js';
import { createPostgresDatabase } from '../support/databases.js';

const log = createLogger({ level: 'silent' });
const exclusive = { log };

interface Place { options: DatabaseOptions; dispose(): Promise<void> }

const places: { name: string; make(): Promise<Place> }[] = [{
  name: 'pglite',
  make: () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'ts-lock-'));
    return Promise.resolve({ options: { url: null, dataDir }, dispose: () => Promise.resolve(rmSync(dataDir, { recursive: true, force: true })) });
  },
}];
const baseUrl = process.env.TEST_DATABASE_URL;
if (baseUrl) {
  places.push({
    name: 'postgres',
    make: async () => {
      const created = await createPostgresDatabase(baseUrl);
      return { options: { url: created.url, dataDir: ':memory:' }, dispose: () => created.drop() };
    },
  });
}

/** One bot per database: the second refuses to start, saying which bot holds it. */
describe.each(places)('the instance lock on $name', ({ name, make }) => {
  let place: Place;
  const opened: Database[] = [];
  beforeEach(async () => {
    place = await make();
  });
  afterEach(async () => {
    for (const db of opened.splice(0)) await db.close().catch(() => undefined);
    await place.dispose();
  });
  const open = async (options: DatabaseOptions, lock = true) => {
    const db = await openDatabase(options, lock ? exclusive : undefined);
    opened.push(db);
    return db;
  };

  it('GIVEN a bot has the database WHEN a second bot opens it THEN InstanceRunningError names the first, and nothing is opened', async () => {
    await open(place.options);
    const second = await openDatabase(place.options, exclusive).then(() => null, (err: unknown) => err);
    expect(second).toBeInstanceOf(InstanceRunningError);
    const pid = name === 'pglite' ? `pid ${process.pid} on ` : `application "tradestream pid ${process.pid} on `;
    expect((second as Error).message).toContain(pid);
    expect((second as Error).message).toContain('Stop it first: two would both trade every alert.');
  });

  it('GIVEN the first bot closed its database WHEN the next one opens it THEN it starts', async () => {
    const first = await open(place.options);
    await first.close();
    opened.splice(0);
    const second = await open(place.options);
    expect(await second.ping()).toBe(true);
  });

  // PostgreSQL only: two PGlite processes on one directory cannot see each other's writes.
  it.skipIf(name === 'pglite')('GIVEN a bot has the database WHEN a tool opens it without the lock (tests, benchmarks) THEN it may', async () => {
    await open(place.options);
    const reader = await open(place.options, false);
    expect(await reader.ping()).toBe(true);
  });
});

describe('the embedded database\'s lock after a bot was killed', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'ts-lock-killed-'));
  });
  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('GIVEN the lock socket of a process killed with SIGKILL WHEN a bot opens the database THEN it takes the lock over', async () => {
    const socket = path.join(dataDir, 'tradestream.sock');
    // A process that listens on the lock socket as a bot would, then dies without cleaning up.
    const holder = spawn(process.execPath, ['-e', `require('node:net').createServer().listen(${JSON.stringify(socket)}, () => console.log('up'))`]);
    await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
    const refused = await openDatabase({ url: null, dataDir }, exclusive).then((db) => db.close().then(() => null), (err: unknown) => err);
    expect(refused).toBeInstanceOf(InstanceRunningError);
    holder.kill('SIGKILL');
    await new Promise((resolve) => holder.once('exit', resolve));
    expect(existsSync(socket)).toBe(true);

    const db = await openDatabase({ url: null, dataDir }, exclusive);
    expect(await db.ping()).toBe(true);
    await db.close();
    expect(existsSync(socket)).toBe(false);
  });

  it('GIVEN something else listening on the lock socket WHEN a bot opens the database THEN it refuses, though no bot answered', async () => {
    const socket = path.join(dataDir, 'tradestream.sock');
    const other = createServer((s) => s.end('not json'));
    await new Promise<void>((resolve) => other.listen(socket, resolve));
    try {
      const refused = await openDatabase({ url: null, dataDir }, exclusive).then((db) => db.close().then(() => null), (err: unknown) => err);
      expect(refused).toBeInstanceOf(InstanceRunningError);
      expect((refused as Error).message).toContain('a process that did not say which');
    } finally {
      await new Promise((resolve) => other.close(resolve));
    }
  });

  it('GIVEN a DATA_DIR too long a path for a unix socket WHEN a bot opens the database THEN it runs, without the lock', async () => {
    const deep = path.join(dataDir, 'a-directory-name-long-enough'.repeat(4));
    const db = await openDatabase({ url: null, dataDir: deep }, exclusive);
    expect(await db.ping()).toBe(true);
    expect(existsSync(path.join(deep, 'tradestream.sock'))).toBe(false);
    await db.close();
  });
});

describe('the embedded database\'s lock socket removed while the bot runs', () => {
  let dataDir: string;
  let socket: string;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'ts-lock-removed-'));
    socket = path.join(dataDir, 'tradestream.sock');
  });
  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });
  const until = async (check: () => boolean) => {
    for (let waited = 0; !check(); waited += 20) {
      if (waited > 5_000) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  it('GIVEN the socket file was removed WHEN the bot checks THEN it makes it again, and a second bot is refused again', async () => {
    const db = await openDatabase({ url: null, dataDir }, { log, lockCheckEveryMs: 50 });
    try {
      rmSync(socket);
      await until(() => existsSync(socket));
      expect(db.instanceLock?.()).toBe('held');
      const second = await openDatabase({ url: null, dataDir }, exclusive).then((d) => d.close().then(() => null), (err: unknown) => err);
      expect(second).toBeInstanceOf(InstanceRunningError);
    } finally {
      await db.close();
    }
    expect(existsSync(socket)).toBe(false);
  });

  it('GIVEN the socket file was removed and another bot listens there WHEN the bot checks THEN it is told once, and closing leaves the other\'s socket', async () => {
    const told: InstanceRunningError[] = [];
    const db = await openDatabase({ url: null, dataDir }, { log, lockCheckEveryMs: 100, onLockLost: (err) => told.push(err) });
    const other = createServer((s) => s.end(JSON.stringify({ pid: 4242, host: 'other-host', since: '2026-11-21T00:00:00Z' })));
    try {
      rmSync(socket);
      await new Promise<void>((resolve) => other.listen(socket, resolve));
      await until(() => told.length > 0);
      expect(db.instanceLock?.()).toBe('lost');
      expect(told[0]?.message).toMatch(/^Another TradeStream took the embedded database's instance lock \(pid 4242 on other-host, since 2026-11-21T00:00:00Z\)/);
      await new Promise((r) => setTimeout(r, 300));
      expect(told).toHaveLength(1);
      await db.close();
      expect(existsSync(socket)).toBe(true); // the other bot's lock is left alone
    } finally {
      await new Promise((resolve) => other.close(resolve));
    }
  });
});

describe.skipIf(!baseUrl)('the PostgreSQL lock after the bot\'s connection died', () => {
  const terminateLockSession = (admin: postgres.Sql) =>
    admin`select pg_terminate_backend(pid) from pg_stat_activity where application_name like 'tradestream pid%' and datname = current_database()`;
  const until = async (check: () => boolean) => {
    for (let waited = 0; !check(); waited += 50) {
      if (waited > 5_000) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  it('GIVEN the bot lost its lock session WHEN another session took the lock THEN the state is lost and the bot is told once; once free again it is taken back', async () => {
    const created = await createPostgresDatabase(baseUrl ?? '');
    const admin = postgres(created.url, { max: 1, onnotice: () => undefined });
    const told: InstanceRunningError[] = [];
    const db = await openDatabase({ url: created.url, dataDir: ':memory:' }, { log, lockCheckEveryMs: 100, onLockLost: (err) => told.push(err) });
    try {
      expect(db.instanceLock?.()).toBe('held');
      // Another bot takes the lock, in effect (again if the bot's check took it back first).
      for (let tries = 0; ; tries++) {
        await terminateLockSession(admin);
        const [taken] = await admin<{ locked: boolean }[]>`select pg_try_advisory_lock(${0x54534c4b}::int, 1) as locked`;
        if (taken?.locked) break;
        if (tries > 20) throw new Error('could not take the lock from the bot');
      }
      await until(() => db.instanceLock?.() === 'lost');
      await until(() => told.length > 0);
      expect(told[0]?.message).toMatch(/^Another TradeStream took this database's instance lock \(application "postgres\.js", from [^)]+\) while this one ran/);
      await new Promise((r) => setTimeout(r, 300)); // three more checks, still lost: told once
      expect(told).toHaveLength(1);
      await admin`select pg_advisory_unlock(${0x54534c4b}::int, 1)`;
      await until(() => db.instanceLock?.() === 'held');
      const [row] = await admin<{ holders: number }[]>`select count(*)::int as holders from pg_locks l join pg_stat_activity a on a.pid = l.pid
        where l.locktype = 'advisory' and l.classid = ${0x54534c4b}::oid and a.application_name like 'tradestream pid%'`;
      expect(row?.holders).toBe(1);
    } finally {
      await db.close();
      await admin.end();
      await created.drop();
    }
  });

  it('GIVEN the lock\'s session was terminated WHEN another bot opens the database THEN it takes the lock', async () => {
    const created = await createPostgresDatabase(baseUrl ?? '');
    const admin = postgres(created.url, { max: 1, onnotice: () => undefined });
    try {
      const first = await openDatabase({ url: created.url, dataDir: ':memory:' }, exclusive);
      await terminateLockSession(admin);
      const second = await openDatabase({ url: created.url, dataDir: ':memory:' }, exclusive);
      expect(await second.ping()).toBe(true);
      await second.close();
      await first.close().catch(() => undefined);
    } finally {
      await admin.end();
      await created.drop();
    }
  });
});
