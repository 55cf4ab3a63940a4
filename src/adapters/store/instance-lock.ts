import { rmSync, statSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { hostname } from 'node:os';
import path from 'node:path';
import type postgres from 'postgres';
import type { Log } from '../../app/ports.js';

/**
 * One bot per database. Two would both read every alert and both manage every position — each
 * exit filled twice, and on PGlite the data directory written by two processes that cannot see
 * each other's writes. The lock is taken before the database is opened and held until it closes.
 */
export interface InstanceLock {
  /** `held`; `lost` (another bot took it while this one ran); `none` (no lock could be made here). */
  state(): InstanceLockState;
  /** Check now what the watchdog checks every 30 s (a lock found taken calls `onLost`). */
  check(): Promise<void>;
  release(): Promise<void>;
}

export type InstanceLockState = 'held' | 'lost' | 'none';

/** Raised when another TradeStream holds the database; its message says which and what to do. */
export class InstanceRunningError extends Error {
  readonly code = 'INSTANCE_RUNNING';
  constructor(message: string) {
    super(message);
    this.name = 'InstanceRunningError';
  }
}

const LOCK_SOCKET = 'tradestream.sock';
/** How often a held lock is checked. */
const WATCH_MS = 30_000;
/** Longer unix socket paths are refused by the OS (108 bytes on Linux, with the terminator). */
const MAX_SOCKET_PATH = 100;

export interface DataDirLockOptions {
  /** How often the socket file is checked (default 30 s). */
  checkEveryMs?: number;
  /** Called once when another instance is found listening on the lock's path; the bot stops on it. */
  onLost?: (err: InstanceRunningError) => void;
}

/**
 * PGlite: a unix socket in the data directory that the running bot listens on. The OS ends it
 * with the process however that ends, so a socket file nobody answers on was left by a bot that
 * is gone (killed, the machine or container restarted) and is taken over; one that answers is a
 * bot still running, and says which. The file is checked every 30 s: removed (by hand, by a
 * cleaner of old files), it is made again — until then a second bot could start — and if another
 * bot listens there by then, `onLost` is called and the state is `lost`.
 */
export async function lockDataDir(dataDir: string, log: Log, options: DataDirLockOptions = {}): Promise<InstanceLock> {
  const socketPath = path.join(path.resolve(dataDir), LOCK_SOCKET);
  if (Buffer.byteLength(socketPath) > MAX_SOCKET_PATH) return noLock(log, dataDir, new Error('the path is too long for a unix socket'));
  const owner = JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const server = await listen(socketPath, owner);
      return watchSocket(socketPath, owner, server, log, options);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') return noLock(log, dataDir, err);
      const running = await ownerAt(socketPath);
      if (running !== null) {
        throw new InstanceRunningError(`Another TradeStream is running on the embedded database in ${dataDir} (${running}). `
          + 'Stop it first: two would both trade every alert.');
      }
      rmSync(socketPath, { force: true }); // left by a bot that is gone
    }
  }
  throw new InstanceRunningError(`Could not take the instance lock ${socketPath}: another process keeps creating it.`);
}

/** The held socket lock, with its file checked every `checkEveryMs` (see lockDataDir). */
function watchSocket(socketPath: string, owner: string, first: Server, log: Log, { checkEveryMs = WATCH_MS, onLost }: DataDirLockOptions): InstanceLock {
  const lock = new SocketLock(socketPath, owner, first, log, onLost);
  const check = () => lock.check().catch((err: unknown) => log.warn({ err }, 'could not check the instance lock socket'));
  const watch = setInterval(() => void check(), checkEveryMs);
  watch.unref();
  return {
    state: () => lock.state,
    check,
    release: () => {
      clearInterval(watch);
      return lock.release();
    },
  };
}

class SocketLock {
  state: InstanceLockState = 'held';
  private inode: number | null;
  private checking = false;

