import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDatabase, type Database } from '../../src/adapters/store/database.js';
import { startDiscordDouble, type DiscordDouble } from '../support/discord-double/index.js';
import { createPostgresDatabase } from '../support/databases.js';
import { freePort, killSpawnedBots, spawnBot } from '../support/spawn-bot.js';
import { ADMIN } from '../support/app-harness.js';

/**
 * kill -9 during a load run: the real entry point as a process, webhooks fired at it, SIGKILL
 * mid-run, a restart on the same database stopped at once with SIGTERM (it finishes the signal
 * under way and leaves the backlog stored), and a third start that works the backlog off. Every
 * request that got a 200 must be stored exactly once and end processed exactly once: one order
 * per signal, none left unfinished.
 */
const LOAD_MS = 2500;
/**
 * The kill comes after this many 200s (or LOAD_MS), so the backlog stays within what the third
 * start works off in the test's time on any machine: intake runs far ahead of processing (each
 * signal here is a trade and a DM).
 */
const ACK_TARGET = 600;
const WORKERS = 12;

interface Target {
  name: string;
  database(): Promise<{ env: Record<string, string>; open(): Promise<Database>; dispose(): Promise<void> }>;
}

const targets: Target[] = [{
  name: 'pglite',
  async database() {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'ts-crash-'));
    return {
      env: { DATA_DIR: dataDir },
      open: () => openDatabase({ url: null, dataDir }),
      dispose: () => Promise.resolve(rmSync(dataDir, { recursive: true, force: true })),
    };
  },
}];
const pgBase = process.env.TEST_DATABASE_URL;
if (pgBase) {
  targets.push({
    name: 'postgres',
    async database() {
      const created = await createPostgresDatabase(pgBase);
      return { env: { DATABASE_URL: created.url }, open: () => openDatabase({ url: created.url, dataDir: ':memory:' }), dispose: () => created.drop() };
    },
  });
}

async function waitHealthy(port: number, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null);
    if (res?.status === 200) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the bot did not become healthy');
}

