/**
 * Tick throughput of the exit manager: 1,000 open positions over 50 symbols, quotes spread over
 * all symbols. Target: ≥ 1,000,000 quotes/s. Writes its figures between the exit-manager markers
 * in docs/benchmarks.md.  Run: npx tsx bench/exit-manager.bench.ts
 *
 * Scenarios
 *  - exit-manager, brackets: ExitManager.onQuote alone; every position has a stop and T1/T2 that
 *    the random walk (±10 ticks) never reaches — the steady state of a live session.
 *  - paper engine, brackets: the same through PaperEngine.onQuote (latest-quote store + exits).
 *  - paper engine, trailing: every position trails by 40 ticks and each symbol follows a ±1-tick
 *    random walk, so stops ratchet (journaled stop moves) and get hit (orders, fills); each
 *    stopped-out position is replaced by a new entry inside the timed loop, keeping 1,000 open.
 * Each quote object is built inside the timed loop, as a feed adapter would build it.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { cpuLabel } from './report.js';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ExitManager } from '../src/domain/trading/exit-manager.js';
import { FUTURES, occSymbol } from '../src/domain/trading/instruments.js';
import { paperConfig } from '../src/domain/trading/paper-config.js';
import { PaperEngine } from '../src/domain/trading/paper-engine.js';
import type { Quote } from '../src/domain/trading/quotes.js';
import { specForSymbol } from '../src/domain/trading/symbols.js';

const POSITIONS = 1_000;
const SYMBOLS = 50;
const QUOTES_PER_RUN = 5_000_000;
const RUNS = 5;
const WALK_TICKS = 10;
const TRAIL_TICKS = 40;

/** Deterministic xorshift32, so every run sees the same quotes. */
function rng(seed: number): () => number {
  let x = seed;
  return () => {
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

interface Universe { symbols: string[]; tickMicros: number[]; baseMicros: number[] }

/** The 8 futures roots plus 42 SPY/QQQ option series: 50 symbols the engine can price. */
function universe(): Universe {
  const symbols = Object.keys(FUTURES);
  for (let i = 0; symbols.length < SYMBOLS; i += 1) {
    symbols.push(occSymbol(i % 2 ? 'SPY' : 'QQQ', '2027-01-15', i % 3 ? 'call' : 'put', (400 + i) * 1_000_000));
  }
  const tickMicros = symbols.map((s) => specForSymbol(s)?.tick ?? 10_000);
  const baseMicros = symbols.map((s, i) => (specForSymbol(s)?.assetClass === 'option' ? 5_000_000 : 5_000_000_000 + i * 1_000_000));
  return { symbols, tickMicros, baseMicros };
}

/**
 * Pre-drawn symbol indexes and price offsets (ticks from the base), so the timed loop does no
 * random draws. `bounded`: each quote independently within ±WALK_TICKS (brackets never reached).
 * `trending`: a ±1-tick random walk per symbol, so trailing stops ratchet and get hit.
 */
function walk(n: number, seed: number, kind: 'bounded' | 'trending'): { sym: Uint8Array; offsetTicks: Int32Array } {
  const next = rng(seed);
  const sym = new Uint8Array(n);
  const offsetTicks = new Int32Array(n);
  const level = new Int32Array(SYMBOLS);
  for (let i = 0; i < n; i += 1) {
    const s = Math.floor(next() * SYMBOLS);
    sym[i] = s;
    if (kind === 'bounded') offsetTicks[i] = Math.floor(next() * (2 * WALK_TICKS + 1)) - WALK_TICKS;
    else offsetTicks[i] = level[s] = (level[s] as number) + (next() < 0.5 ? -1 : 1);
  }
  return { sym, offsetTicks };
}

function makeQuote(u: Universe, s: number, offsetTicks: number, atMs: number): Quote {
  const bid = (u.baseMicros[s] as number) + offsetTicks * (u.tickMicros[s] as number);
  return { symbol: u.symbols[s] as string, bidMicros: bid, askMicros: bid + (u.tickMicros[s] as number), lastMicros: bid, atMs };
}

function seedExitManager(u: Universe): ExitManager {
  const manager = new ExitManager();
  for (let p = 0; p < POSITIONS; p += 1) {
    const s = p % SYMBOLS;
    const tick = u.tickMicros[s] as number;
    const entry = u.baseMicros[s] as number;
    const long = p % 2 === 0;
    const sign = long ? 1 : -1;
    manager.track({ positionId: `P${p}`, symbol: u.symbols[s] as string, side: long ? 'long' : 'short',
      spec: specForSymbol(u.symbols[s] as string) ?? FUTURES.ES!, qtyContracts: 3, entryMicros: entry,
      plan: { stopMicros: entry - sign * 20 * tick, targetsMicros: [entry + sign * 20 * tick, entry + sign * 40 * tick], trailing: null } });
  }
  return manager;
}

function seedEngine(u: Universe, trailing: boolean): PaperEngine {
  const engine = new PaperEngine(paperConfig({ slippageTicks: 0, priceBand: { futures: { maxTicks: null, maxPercent: null }, option: { maxTicks: null, maxPercent: null } } }));
  for (let s = 0; s < SYMBOLS; s += 1) engine.onQuote(makeQuote(u, s, 0, 0));
  for (let p = 0; p < POSITIONS; p += 1) {
    const s = p % SYMBOLS;
    const tick = u.tickMicros[s] as number;
    const entry = u.baseMicros[s] as number;
    const long = p % 2 === 0;
    const sign = long ? 1 : -1;
    const plan = trailing
      ? { stopMicros: null, targetsMicros: [], trailing: { kind: 'ticks' as const, ticks: TRAIL_TICKS } }
      : { stopMicros: entry - sign * 20 * tick, targetsMicros: [entry + sign * 20 * tick, entry + sign * 40 * tick], trailing: null };
    engine.execute({ type: 'open', signalId: `S${p}`, symbol: u.symbols[s] as string, side: long ? 'long' : 'short',
      qtyContracts: 3, alertPriceMicros: null, plan }, 1);
  }
  return engine;
}

interface RunResult { quotesPerSec: number; events: number }

/** Each run gets a freshly seeded state from `setup` (untimed) and the same quotes. */
function timeRuns(setup: () => (q: Quote) => number, u: Universe, kind: 'bounded' | 'trending'): RunResult[] {
  const { sym, offsetTicks } = walk(QUOTES_PER_RUN, 0x9e3779b9, kind);
  let atMs = 10;
  const once = (n: number): RunResult => {
    const feed = setup();
    let events = 0;
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i += 1) events += feed(makeQuote(u, sym[i] as number, offsetTicks[i] as number, (atMs += 1)));
    const ns = Number(process.hrtime.bigint() - t0);
    return { quotesPerSec: (n / ns) * 1e9, events };
  };
  once(500_000); // warm-up: let the JIT settle
  return Array.from({ length: RUNS }, () => once(QUOTES_PER_RUN));
}

function summary(name: string, runs: RunResult[], note: string): string {
  const rates = runs.map((r) => r.quotesPerSec).sort((a, b) => a - b);
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  const median = rates[Math.floor(rates.length / 2)] as number;
  return `| ${name} | ${fmt(median)} | ${fmt(rates[0] as number)} – ${fmt(rates[rates.length - 1] as number)} | ${note} |`;
}

function main(): void {
  const loadAtStart = loadavg()[0] ?? 0;
  const u = universe();
  const bracketRuns = timeRuns(() => {
    const manager = seedExitManager(u);
    return (q) => manager.onQuote(q).length;
  }, u, 'bounded');
  const engineRuns = timeRuns(() => {
    const engine = seedEngine(u, false);
    return (q) => engine.onQuote(q).length;
  }, u, 'bounded');
  let exits = 0;
  const trailingRuns = timeRuns(() => {
    const engine = seedEngine(u, true);
    exits = 0;
    return (q) => {
      const events = engine.onQuote(q);
      // Churn: every stopped-out position is replaced at once, so 1,000 stay open throughout.
      for (const e of events) {
        if (e.type !== 'position' || e.change !== 'closed') continue;
        exits += 1;
        engine.execute({ type: 'open', signalId: null, symbol: e.position.symbol, side: e.position.side,
          qtyContracts: 3, alertPriceMicros: null, plan: { stopMicros: null, targetsMicros: [],
            trailing: { kind: 'ticks', ticks: TRAIL_TICKS } } }, q.atMs);
      }
      return events.length;
    };
  }, u, 'trending');
  const rows = [
    summary('exit-manager, brackets (no triggers)', bracketRuns, `${bracketRuns[0]?.events ?? 0} actions per run`),
    summary('paper engine, brackets (no triggers)', engineRuns, `${engineRuns[0]?.events ?? 0} events per run`),
    summary(`paper engine, trailing ${TRAIL_TICKS} ticks, random walk`, trailingRuns,
      `${(trailingRuns[0]?.events ?? 0).toLocaleString('en-US')} events per run; ${exits.toLocaleString('en-US')} stop-outs per run, each replaced by a new entry (timed)`),
  ];
  writeSection(rows, loadAtStart);
  console.log(rows.join('\n'));
}

function writeSection(rows: string[], loadAtStart: number): void {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const file = join(root, 'docs', 'benchmarks.md');
  const section = [
    '<!-- exit-manager:start -->',
    '## Exit manager tick throughput',
    '',
    `${POSITIONS.toLocaleString('en-US')} open positions over ${SYMBOLS} symbols (8 futures roots, 42 option series), ` +
      `quotes drawn uniformly over the symbols (bracket scenarios: prices within ±${WALK_TICKS} ticks, brackets 20/40 ticks away; ` +
      `trailing scenario: ±1-tick random walk per symbol); each run re-seeds the positions; ${RUNS} runs of ` +
      `${QUOTES_PER_RUN.toLocaleString('en-US')} quotes after a 500,000-quote warm-up. Target: ≥ 1,000,000 quotes/s.`,
    '',
    '| scenario | quotes/s (median) | min – max | output |',
    '| --- | ---: | ---: | --- |',
    ...rows,
    '',
    `Command: \`npx tsx bench/exit-manager.bench.ts\` · Node ${process.version} · ${cpuLabel()} · ` +
      `1-min load average ${loadAtStart.toFixed(2)} at start (other processes share the CPU) · ${new Date().toISOString().slice(0, 10)}`,
    '<!-- exit-manager:end -->',
  ].join('\n');
  mkdirSync(dirname(file), { recursive: true });
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const re = /<!-- exit-manager:start -->[\s\S]*?<!-- exit-manager:end -->/;
  const next = re.test(current) ? current.replace(re, section) : `${current.trimEnd()}\n\n${section}\n`;
  writeFileSync(file, next);
}

main();