  constructor(private readonly socketPath: string, private readonly owner: string, private server: Server,
    private readonly log: Log, private readonly onLost: ((err: InstanceRunningError) => void) | undefined) {
    this.inode = inodeOf(socketPath);
  }

  /** The file is still ours; else another bot listens there (lost), or it is made again. */
  async check(): Promise<void> {
    if (this.checking || inodeOf(this.socketPath) === this.inode) return;
    this.checking = true;
    try {
      const other = await ownerAt(this.socketPath);
      if (other === null) await this.listenAgain();
      else if (this.state === 'held') this.lose(other);
    } finally {
      this.checking = false;
    }
  }

  /** Not ours any more (another bot's socket is at the path): closing would unlink it, so the unref'd server ends with the process. */
  async release(): Promise<void> {
    const now = inodeOf(this.socketPath);
    if (now === null || now === this.inode) await closeServer(this.server);
  }

  private async listenAgain(): Promise<void> {
    // Closing a unix socket server unlinks its path (libuv), so the old one goes first: it removes
    // the stale file, if any, never the new one.
    await closeServer(this.server);
    this.server = await listen(this.socketPath, this.owner);
    this.inode = inodeOf(this.socketPath);
    this.state = 'held';
    this.log.warn({ socketPath: this.socketPath }, 'the instance lock\'s socket file was removed: made again');
  }

  private lose(other: string): void {
    this.state = 'lost';
    const taken = new InstanceRunningError(`Another TradeStream took the embedded database's instance lock (${other}) after its `
      + `socket ${this.socketPath} was removed. This one stops: two would both trade every alert.`);
    this.log.error({ err: taken }, 'another TradeStream took the embedded database\'s instance lock');
    this.onLost?.(taken);
  }
}

function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve) => { server.close(() => resolve()); });
}

/** The socket file's inode, or null when there is none. */
function inodeOf(file: string): number | null {
  try {
    return statSync(file).ino;
  } catch {
    return null;
  }
}

/**
 * Where a socket cannot be made (a path too long, a file system without sockets such as some
 * bind mounts), the bot runs as it would have without the lock, and says so.
 */
function noLock(log: Log, dataDir: string, err: unknown): InstanceLock {
  log.warn({ dataDir, err }, 'no instance lock in DATA_DIR (cannot make a unix socket there): nothing stops a second bot on this database');
  return { state: () => 'none', check: () => Promise.resolve(), release: () => Promise.resolve() };
}

function listen(socketPath: string, owner: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer((socket) => socket.end(owner));
    server.once('error', reject);
    server.listen(socketPath, () => {
      server.off('error', reject);
      server.unref(); // the lock never keeps the process alive
      resolve(server);
    });
  });
}

/**
 * What the process listening on the socket says of itself (`pid 12 on host, since …`), or null
 * when none listens. One that accepts the connection is alive, whatever it answers.
 */
function ownerAt(socketPath: string): Promise<string | null> {
  return new Promise((resolve) => {
    let text = '';
    let connected = false;
    const socket = connect(socketPath, () => { connected = true; });
    socket.setEncoding('utf8');
    socket.setTimeout(2_000, () => socket.destroy());
    socket.on('data', (chunk: string) => { text += chunk; });
    socket.on('error', () => undefined); // refused or gone: `close` follows
    socket.on('close', () => resolve(connected ? describeOwner(text) ?? 'a process that did not say which' : null));
  });
}

function describeOwner(text: string): string | null {
  try {
    const o = JSON.parse(text) as { pid?: unknown; host?: unknown; since?: unknown };
    return `pid ${String(o.pid)} on ${String(o.host)}, since ${String(o.since)}`;
  } catch {
    return null;
  }
}

/** The advisory lock's key: 'TSLK' and 1, in PostgreSQL's two-int form (pg_locks: classid, objid, objsubid 2). */
const KEY_HIGH = 0x54534c4b;
const KEY_LOW = 1;

