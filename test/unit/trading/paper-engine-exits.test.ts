import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../../src/domain/trading/engine-events.js';
import type { Fill } from '../../../src/domain/trading/fills.js';
import { paperConfig } from '../../../src/domain/trading/paper-config.js';
import { PaperEngine } from '../../../src/domain/trading/paper-engine.js';
import { futuresAlert, optionAlert, px, quote, T0 } from './fixtures.js';

const fills = (events: readonly EngineEvent[]): Fill[] => events.flatMap((e) => (e.type === 'fill' ? [e.fill] : []));

/** ES at 4749.75 / 4750.00, then "ES LONG 4750 STOP 4745 T1 4755 T2 4760" size A (3 contracts) filled at 4750.25. */
function longThree(): PaperEngine {
  const engine = new PaperEngine();
  engine.onQuote(quote('ES', { bid: '4749.75', ask: '4750.00' }, T0));
  engine.submitAlert(futuresAlert({ size: 'A' }), 'm1', T0 + 1);
  return engine;
}

describe('a bracketed ES trade from alert to flat', () => {
  it('GIVEN 3 long at 4750.25 WHEN T1 4755 is touched and then the bid drops to breakeven THEN 1 exits at 4755.00 and 2 at 4750.00 (bid − 1 tick)', () => {
    const engine = longThree();
    const t1 = engine.onQuote(quote('ES', { bid: '4755.00', ask: '4755.25' }, T0 + 2));
    expect(fills(t1).map((f) => [f.reason, f.qtyContracts, f.priceMicros, f.priceSource])).toEqual([['target', 1, px('4755'), 'target']]);
    expect(t1.find((e) => e.type === 'stop_moved')).toMatchObject({ move: { toMicros: px('4750.25'), cause: 'breakeven' } });
    const stop = engine.onQuote(quote('ES', { bid: '4750.25', ask: '4750.50' }, T0 + 3));
    expect(fills(stop).map((f) => [f.reason, f.qtyContracts, f.priceMicros, f.priceSource])).toEqual([['stop', 2, px('4750.00'), 'bid']]);
    // +19 ticks on 1, −1 tick on 2: (19 − 2) × $12.50 = $212.50 gross; 6 contract-sides × $0.62 = $3.72.
    expect(engine.account()).toMatchObject({ realizedGrossCents: 21_250, commissionsCents: 372, equityCents: 2_500_000 + 21_250 - 372, openPositions: 0 });
  });

  it('GIVEN 3 long with stop 4745 WHEN the market gaps to 4740.00 bid THEN all 3 fill at 4739.75 — past the stop, never at it', () => {
    const engine = longThree();
    const [fill] = fills(engine.onQuote(quote('ES', { bid: '4740.00', ask: '4740.25' }, T0 + 2)));
    expect(fill).toMatchObject({ reason: 'stop', qtyContracts: 3, priceMicros: px('4739.75'), priceSource: 'bid', slippageTicks: 1 });
  });

  it('GIVEN an older quote arrives after a newer one THEN it is ignored (no stop-out on stale data)', () => {
    const engine = longThree();
    expect(engine.onQuote(quote('ES', { bid: '4740.00', ask: '4740.25' }, T0 - 1))).toEqual([]);
    expect(engine.openPositions()).toHaveLength(1);
  });

  it('GIVEN an open long THEN account() marks it at the bid (last when no bid)', () => {
    const engine = longThree();
    engine.onQuote(quote('ES', { bid: '4751.25', ask: '4751.50' }, T0 + 2));
    expect(engine.account().unrealizedCents).toBe(3 * 4 * 1250);
    engine.onQuote(quote('ES', { last: '4749.25' }, T0 + 3));
    expect(engine.account().unrealizedCents).toBe(3 * -4 * 1250);
  });
});

