import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExitManager, type ExitAction, type ExitTrigger, type TrackInput } from '../../../src/domain/trading/exit-manager.js';
import type { ExitPlan } from '../../../src/domain/trading/exit-rules.js';
import { FUTURES, type InstrumentSpec } from '../../../src/domain/trading/instruments.js';
import { px, quote } from './fixtures.js';

const ES = FUTURES.ES as InstrumentSpec;
const NQ = FUTURES.NQ as InstrumentSpec;

function track(m: ExitManager, overrides: Partial<Omit<TrackInput, 'plan'>> & { plan?: Partial<ExitPlan> } = {}): void {
  const plan: ExitPlan = { stopMicros: px('4745'), targetsMicros: [px('4755'), px('4760')], trailing: null, ...overrides.plan };
  m.track({ positionId: 'P1', symbol: 'ES', side: 'long', spec: ES, qtyContracts: 3, entryMicros: px('4750'), ...overrides, plan });
}

const exits = (actions: readonly ExitAction[]) => actions.filter((a): a is ExitTrigger => a.kind === 'exit');

describe('exit manager: targets', () => {
  it('GIVEN a 3-lot long, stop 4745, T1 4755, T2 4760 WHEN the bid touches 4755 THEN 1 closes at T1 and the stop moves to 4750 (breakeven)', () => {
    const m = new ExitManager();
    track(m);
    const actions = m.onQuote(quote('ES', { bid: '4755', ask: '4755.25' }, 10));
    expect(actions).toEqual([
      { kind: 'exit', positionId: 'P1', symbol: 'ES', side: 'long', reason: 'target', qtyContracts: 1, levelMicros: px('4755'),
        quoted: null, targetIndex: 0, atMs: 10 },
      { kind: 'stop_moved', positionId: 'P1', fromMicros: px('4745'), toMicros: px('4750'), bestMicros: null, cause: 'breakeven', atMs: 10 },
    ]);
    expect(m.get('P1')).toMatchObject({ openContracts: 2, stopMicros: px('4750'), nextTargetIndex: 1 });
  });

  it('GIVEN T1 done WHEN the bid touches T2 THEN the last 2 close at 4760 and the position is no longer tracked', () => {
    const m = new ExitManager();
    track(m);
    m.onQuote(quote('ES', { bid: '4755', ask: '4755.25' }, 10));
    expect(exits(m.onQuote(quote('ES', { bid: '4760', ask: '4760.25' }, 11))).map((e) => [e.qtyContracts, e.levelMicros]))
      .toEqual([[2, px('4760')]]);
    expect(m.get('P1')).toBeUndefined();
  });

  it('GIVEN a quote that gaps through T1 and T2 at once THEN both fill, each at its own level, in order', () => {
    const m = new ExitManager();
    track(m, { qtyContracts: 4 });
    const e = exits(m.onQuote(quote('ES', { bid: '4762', ask: '4762.25' }, 10)));
    expect(e.map((x) => [x.targetIndex, x.qtyContracts, x.levelMicros])).toEqual([[0, 2, px('4755')], [1, 2, px('4760')]]);
  });

  it.each(Array.from({ length: 10 }, (_, i) => i + 1))('GIVEN %i contracts WHEN T1 then T2 are touched THEN all close, T1 takes max(1, ⌊n/2⌋)', (n) => {
    const m = new ExitManager();
    track(m, { qtyContracts: n });
    const t1 = exits(m.onQuote(quote('ES', { bid: '4755', ask: '4755.25' }, 1)));
    const t2 = exits(m.onQuote(quote('ES', { bid: '4760', ask: '4760.25' }, 2)));
    expect(t1.map((e) => e.qtyContracts)).toEqual([Math.max(1, Math.floor(n / 2))]);
    expect(t1[0]!.qtyContracts + t2.reduce((s, e) => s + e.qtyContracts, 0)).toBe(n);
    expect(t2.length).toBe(n === 1 ? 0 : 1);
  });

  it('GIVEN a short 2-lot with T1 4745 WHEN the last trade prints 4745 THEN one contract closes at 4745', () => {
    const m = new ExitManager();
    track(m, { side: 'short', qtyContracts: 2, plan: { stopMicros: px('4755'), targetsMicros: [px('4745'), px('4740')] } });
    const e = exits(m.onQuote(quote('ES', { bid: '4745', ask: '4745.25', last: '4745' }, 1)));
    expect(e.map((x) => [x.qtyContracts, x.levelMicros])).toEqual([[1, px('4745')]]);
  });
});

