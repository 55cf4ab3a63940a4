/**
 * TradingView webhook under load: autocannon against 127.0.0.1, the bot's HTTP part (webhook
 * route, link directory, store-first pipeline, bot control) on a real PostgreSQL. Targets: p99
 * under 10 ms at 1,000 requests/s, and at least 5,000 requests/s at saturation. Writes its
 * figures between the webhook markers in docs/benchmarks.md.
 *
 *   Run: npx tsx bench/webhook.bench.ts
 *   (starts a throwaway server with scripts/test-postgres.sh on port 55440, or uses
 *   BENCH_DATABASE_URL — a database the bench may create databases from)
 *
 * The server runs in a child process (this file with `serve`), so the load generator never
 * shares its event loop. Every request carries a unique id, so each is one INSERT.
 *
 * Saturation runs use autocannon (closed loop: 64 connections, each sending its next request
 * when the last is answered). The 1,000 req/s runs use bench/paced-load.ts, an open-loop
 * generator with Poisson arrivals — see there why autocannon's `overallRate` is no steady rate;
 * one autocannon `overallRate` run is kept in the table for comparison.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { createStores, openDatabase, WebhookLinkRepository } from '../src/adapters/store/index.js';
import { HttpServer } from '../src/adapters/http/server.js';
import { registerWebhook } from '../src/adapters/http/webhook.js';
import { createLogger } from '../src/adapters/log/logger.js';
import { systemClock } from '../src/adapters/system-clock.js';
import { startTradingCore } from '../src/app/core.js';
import { loadConfig } from '../src/config/env.js';
import { coreConfigFrom } from '../src/config/core-config.js';
import { createWebhookLink, LinkDirectory, RateLimiter } from '../src/app/webhooks/index.js';
import { pacedLoad } from './paced-load.js';
import { cpuLabel, maxOf, percentile, writeSection } from './report.js';

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p90: number; p99: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  duration: number;
}
interface AutocannonInstance extends PromiseLike<AutocannonResult> {
  on(event: 'response', listener: (client: unknown, status: number, bytes: number, responseTimeMs: number) => void): void;
}
type Autocannon = (options: Record<string, unknown>) => AutocannonInstance;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const ROOT = fileURLToPath(new URL('..', import.meta.url));

interface Scenario {
  name: string;
  running: boolean;
  connections: number;
  seconds: number;
  /** Offered load (requests/s); none = as fast as the server answers (autocannon, closed loop). */
  rate?: number;
  /** With a rate: 'paced' = open-loop Poisson arrivals; 'autocannon' = autocannon's overallRate. */
  generator?: 'paced' | 'autocannon';
}
/** What one load run gives, whichever generator ran it. */
interface LoadRun {
  achieved: number;
  /** Latency of every 200 response in ms, full precision. */
  exactMs: number[];
  failures: number;
  /** Requests answered in the measured run. */
  total: number;
  /** autocannon: its p99 corrected for coordinated omission; paced: the generator's own send lag p99. */
  note: string;
}
interface Measured {
  scenario: Scenario;
  run: LoadRun;
  /** CPU time per request, in µs, of the bot's process and of PostgreSQL. */
  cpu: { serverUs: number; postgresUs: number };
  stored: number;
  backlog: number;
}

const ADMIN = { userId: '100000000000000001', userName: 'bench', roleIds: [], interactionId: null };
const BODY = '{"ticker":"ES1!","action":"buy","contracts":1,"price":"4750.25","stop":"4745","target":"4760","id":"bench-[<id>]"}';

const SCENARIOS: Scenario[] = [
  { name: 'saturation, intake only (bot stopped: stored as ignored)', running: false, connections: 64, seconds: 10 },
  { name: 'saturation, intake + processing (bot running)', running: true, connections: 64, seconds: 10 },
  { name: '1,000 req/s (Poisson arrivals), intake only', running: false, connections: 64, seconds: 20, rate: 1000, generator: 'paced' },
  { name: '1,000 req/s (Poisson arrivals), intake + processing', running: true, connections: 64, seconds: 20, rate: 1000, generator: 'paced' },
  { name: 'autocannon overallRate 1,000 (per-second bursts, 32 connections), intake only', running: false, connections: 32, seconds: 15, rate: 1000, generator: 'autocannon' },
];

