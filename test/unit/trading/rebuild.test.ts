import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { journalFromEvents, type EngineEvent } from '../../../src/domain/trading/engine-events.js';
import { EQUITY_OPTION, FUTURES, type InstrumentSpec } from '../../../src/domain/trading/instruments.js';
import { paperConfig } from '../../../src/domain/trading/paper-config.js';
import { PaperEngine } from '../../../src/domain/trading/paper-engine.js';
import { realizedNetCents } from '../../../src/domain/trading/positions.js';
import type { Quote } from '../../../src/domain/trading/quotes.js';

/** Three symbols with their spec and a starting price in ticks. */
const BOOKS: { symbol: string; spec: InstrumentSpec; startTicks: number }[] = [
  { symbol: 'ES', spec: FUTURES.ES as InstrumentSpec, startTicks: 19_000 },
  { symbol: 'NQ', spec: FUTURES.NQ as InstrumentSpec, startTicks: 68_000 },
  { symbol: 'SPY270131C00480000', spec: EQUITY_OPTION, startTicks: 250 },
];

type Step =
  | { kind: 'quote'; sym: number; move: number; lastOnly: boolean }
  | { kind: 'open'; sym: number; long: boolean; qty: number; stopTicks: number | null; t1Ticks: number | null;
      t2Extra: number | null; trailTicks: number | null }
  | { kind: 'close'; sym: number; fractionPercent: number }
  | { kind: 'breakeven'; sym: number }
  | { kind: 'manual'; index: number };

const sym = fc.integer({ min: 0, max: BOOKS.length - 1 });
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('quote' as const), sym, move: fc.integer({ min: -6, max: 6 }), lastOnly: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('open' as const), sym, long: fc.boolean(), qty: fc.integer({ min: 1, max: 6 }),
    stopTicks: fc.option(fc.integer({ min: 3, max: 20 })), t1Ticks: fc.option(fc.integer({ min: 3, max: 12 })),
    t2Extra: fc.option(fc.integer({ min: 1, max: 10 })), trailTicks: fc.option(fc.integer({ min: 3, max: 15 })) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('close' as const), sym, fractionPercent: fc.constantFrom(25, 50, 100) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('breakeven' as const), sym }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('manual' as const), index: fc.nat(5) }) },
);

/** Drives an engine through steps with a shared price path; returns every event. */
class Driver {
  levels = BOOKS.map((b) => b.startTicks);
  atMs = 1_000;

  run(engine: PaperEngine, steps: readonly Step[]): EngineEvent[] {
    const events: EngineEvent[] = [];
    for (const s of steps) events.push(...this.apply(engine, s));
    return events;
  }

  private apply(engine: PaperEngine, s: Step): readonly EngineEvent[] {
    this.atMs += 1_000;
    if (s.kind === 'manual') {
      const open = engine.openPositions();
      const target = open[s.index % Math.max(1, open.length)];
      return target ? engine.closePosition(target.positionId, 'all', 'manual', this.atMs) : [];
    }
    const book = BOOKS[s.sym] as (typeof BOOKS)[number];
    const tick = book.spec.tick;
    if (s.kind === 'quote') {
      this.levels[s.sym] = Math.max(60, (this.levels[s.sym] as number) + s.move);
      return engine.onQuote(this.quote(s.sym, s.lastOnly));
    }
    if (s.kind === 'close') {
      return engine.execute({ type: 'close', signalId: null, target: { kind: 'symbol', symbol: book.symbol }, side: null,
        amount: { kind: 'fraction', fractionMicros: s.fractionPercent * 10_000 }, alertPriceMicros: null }, this.atMs);
    }
    if (s.kind === 'breakeven') {
      return engine.execute({ type: 'adjust_stop', signalId: null, target: { kind: 'symbol', symbol: book.symbol }, side: null, to: 'breakeven' }, this.atMs);
    }
    const sign = s.long ? 1 : -1;
    const ref = ((this.levels[s.sym] as number) + (s.long ? 1 : 0)) * tick;
    const targets = s.t1Ticks === null ? [] : [ref + sign * s.t1Ticks * tick, ...(s.t2Extra === null ? [] : [ref + sign * (s.t1Ticks + s.t2Extra) * tick])];
    return engine.execute({ type: 'open', signalId: `s${this.atMs}`, symbol: book.symbol, side: s.long ? 'long' : 'short', qtyContracts: s.qty,
      alertPriceMicros: null, plan: { stopMicros: s.stopTicks === null ? null : ref - sign * s.stopTicks * tick, targetsMicros: targets,
        trailing: s.trailTicks === null ? null : { kind: 'ticks', ticks: s.trailTicks } } }, this.atMs);
  }