export interface PostgresLockOptions {
  log: Log;
  /** How often the lock is checked (default 30 s). */
  checkEveryMs?: number;
  /** Called once when another instance is found holding the lock; the bot stops on it (bootstrap.ts). */
  onLost?: (err: InstanceRunningError) => void;
}

/**
 * PostgreSQL: a session advisory lock on a connection of its own, kept open (no idle timeout, no
 * lifetime) while the bot runs. The connection is checked every 30 s: a lock lost with a dropped
 * connection is taken again; if another instance took it meanwhile, that is logged as an error,
 * `onLost` is called (the bot stops: two must not trade at once), and the lock's state (shown by
 * /healthz) is `lost` until it is held again.
 */
export async function lockPostgres(client: (options: postgres.Options<Record<string, never>>) => postgres.Sql,
  { log, checkEveryMs = WATCH_MS, onLost }: PostgresLockOptions): Promise<InstanceLock> {
  const sql = client({
    max: 1, idle_timeout: 0, max_lifetime: null,
    connection: { application_name: `tradestream pid ${process.pid} on ${hostname()}`.slice(0, 63) },
  });
  try {
    if (!await tryLock(sql)) {
      const holder = await lockHolder(sql);
      throw new InstanceRunningError(`Another TradeStream is running against this database${holder}. `
        + 'Stop it first: two would both trade every alert.');
    }
  } catch (err) {
    await sql.end({ timeout: 1 }).catch(() => undefined);
    throw err;
  }
  let state: InstanceLockState = 'held';
  const check = () => stillHeld(sql).then(async (held) => {
    const lostNow = !held && state === 'held';
    state = held ? 'held' : 'lost';
    if (!lostNow) return;
    const taken = new InstanceRunningError(`Another TradeStream took this database's instance lock${await lockHolder(sql)} `
      + 'while this one ran (its lock connection had dropped). This one stops: two would both trade every alert.');
    log.error({ err: taken }, 'another TradeStream took this database\'s instance lock');
    onLost?.(taken);
  }).catch((err: unknown) => log.warn({ err }, 'could not check the database instance lock'));
  const watch = setInterval(() => void check(), checkEveryMs);
  watch.unref();
  return {
    state: () => state,
    check,
    release: async () => {
      clearInterval(watch);
      await sql.end({ timeout: 5 });
    },
  };
}

async function tryLock(sql: postgres.Sql): Promise<boolean> {
  const [row] = await sql<{ locked: boolean }[]>`select pg_try_advisory_lock(${KEY_HIGH}::int, ${KEY_LOW}::int) as locked`;
  return row?.locked === true;
}

/** Held by this connection, or taken again after a reconnect; false when another session has it. */
async function stillHeld(sql: postgres.Sql): Promise<boolean> {
  const [row] = await sql<{ held: boolean }[]>`select exists(select 1 from pg_locks where locktype = 'advisory'
    and classid = ${KEY_HIGH}::oid and objid = ${KEY_LOW}::oid and objsubid = 2 and pid = pg_backend_pid() and granted) as held`;
  return row?.held === true || tryLock(sql);
}

/** ` (application "tradestream pid 12 on host", from 10.0.0.5, connected …)`, or '' when it cannot be seen. */
async function lockHolder(sql: postgres.Sql): Promise<string> {
  const [row] = await sql<{ app: string | null; addr: string | null; since: Date | null }[]>`
    select a.application_name as app, host(a.client_addr) as addr, a.backend_start as since
    from pg_locks l join pg_stat_activity a on a.pid = l.pid
    where l.locktype = 'advisory' and l.classid = ${KEY_HIGH}::oid and l.objid = ${KEY_LOW}::oid and l.objsubid = 2 and l.granted
      and l.database = (select oid from pg_database where datname = current_database())`.catch(() => []);
  if (!row) return '';
  const parts = [row.app ? `application "${row.app}"` : null, row.addr ? `from ${row.addr}` : null,
    row.since ? `connected ${row.since.toISOString()}` : null].filter((p): p is string => p !== null);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}