/** Child: the HTTP part of the bot on `url`; prints {port, token} once listening. */
async function serve(url: string, running: boolean): Promise<void> {
  const log = createLogger({ level: 'warn' });
  const database = await openDatabase({ url, dataDir: ':memory:' });
  const clock = systemClock;
  const stores = createStores(database, () => clock.nowMs());
  const deps = { stores, notifier: { notify: () => Promise.resolve() }, clock };
  const core = coreConfigFrom(loadConfig({ DISCORD_TOKEN: 'bench', ENFORCE_MARKET_HOURS: 'false', MAX_ALERT_AGE_SECONDS: '3600',
    ADMIN_USER_IDS: ADMIN.userId }));
  const { pipeline, control, desk } = await startTradingCore(deps, { ...core, defaults: { running, mode: 'paper' } }, log);
  const policy = core.policy;
  const links = new WebhookLinkRepository(database.db, () => clock.nowMs());
  const directory = new LinkDirectory(links);
  const created = await createWebhookLink({ links, audit: stores.audit, directory, policy, clock, publicUrl: null }, ADMIN,
    { name: 'bench', rateLimitPerMinute: 1_000_000 });
  if (created.status !== 'success') throw new Error(`could not create the bench link: ${created.status}`);
  const http = new HttpServer(log);
  registerWebhook(http, () => ({
    directory, limiter: new RateLimiter(), clock, quotes: desk, ingest: (s) => pipeline.ingest(s, control.isRunning()),
    defaultRateLimitPerMinute: 60, dedupeWindowSec: 60,
  }), { ipAllowlist: false, trustProxy: false, log });
  const { port } = await http.listen(0, '127.0.0.1');
  process.stdout.write(`${JSON.stringify({ port, token: created.url.split('/').pop() })}\n`);
  process.on('SIGUSR2', () => process.stdout.write(`${JSON.stringify(process.cpuUsage())}\n`));
  process.once('SIGTERM', () => process.exit(0));
}

interface Server {
  child: ChildProcess;
  port: number;
  token: string;
  /** The server process's CPU time so far (user + system), in µs. */
  cpuUs(): Promise<number>;
}

async function startServer(url: string, running: boolean): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/webhook.bench.ts', 'serve', url, String(running)], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream })[Symbol.asyncIterator]();
  const next = async () => {
    const line = await lines.next();
    if (line.done) throw new Error('bench server exited');
    return JSON.parse(line.value as string) as Record<string, number>;
  };
  const ready = await next();
  const cpuUs = async () => {
    child.kill('SIGUSR2');
    const { user = 0, system = 0 } = await next();
    return user + system;
  };
  return { child, port: Number(ready.port), token: String(ready.token), cpuUs };
}

/** CPU time (µs) of the PostgreSQL backends serving one database (Linux /proc; 0 elsewhere). */
function postgresCpuUs(dbName: string): number {
  if (!existsSync('/proc')) return 0;
  const tick = 1_000_000 / Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim() || '100');
  let total = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      // A backend's title is `postgres: <user> <database> <client> <state>`; the bench server's own
      // command line holds the database URL too, and must not be counted as PostgreSQL.
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmdline.startsWith('postgres:') || !cmdline.split(' ').includes(dbName)) continue;
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      total += (Number(fields[11]) + Number(fields[12])) * tick;
    } catch {
      // the process ended while we looked
    }
  }
  return total;
}

async function measure(scenario: Scenario, baseUrl: string): Promise<Measured> {
  const dbName = `bench_webhook_${Date.now()}`;
  const admin = postgres(baseUrl, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`create database "${dbName}"`);
  const url = new URL(baseUrl);
  url.pathname = `/${dbName}`;
  const server = await startServer(url.toString(), scenario.running);
  const target = `http://127.0.0.1:${server.port}/webhooks/tradingview/${server.token}`;
  await runLoad({ ...scenario, seconds: 3, generator: scenario.generator ?? 'autocannon' }, target); // warm-up (JIT, pools); not counted
  const [serverBefore, pgBefore] = [await server.cpuUs(), postgresCpuUs(dbName)];
  const run = await runLoad(scenario, target);
  const requests = Math.max(1, run.total);
  const cpu = { serverUs: (await server.cpuUs() - serverBefore) / requests, postgresUs: (postgresCpuUs(dbName) - pgBefore) / requests };
  const db = postgres(url.toString(), { max: 1, onnotice: () => undefined });
  const [counts] = await db<{ stored: number; backlog: number }[]>`select count(*)::int as stored, count(*) filter (where status = 'received')::int as backlog from signals`;
  await db.end();
  server.child.kill('SIGTERM');
  await new Promise((r) => server.child.once('exit', r));
  await admin.unsafe(`drop database "${dbName}" with (force)`);
  await admin.end();
  return { scenario, run, cpu, stored: counts?.stored ?? 0, backlog: counts?.backlog ?? 0 };
}