describe('exit manager: stops', () => {
  it('GIVEN a long stop 4745 WHEN the market gaps to a 4741.00 bid THEN everything exits on that quote, reported at 4741.00 (not 4745)', () => {
    const m = new ExitManager();
    track(m);
    const [e] = exits(m.onQuote(quote('ES', { bid: '4741', ask: '4741.25' }, 5)));
    expect(e).toMatchObject({ reason: 'stop', qtyContracts: 3, levelMicros: px('4745'), quoted: { priceMicros: px('4741'), source: 'bid' } });
    expect(m.get('P1')).toBeUndefined();
  });

  it('GIVEN T1 filled and the stop at breakeven WHEN the bid falls to 4750 THEN the rest exits as a stop', () => {
    const m = new ExitManager();
    track(m);
    m.onQuote(quote('ES', { bid: '4755', ask: '4755.25' }, 1));
    expect(exits(m.onQuote(quote('ES', { bid: '4750', ask: '4750.25' }, 2))).map((e) => [e.reason, e.qtyContracts])).toEqual([['stop', 2]]);
  });

  it('GIVEN a position on ES WHEN NQ quotes cross every level THEN nothing happens (positions are indexed by symbol)', () => {
    const m = new ExitManager();
    track(m);
    m.track({ positionId: 'N1', symbol: 'NQ', side: 'long', spec: NQ, qtyContracts: 1, entryMicros: px('17000'),
      plan: { stopMicros: px('16990'), targetsMicros: [], trailing: null } });
    expect(m.onQuote(quote('NQ', { bid: '4700', ask: '4700.25' }, 1)).map((a) => a.positionId)).toEqual(['N1']);
    expect(m.get('P1')?.openContracts).toBe(3);
  });

  it('GIVEN a user moves the stop to breakeven THEN the move is returned once and repeating it is a no-op', () => {
    const m = new ExitManager();
    track(m);
    expect(m.moveStop('P1', 'breakeven', 'alert', 7)).toMatchObject({ fromMicros: px('4745'), toMicros: px('4750'), cause: 'alert' });
    expect(m.moveStop('P1', 'breakeven', 'alert', 8)).toBeNull();
  });
});

describe('exit manager: trailing stops', () => {
  it('GIVEN a long from 4750 trailing 8 ticks WHEN bids go 4752, 4751, 4756 THEN the stop follows 4750, 4750, 4754 and fires at 4753.75', () => {
    const m = new ExitManager();
    track(m, { plan: { stopMicros: null, targetsMicros: [], trailing: { kind: 'ticks', ticks: 8 } } });
    expect(m.get('P1')?.stopMicros).toBe(px('4748'));
    const stops = ['4752', '4751', '4756'].map((bid, i) => {
      m.onQuote(quote('ES', { bid, ask: `${bid}.25` }, i + 1));
      return m.get('P1')?.stopMicros;
    });
    expect(stops).toEqual([px('4750'), px('4750'), px('4754')]);
    const [e] = exits(m.onQuote(quote('ES', { bid: '4753.75', ask: '4754' }, 9)));
    expect(e).toMatchObject({ reason: 'trailing_stop', levelMicros: px('4754'), quoted: { priceMicros: px('4753.75') } });
  });

  it('GIVEN a short trailing 2% with a fixed stop 4800 THEN the tighter of the two applies and only ratchets down', () => {
    const m = new ExitManager();
    track(m, { side: 'short', plan: { stopMicros: px('4800'), targetsMicros: [], trailing: { kind: 'percent', percent: 2 } } });
    // 2% of 4750 = 95 → 4845 is looser than 4800, so 4800 stands.
    expect(m.get('P1')?.stopMicros).toBe(px('4800'));
    m.onQuote(quote('ES', { bid: '4699.75', ask: '4700' }, 1)); // 2% of 4700 = 94 → 4794
    expect(m.get('P1')?.stopMicros).toBe(px('4794'));
    m.onQuote(quote('ES', { bid: '4719.75', ask: '4720' }, 2));
    expect(m.get('P1')?.stopMicros).toBe(px('4794'));
  });

  it('PROPERTY: a long trailing stop never moves down and never sits above the best bid seen', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: -40, max: 40 }), { minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 20 }),
      (offsets, trailTicks) => {
        const m = new ExitManager();
        track(m, { plan: { stopMicros: null, targetsMicros: [], trailing: { kind: 'ticks', ticks: trailTicks } } });
        let previous = m.get('P1')?.stopMicros ?? 0;
        let best = px('4750');
        offsets.forEach((o, i) => {
          const bid = px('4750') + o * ES.tick;
          m.onQuote({ symbol: 'ES', bidMicros: bid, askMicros: bid + ES.tick, lastMicros: null, atMs: i });
          const view = m.get('P1');
          if (!view) return;
          best = Math.max(best, bid);
          expect(view.stopMicros).toBeGreaterThanOrEqual(previous);
          expect(view.stopMicros).toBe(best - trailTicks * ES.tick);
          previous = view.stopMicros ?? previous;
        });
      }));
  });
});