  quote(i: number, lastOnly: boolean): Quote {
    const tick = (BOOKS[i] as (typeof BOOKS)[number]).spec.tick;
    const bid = (this.levels[i] as number) * tick;
    return lastOnly
      ? { symbol: (BOOKS[i] as (typeof BOOKS)[number]).symbol, bidMicros: null, askMicros: null, lastMicros: bid, atMs: this.atMs }
      : { symbol: (BOOKS[i] as (typeof BOOKS)[number]).symbol, bidMicros: bid, askMicros: bid + tick, lastMicros: bid, atMs: this.atMs };
  }
}

const config = paperConfig({ priceBand: { futures: { maxTicks: null, maxPercent: null }, option: { maxTicks: null, maxPercent: null } } });

describe('rebuild from the journal', () => {
  it('PROPERTY: GIVEN any run WHEN rebuilt from its stored orders, fills and stop moves THEN the state is identical, and the same future gives the same events', () => {
    fc.assert(fc.property(fc.array(step, { minLength: 1, maxLength: 80 }), fc.array(step, { maxLength: 40 }), fc.integer({ min: 0, max: 99 }),
      (prefix, suffix, shuffleSeed) => {
        const original = new PaperEngine(config);
        const driver = new Driver();
        const journal = journalFromEvents(driver.run(original, prefix));
        // Storage returns rows in any order; the rebuild sorts by seq.
        const scramble = <T extends { seq: number }>(rows: readonly T[]) => [...rows].sort((a, b) => ((a.seq * 31 + shuffleSeed) % 97) - ((b.seq * 31 + shuffleSeed) % 97));
        // Handed the original's latest quotes (as the desk does), so the future is priced alike.
        const rebuilt = PaperEngine.rebuild(config, { orders: scramble(journal.orders), fills: scramble(journal.fills), stopMoves: scramble(journal.stopMoves) }, original);
        expect(rebuilt.state()).toEqual(original.state());
        for (const b of BOOKS) expect(rebuilt.latestQuote(b.symbol)).toEqual(original.latestQuote(b.symbol));

        const copy = Object.assign(new Driver(), { levels: [...driver.levels], atMs: driver.atMs });
        expect(copy.run(rebuilt, suffix)).toEqual(driver.run(original, suffix));
        expect(rebuilt.state()).toEqual(original.state());
      }), { numRuns: 150 });
  });
});

describe('P&L conservation through the engine', () => {
  it('PROPERTY: GIVEN any run WHEN every position is closed THEN equity − starting balance = Σ realized net = Σ fill cash flows − commissions', () => {
    fc.assert(fc.property(fc.array(step, { minLength: 1, maxLength: 80 }), (steps) => {
      const engine = new PaperEngine(config);
      const driver = new Driver();
      const events = driver.run(engine, steps);
      for (const p of engine.openPositions()) events.push(...engine.closePosition(p.positionId, 'all', 'manual', driver.atMs + 1));
      const account = engine.account();
      const positions = engine.state().positions;
      expect(account.openPositions).toBe(0);
      expect(account.equityCents - account.startingBalanceCents).toBe(positions.reduce((s, p) => s + realizedNetCents(p), 0));
      const fills = journalFromEvents(events).fills;
      const cash = fills.reduce((sum, f) => {
        const spec = BOOKS.find((b) => b.symbol === f.symbol)?.spec as InstrumentSpec;
        return sum + (f.side === 'sell' ? 1 : -1) * (f.priceMicros / spec.tick) * spec.tickValueCents * f.qtyContracts - f.commissionCents;
      }, 0);
      expect(account.realizedNetCents).toBe(cash);
    }), { numRuns: 150 });
  });
});