const HEADERS = { 'content-type': 'application/json' };
let nextId = 0;

async function runLoad(scenario: Scenario, target: string): Promise<LoadRun> {
  if (scenario.rate && scenario.generator === 'paced') {
    const r = await pacedLoad({
      url: target, rate: scenario.rate, seconds: scenario.seconds, headers: HEADERS, maxSockets: scenario.connections,
      body: () => BODY.replace('[<id>]', `paced-${nextId++}`),
    });
    return { achieved: r.achieved, exactMs: r.latenciesMs, failures: r.failed, total: r.ok + r.failed, note: `send lag p99 ${r.sendLagP99Ms.toFixed(2)}` };
  }
  const exactMs: number[] = [];
  const run = autocannon({
    url: target, method: 'POST', headers: HEADERS, body: BODY, idReplacement: true, connections: scenario.connections,
    duration: scenario.seconds, ...(scenario.rate ? { overallRate: scenario.rate } : {}),
  });
  run.on('response', (_c, status, _b, ms) => { if (status === 200) exactMs.push(ms); });
  const result = await run;
  return {
    achieved: result.requests.average, exactMs, failures: result.non2xx + result.errors + result.timeouts, total: result.requests.total,
    note: `CO-corrected p99 ${result.latency.p99}`,
  };
}

/** Other work on this small machine skews every figure: wait (up to 5 min) for a quiet CPU. */
async function waitForQuiet(): Promise<string> {
  const load = () => Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
  const deadline = Date.now() + 5 * 60_000;
  while (existsSync('/proc/loadavg') && load() > 0.7 && Date.now() < deadline) {
    console.info(`waiting for a quiet machine (1-min load ${load()})`);
    await new Promise((r) => setTimeout(r, 10_000));
  }
  return existsSync('/proc/loadavg') ? String(load()) : 'n/a';
}

