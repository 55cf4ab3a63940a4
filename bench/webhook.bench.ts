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
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
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
const DOC = fileURLToPath(new URL('../docs/benchmarks.md', import.meta.url));

interface Scenario {
  name: string;
  running: boolean;
  connections: number;
  seconds: number;
  /** Fixed offered load (requests/s); none = as fast as the server answers. */
  rate?: number;
}
interface Measured {
  scenario: Scenario;
  result: AutocannonResult;
  /** 200 response times in ms at full precision (autocannon's histogram has 1 ms buckets). */
  exactMs: number[];
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
  { name: '1,000 req/s, intake only', running: false, connections: 32, seconds: 15, rate: 1000 },
  { name: '1,000 req/s, intake + processing', running: true, connections: 32, seconds: 15, rate: 1000 },
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
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(dbName)) continue;
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
  const common = { url: target, method: 'POST', headers: { 'content-type': 'application/json' }, body: BODY, idReplacement: true };
  await autocannon({ ...common, connections: scenario.connections, duration: 3 }); // warm-up (JIT, pools); not counted
  const exactMs: number[] = [];
  const [serverBefore, pgBefore] = [await server.cpuUs(), postgresCpuUs(dbName)];
  const run = autocannon({
    ...common, connections: scenario.connections, duration: scenario.seconds, ...(scenario.rate ? { overallRate: scenario.rate } : {}),
  });
  run.on('response', (_c, status, _b, ms) => { if (status === 200) exactMs.push(ms); });
  const result = await run;
  const requests = Math.max(1, result.requests.total);
  const cpu = { serverUs: (await server.cpuUs() - serverBefore) / requests, postgresUs: (postgresCpuUs(dbName) - pgBefore) / requests };
  const db = postgres(url.toString(), { max: 1, onnotice: () => undefined });
  const [counts] = await db<{ stored: number; backlog: number }[]>`select count(*)::int as stored, count(*) filter (where status = 'received')::int as backlog from signals`;
  await db.end();
  server.child.kill('SIGTERM');
  await new Promise((r) => server.child.once('exit', r));
  await admin.unsafe(`drop database "${dbName}" with (force)`);
  await admin.end();
  return { scenario, result, exactMs, cpu, stored: counts?.stored ?? 0, backlog: counts?.backlog ?? 0 };
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
    replaceSection(measured, {
      node: process.version, cpu: `${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} cores)`, postgres: pgVersion, loadBefore,
    });
  } finally {
    if (started) execFileSync('scripts/test-postgres.sh', ['stop', '55440'], { cwd: ROOT, stdio: 'ignore' });
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

function row(m: Measured): string {
  const exact = [...m.exactMs].sort((a, b) => a - b);
  const ms = (v: number) => v.toFixed(2);
  const offered = m.scenario.rate ? m.scenario.rate.toLocaleString('en-US') : 'max';
  const failures = m.result.non2xx + m.result.errors + m.result.timeouts;
  return `| ${m.scenario.name} | ${offered} | ${Math.round(m.result.requests.average).toLocaleString('en-US')} | `
    + `${ms(percentile(exact, 50))} | ${ms(percentile(exact, 90))} | ${ms(percentile(exact, 99))} | ${ms(exact.at(-1) ?? Number.NaN)} | `
    + `${m.result.latency.p99} | ${failures} | ${Math.round(m.cpu.serverUs)} | ${Math.round(m.cpu.postgresUs)} | `
    + `${m.stored.toLocaleString('en-US')} | ${m.backlog.toLocaleString('en-US')} |`;
}

function summarise(m: Measured): string {
  return row(m).replace(/\s*\|\s*/g, ' | ').trim();
}

/** What holds the figures back on the 2-vCPU machine, as analysed on 2026-11-21 (kept with the table). */
const LIMITS = [
  '**What limits it.** Signal intake commits in groups: concurrent requests share one multi-row INSERT, each answered '
    + 'once its row is committed (src/adapters/store/signal-batch.ts). That cut the cost per request from ~0.75 ms of bot CPU '
    + 'and ~1.1 ms of PostgreSQL CPU (one INSERT each, measured before the change: ~1,200 req/s at saturation, p99 ≈ 40 ms '
    + 'at 1,000 req/s) to the ~0.25 ms + ~0.3 ms in the columns above. What remains is mostly HTTP parsing and the '
    + 'loopback round trips, on 2 vCPUs that the bot, PostgreSQL and the load generator all share: the machine is the '
    + 'ceiling, near 3,600 req/s, and at 1,000 req/s the three processes already use most of both cores, which is what '
    + 'puts p99 near 20 ms. The targets (≥ 5,000 req/s, p99 < 10 ms at 1,000 req/s) are not met on this machine.',
  '',
  'With processing on, the one-at-a-time pipeline parses, risk-checks and paper-executes signals while intake runs flat '
    + 'out; what it has not reached stays stored as `received` ("unprocessed at end") and is processed afterwards — stored '
    + 'first, so nothing is lost.',
];

/** Replace only our section of docs/benchmarks.md (other benches own the others). */
function replaceSection(measured: Measured[], env: { node: string; cpu: string; postgres: string; loadBefore: string }): void {
  const start = '<!-- webhook:start -->';
  const end = '<!-- webhook:end -->';
  const body = [
    start,
    '## TradingView webhook: throughput and latency',
    '',
    'autocannon against `POST /webhooks/tradingview/<token>` on 127.0.0.1; the bot\'s HTTP part (link directory, '
      + 'zod validation, store-first pipeline) in its own process on PostgreSQL ' + env.postgres + ' (same machine, '
      + '`fsync=off` as started by `scripts/test-postgres.sh`). Each request carries a unique `id`, so each is one '
      + 'INSERT; 3 s warm-up first. "intake + processing": the pipeline also parses and paper-executes every signal '
      + 'while the load runs. Latencies of 200 responses in ms, measured by the client; autocannon p99 is '
      + 'corrected for coordinated omission (1 ms buckets). The load generator, the bot and PostgreSQL share the '
      + 'machine\'s cores. CPU µs/req: CPU time the bot\'s process and its PostgreSQL backends spent per request '
      + 'during the measured run — a figure other load on the machine disturbs far less than throughput does. '
      + 'Targets: p99 < 10 ms at 1,000 req/s; ≥ 5,000 req/s at saturation.',
    '',
    '| scenario | offered req/s | achieved req/s | p50 | p90 | p99 | max | p99 (CO-corrected) | non-2xx + errors | bot CPU µs/req | PostgreSQL CPU µs/req | stored | unprocessed at end |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...measured.map(row),
    '',
    ...LIMITS,
    '',
    `Command: \`npx tsx bench/webhook.bench.ts\` · Node ${env.node} · ${env.cpu} · 1-min load before the run ${env.loadBefore} · `
      + new Date().toISOString().slice(0, 10),
    end,
  ].join('\n');
  const current = existsSync(DOC) ? readFileSync(DOC, 'utf8') : '# Benchmarks\n';
  const from = current.indexOf(start);
  const to = current.indexOf(end);
  const next = from >= 0 && to > from ? `${current.slice(0, from)}${body}${current.slice(to + end.length)}` : `${current.trimEnd()}\n\n${body}\n`;
  writeFileSync(DOC, next);
}

if (process.argv[2] === 'serve') {
  await serve(process.argv[3] ?? '', process.argv[4] === 'true');
} else {
  await main();
}