/** Signals the bot has queued and not yet processed, from /healthz. */
async function pendingSignals(port: number): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${port}/healthz`);
  const body = await res.json() as { bot?: { pendingSignals?: number } };
  return body.bot?.pendingSignals ?? Number.NaN;
}

/** Fire unique alerts (and some resends of acknowledged ones) until the server goes away. */
async function fire(url: string, acked: Map<string, number>, resends: Map<string, number>): Promise<void> {
  let n = 0;
  const worker = async (w: number) => {
    for (;;) {
      const resend = n % 10 === 9 ? [...acked.keys()].at(-1) : undefined;
      const key = resend ?? `crash-${w}-${n}`;
      n += 1;
      const body = JSON.stringify({ ticker: ['ES1!', 'NQ1!', 'MES1!'][n % 3], action: n % 2 ? 'buy' : 'sell', contracts: 1, price: 5000 + (n % 7), id: key });
      const res = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json' } }).catch(() => null);
      if (!res) return;
      const json = await res.json().catch(() => null) as { id?: number } | null;
      if (res.status !== 200 || json?.id === undefined) continue;
      if (resend) resends.set(key, json.id);
      else acked.set(key, json.id);
    }
  };
  await Promise.all(Array.from({ length: WORKERS }, (_, w) => worker(w)));
}

async function countUnfinished(db: Awaited<ReturnType<Target['database']>>): Promise<number> {
  const database = await db.open();
  try {
    const r = await database.db.execute(sql`select count(*)::int as n from signals where status = 'received'`);
    const rows = (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as { n: number }[];
    return Number(rows[0]?.n ?? 0);
  } finally {
    await database.close();
  }
}

describe.each(targets)('kill -9 under webhook load on $name', (target) => {
  let double: DiscordDouble;
  let db: Awaited<ReturnType<Target['database']>>;

  beforeAll(async () => {
    double = await startDiscordDouble();
    db = await target.database();
  });
  afterAll(async () => {
    await killSpawnedBots();
    await double.close();
    await db.dispose();
  });

  const env = (port: number) => ({
    DISCORD_TOKEN: double.token, DISCORD_API_BASE: double.apiBase, DISCORD_GUILD_ID: double.guilds.guildId, ADMIN_USER_IDS: ADMIN.id,
    HTTP_HOST: '127.0.0.1', HTTP_PORT: String(port), LOG_LEVEL: 'error', ENFORCE_MARKET_HOURS: 'false', MAX_ALERT_AGE_SECONDS: '3600',
    WEBHOOK_PUBLIC_URL: `http://127.0.0.1:${port}`, WEBHOOK_RATE_LIMIT_PER_MINUTE: '1000000',
    // Each request is its own trade here: same-content suppression (a risk rule) is not under test.
    DUPLICATE_WINDOW_SECONDS: '0', ...db.env,
  });

  it('GIVEN webhooks under load WHEN the process is killed -9 and restarted THEN every 200 is stored once and processed once', async () => {
    const port = await freePort();
    const first = spawnBot(env(port));
    await waitHealthy(port);
    const created = await double.runCommand({ name: 'webhook', subcommand: 'create', user: ADMIN, options: { name: 'crash' } }).response(10_000);
    const url = /http:\/\/127\.0\.0\.1:\d+\/webhooks\/tradingview\/[A-Za-z0-9_-]{43}/.exec(String(created.embeds[0]?.description))?.[0];
    expect(url).toBeDefined();

    const acked = new Map<string, number>();
    const resends = new Map<string, number>();
    const load = fire(url as string, acked, resends);
    const loadEnds = Date.now() + LOAD_MS;
    while (acked.size < ACK_TARGET && Date.now() < loadEnds) await new Promise((r) => setTimeout(r, 20));
    first.child.kill('SIGKILL');
    await load;
    expect((await first.exited).code).toBeNull();
    expect(acked.size).toBeGreaterThan(20);
    const leftByKill = await countUnfinished(db);

    // A stop right after a restart finishes the signal under way; the resumed backlog waits in the store.
    const secondPort = await freePort();
    const second = spawnBot(env(secondPort));
    await waitHealthy(secondPort);
    second.child.kill('SIGTERM');
    const stopped = await second.exited;
    expect(stopped.code, stopped.stderr).toBe(0);
    const leftByStop = await countUnfinished(db);

    const thirdPort = await freePort();
    const third = spawnBot(env(thirdPort));
    await waitHealthy(thirdPort);
    // Not the store: the embedded database is the running bot's alone.
    await expect.poll(() => pendingSignals(thirdPort), { timeout: 60_000, interval: 250 }).toBe(0);
    third.child.kill('SIGTERM');
    const exited = await third.exited;
    expect(exited.code, exited.stderr).toBe(0);

    const database = await db.open();
    try {
      const q = async <T>(query: ReturnType<typeof sql>) => {
        const r = await database.db.execute(query);
        return (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as T[];
      };
      const signals = await q<{ id: number; external_id: string; status: string; reason: string | null }>(sql`select id, external_id, status, reason from signals where source = 'tradingview'`);
      const unfinished = signals.filter((s) => s.status === 'received' || s.status === 'failed');
      expect(unfinished.slice(0, 5)).toEqual([]);
      const byId = new Map(signals.map((s) => [Number(s.id), s]));
      for (const [key, id] of acked) expect(byId.get(id)?.external_id, key).toMatch(new RegExp(`^\\d+:id:${key}$`));
      for (const [key, id] of resends) expect(acked.get(key) ?? id).toBe(id);
      expect(new Set(signals.map((s) => s.external_id)).size).toBe(signals.length);
      const orders = await q<{ signal_id: number; n: number }>(sql`select signal_id, count(*)::int as n from orders group by signal_id`);
      expect(orders.every((o) => o.n === 1)).toBe(true);
      const executed = signals.filter((s) => s.status === 'executed').map((s) => Number(s.id)).sort((a, b) => a - b);
      expect(orders.map((o) => Number(o.signal_id)).sort((a, b) => a - b)).toEqual(executed);
      expect(executed.length).toBeGreaterThan(acked.size / 2);
      console.info(`crash test (${target.name}): ${acked.size} acknowledged before kill -9, ${signals.length} stored, `
        + `${executed.length} executed once each (the rest: ${signals.length - executed.length} decided otherwise), `
        + `${resends.size} resends answered as duplicates; ${leftByKill} were unfinished at the kill, ${leftByStop} still after a restart `
        + 'stopped at once, and the next start finished them');
    } finally {
      await database.close();
    }
  }, 150_000);
});