async function main(): Promise<void> {
  const started = !process.env.BENCH_DATABASE_URL;
  const baseUrl = process.env.BENCH_DATABASE_URL
    ?? execFileSync('scripts/test-postgres.sh', ['start', '55440'], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n').pop() ?? '';
  try {
    const loadBefore = await waitForQuiet();
    const measured: Measured[] = [];
    for (const scenario of SCENARIOS) {
      const m = await measure(scenario, baseUrl);
      console.info(summarise(m));
      measured.push(m);
    }
    const pgVersion = execFileSync('bash', ['-c', 'ls -d /usr/lib/postgresql/*/ | sort -V | tail -n 1 | xargs basename'], { encoding: 'utf8' }).trim();
    writeSection('webhook', section(measured, {
      node: process.version, cpu: cpuLabel(), postgres: pgVersion, loadBefore,
    }));
  } finally {
    if (started) execFileSync('scripts/test-postgres.sh', ['stop', '55440'], { cwd: ROOT, stdio: 'ignore' });
  }
}

function row(m: Measured): string {
  const exact = m.run.exactMs;
  const ms = (v: number) => v.toFixed(2);
  const offered = m.scenario.rate ? m.scenario.rate.toLocaleString('en-US') : 'max';
  return `| ${m.scenario.name} | ${offered} | ${Math.round(m.run.achieved).toLocaleString('en-US')} | `
    + `${ms(percentile(exact, 50))} | ${ms(percentile(exact, 90))} | ${ms(percentile(exact, 99))} | ${ms(maxOf(exact))} | `
    + `${m.run.note} | ${m.run.failures} | ${Math.round(m.cpu.serverUs)} | ${Math.round(m.cpu.postgresUs)} | `
    + `${m.stored.toLocaleString('en-US')} | ${m.backlog.toLocaleString('en-US')} |`;
}

function summarise(m: Measured): string {
  return row(m).replace(/\s*\|\s*/g, ' | ').trim();
}

/** What holds the figures back on the 2-vCPU machine (kept with the table; update it with the analysis). */
const LIMITS = [
  '**What it costs.** Intake commits in groups: concurrent requests share one INSERT, each answered once its row is '
    + 'committed (src/adapters/store/signal-batch.ts). The batch travels as one JSON parameter expanded by '
    + '`json_to_recordset`, in a statement prepared once per connection; building a multi-row VALUES list with the query '
    + 'builder had cost more bot CPU than the rest of the request together (saturation was 3,655 req/s with it, on the '
    + 'earlier VM where this figure was then 5,533). Every '
    + 'other statement is prepared too (alwaysPrepared in src/adapters/store/database.ts): one round trip per query instead '
    + 'of two. At saturation the bot\'s process runs one core flat out — HTTP parsing and the socket writes are most of '
    + 'what is left — while PostgreSQL and autocannon use about a third of a core each. Saturation figures moved by up to '
    + 'a third from run to run on the earlier shared VM; compare runs on one machine only (the line under the table).',
  '',
  'With processing on, the one-at-a-time pipeline parses, risk-checks and paper-executes signals while intake runs; what '
    + 'it has not reached stays stored as `received` ("unprocessed at end") and is processed afterwards — stored first, so '
    + 'nothing is lost. Every request here repeats one alert, so after the first each is refused by the risk check as a '
    + 'duplicate (a parse, a check, and the refusal written through the journal with the signal\'s status, so that one '
    + 'decided on an engine another bot has outdated is refused in turn). Whether it keeps up at 1,000 req/s is the '
    + 'machine\'s: it got through about 500 a second on the earlier VM. On the 2026-11-22 machine, 0, 2,297 and 4,752 of '
    + '23,239 were left in three runs while a refusal was one UPDATE; 7,874, 7,046 and 8,740 (the table) in three runs after '
    + 'it became a journal transaction (`0a3491f`), the bot\'s CPU per request unchanged — the cost is the round trips of the serial '
    + 'writer, and only refusals pay it.',
  '',
  'The last row is autocannon\'s own rate limiting, kept for comparison: each connection sends its share of the '
    + 'per-second quota back to back at the top of every second, so the server sees bursts of 32 concurrent requests at '
    + 'full speed and then silence — its latency is that of a burst, not of a steady 1,000 req/s.',
];

function section(measured: Measured[], env: { node: string; cpu: string; postgres: string; loadBefore: string }): string {
  return [
    '## TradingView webhook: throughput and latency',
    '',
    'Load against `POST /webhooks/tradingview/<token>` on 127.0.0.1; the bot\'s HTTP part (link directory, '
      + 'zod validation, store-first pipeline) in its own process on PostgreSQL ' + env.postgres + ' (same machine, '
      + '`fsync=off` as started by `scripts/test-postgres.sh`). Each request carries a unique `id`, so each is one '
      + 'INSERT; 3 s warm-up first. "intake + processing": the pipeline also parses and paper-executes every signal '
      + 'while the load runs. Saturation: autocannon, 64 connections, closed loop. 1,000 req/s: an open-loop generator '
      + '(bench/paced-load.ts) sending on a fixed schedule of Poisson arrivals (mean 1 ms apart) over up to 64 '
      + 'keep-alive connections; each latency counts from the request\'s scheduled departure, so any stall — the '
      + 'server\'s or the generator\'s (its send lag is shown) — counts against the figure. Latencies of 200 responses '
      + 'in ms, measured by the client. The load generator, the bot and PostgreSQL share the machine\'s cores. '
      + 'CPU µs/req: CPU time the bot\'s process and its PostgreSQL backends spent per request during the measured run. '
      + 'Targets: p99 < 10 ms at 1,000 req/s; ≥ 5,000 req/s at saturation.',
    '',
    '| scenario | offered req/s | achieved req/s | p50 | p90 | p99 | max | generator note (ms) | non-2xx + errors | bot CPU µs/req | PostgreSQL CPU µs/req | stored | unprocessed at end |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |',
    ...measured.map(row),
    '',
    ...LIMITS,
    '',
    `Command: \`npx tsx bench/webhook.bench.ts\` · Node ${env.node} · ${env.cpu} · 1-min load before the run ${env.loadBefore} · `
      + new Date().toISOString().slice(0, 10),
  ].join('\n');
}

if (process.argv[2] === 'serve') {
  await serve(process.argv[3] ?? '', process.argv[4] === 'true');
} else {
  await main();
}