describe('exits and stop changes from alerts', () => {
  it('GIVEN 3 ES long WHEN "ES out" arrives THEN all 3 sell at the bid − 1 tick as alert_close', () => {
    const engine = longThree();
    const out = engine.submitAlert(futuresAlert({ action: 'close', side: null, entry: null, stop: null, targets: [] }), 'm2', T0 + 5);
    expect(fills(out).map((f) => [f.reason, f.qtyContracts, f.priceMicros])).toEqual([['alert_close', 3, px('4749.50')]]);
    expect(out.find((e) => e.type === 'order')).toMatchObject({ order: { signalId: 'm2', purpose: 'alert_close' } });
    expect(engine.bracket(fills(out)[0]!.positionId)).toBeUndefined();
  });

  it.each([
    ['0.5', 4, 2], ['0.5', 3, 1], ['0.5', 1, 1], ['0.25', 2, 1], ['1', 3, 3],
  ] as const)('GIVEN %s of a %i-lot WHEN the fraction close arrives THEN %i contracts close', (fraction, qty, closes) => {
    const engine = new PaperEngine();
    engine.onQuote(quote('ES', { bid: '4749.75', ask: '4750.00' }, T0));
    engine.submitAlert(futuresAlert({ quantity: qty }), 'm1', T0);
    const out = engine.submitAlert(futuresAlert({ action: 'close', side: null, fraction, stop: null, targets: [] }), 'm2', T0 + 1);
    expect(fills(out)[0]?.qtyContracts).toBe(closes);
    expect(engine.openPositions().reduce((n, p) => n + p.qtyContracts, 0)).toBe(qty - closes);
  });

  it('GIVEN an ES long and a SPY call WHEN a symbol-less "stopped out" arrives (empty symbol) THEN only the futures position closes', () => {
    const engine = longThree();
    engine.submitAlert(optionAlert(), 'o1', T0 + 1);
    engine.submitAlert(futuresAlert({ action: 'close', symbol: '', side: null, entry: null, stop: null, targets: [] }), 'm2', T0 + 2);
    expect(engine.openPositions().map((p) => p.symbol)).toEqual(['SPY270131C00480000']);
  });

  it('GIVEN 4 SPY calls WHEN "STC SPY 480C 50% @ 3.25" names no expiry (empty) and no quote exists THEN 2 close at 3.24 (alert price − 1 tick)', () => {
    const engine = new PaperEngine(paperConfig({ defaultOptionContracts: 4 }));
    engine.submitAlert(optionAlert(), 'o1', T0);
    const out = engine.submitAlert(optionAlert({ action: 'close', expiry: '', price: '3.25', fraction: '0.5' }), 'o2', T0 + 1);
    expect(fills(out).map((f) => [f.qtyContracts, f.priceMicros, f.priceSource])).toEqual([[2, px('3.24'), 'alert']]);
  });

  it('GIVEN SPY 480 and 485 calls and a SPY put WHEN "STC SPY calls" names no strike THEN both calls close at their quotes and the put stays', () => {
    const engine = new PaperEngine(paperConfig({ defaultOptionContracts: 2 }));
    engine.submitAlert(optionAlert(), 'o1', T0);
    engine.submitAlert(optionAlert({ strike: '485' }), 'o2', T0);
    engine.submitAlert(optionAlert({ right: 'put', strike: '470' }), 'o3', T0);
    engine.onQuote(quote('SPY270131C00480000', { bid: '3.10', ask: '3.20' }, T0 + 1));
    engine.onQuote(quote('SPY270131C00485000', { bid: '1.40', ask: '1.50' }, T0 + 1));
    const out = engine.submitAlert(optionAlert({ action: 'close', expiry: '', strike: '', price: '3.25', fraction: '1' }), 'o4', T0 + 2);
    expect(fills(out).map((f) => [f.symbol, f.qtyContracts, f.priceMicros, f.priceSource]).sort()).toEqual([
      ['SPY270131C00480000', 2, px('3.09'), 'bid'], ['SPY270131C00485000', 2, px('1.39'), 'bid'],
    ]);
    expect(engine.openPositions().map((p) => p.symbol)).toEqual(['SPY270131P00470000']);
  });

  it('GIVEN two SPY calls without quotes WHEN "STC SPY calls @ 3.25" arrives THEN neither fills at the one contract\'s 3.25: NO_PRICE for each', () => {
    const engine = new PaperEngine();
    engine.submitAlert(optionAlert(), 'o1', T0);
    engine.submitAlert(optionAlert({ strike: '485' }), 'o2', T0);
    const out = engine.submitAlert(optionAlert({ action: 'close', expiry: '', strike: '', price: '3.25', fraction: '1' }), 'o3', T0 + 1);
    expect(fills(out)).toEqual([]);
    expect(out.map((e) => e.type === 'rejected' && e.rejection.code)).toEqual(['NO_PRICE', 'NO_PRICE']);
  });

  it('GIVEN one SPY call without a quote WHEN "STC SPY calls @ 3.25" arrives THEN it closes at the alert price − 1 tick', () => {
    const engine = new PaperEngine();
    engine.submitAlert(optionAlert(), 'o1', T0);
    const out = engine.submitAlert(optionAlert({ action: 'close', expiry: '', strike: '', price: '3.25', fraction: '1' }), 'o2', T0 + 1);
    expect(fills(out).map((f) => [f.symbol, f.priceMicros, f.priceSource])).toEqual([['SPY270131C00480000', px('3.24'), 'alert']]);
  });

  it('GIVEN SPY calls of two expiries WHEN the strikeless close names 2027-01-31 THEN only that expiry closes', () => {
    const engine = new PaperEngine();
    engine.submitAlert(optionAlert(), 'o1', T0);
    engine.submitAlert(optionAlert({ expiry: '2027-02-19' }), 'o2', T0);
    engine.submitAlert(optionAlert({ action: 'close', strike: '', price: '3.25', fraction: '1' }), 'o3', T0 + 1);
    expect(engine.openPositions().map((p) => p.symbol)).toEqual(['SPY270219C00480000']);
  });

  it('GIVEN no SPY put WHEN a strikeless put close arrives THEN NO_OPEN_POSITION names the series', () => {
    const engine = new PaperEngine();
    engine.submitAlert(optionAlert(), 'o1', T0);
    const out = engine.submitAlert(optionAlert({ action: 'close', right: 'put', expiry: '', strike: '', price: null, fraction: '1' }), 'o2', T0 + 1);
    expect(out).toMatchObject([{ type: 'rejected', rejection: { code: 'NO_OPEN_POSITION',
      target: { kind: 'option_series', underlying: 'SPY', right: 'put', strikeMicros: null, expiry: null } } }]);
  });

  it('GIVEN 3 ES long WHEN "stop to breakeven" arrives THEN the stop moves to the entry fill 4750.25 (cause alert)', () => {
    const engine = longThree();
    const out = engine.submitAlert(futuresAlert({ action: 'adjust', newStop: 'breakeven', side: null, entry: null, stop: null, targets: [] }), 'm3', T0 + 2);
    expect(out).toEqual([{ type: 'stop_moved', move: expect.objectContaining({ fromMicros: px('4745'), toMicros: px('4750.25'), cause: 'alert' }) }]);
  });

  it('GIVEN "stop to 4747.1" THEN the new stop snaps to the ES grid at 4747.00', () => {
    const engine = longThree();
    const out = engine.submitAlert(futuresAlert({ action: 'adjust', newStop: '4747.1', side: null, entry: null, stop: null, targets: [] }), 'm3', T0 + 2);
    expect(out[0]).toMatchObject({ move: { toMicros: px('4747') } });
  });

  it('GIVEN no NQ position WHEN "NQ out" arrives THEN NO_OPEN_POSITION', () => {
    const out = longThree().submitAlert(futuresAlert({ action: 'close', symbol: 'NQ', side: null, stop: null, targets: [] }), 'm4', T0 + 2);
    expect(out).toMatchObject([{ type: 'rejected', rejection: { code: 'NO_OPEN_POSITION', target: { kind: 'symbol', symbol: 'NQ' } } }]);
  });

  it('GIVEN an open long WHEN end of day closes it THEN one fill with reason end_of_day at the bid − slippage', () => {
    const engine = longThree();
    const positionId = engine.openPositions()[0]!.positionId;
    expect(fills(engine.closePosition(positionId, 'all', 'end_of_day', T0 + 9)).map((f) => [f.reason, f.qtyContracts, f.priceMicros]))
      .toEqual([['end_of_day', 3, px('4749.50')]]);
  });
});
