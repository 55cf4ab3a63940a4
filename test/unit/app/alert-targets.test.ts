import { describe, expect, it } from 'vitest';
import { positionsAlertActsOn } from '../../../src/app/trading/alert-targets.js';
import { PaperEngine } from '../../../src/domain/trading/paper-engine.js';
import { futuresAlert, optionAlert, quote, T0 } from '../trading/fixtures.js';

/** ES long, NQ short, and a SPY 480 call, open on one engine. */
function engineWithPositions(): PaperEngine {
  const engine = new PaperEngine();
  engine.onQuote(quote('ES', { bid: '4749.75', ask: '4750' }, T0));
  engine.onQuote(quote('NQ', { bid: '16999.75', ask: '17000' }, T0));
  engine.submitAlert(futuresAlert({ stop: null, targets: [] }), 'es', T0 + 1);
  engine.submitAlert(futuresAlert({ symbol: 'NQ', side: 'short', entry: '17000', stop: null, targets: [] }), 'nq', T0 + 1);
  engine.submitAlert(optionAlert(), 'spy', T0 + 1);
  return engine;
}

const symbols = (engine: PaperEngine, alert: Parameters<typeof positionsAlertActsOn>[1]) =>
  positionsAlertActsOn(engine, alert).map((p) => `${p.symbol} ${p.side}`).sort();

describe('the open positions an alert would act on', () => {
  const engine = engineWithPositions();
  const exit = { action: 'close' as const, side: null, entry: null, stop: null, targets: [], fraction: '1' };

  it('GIVEN `ES out` THEN the ES position only; GIVEN `stopped out` (no symbol) THEN every futures position', () => {
    expect(symbols(engine, futuresAlert(exit))).toEqual(['ES long']);
    expect(symbols(engine, futuresAlert({ ...exit, symbol: '' }))).toEqual(['ES long', 'NQ short']);
  });

  it('GIVEN a stop move on NQ THEN the NQ position; GIVEN an exit of longs on NQ THEN none (it is short)', () => {
    expect(symbols(engine, futuresAlert({ ...exit, symbol: 'NQ', action: 'adjust', fraction: null, newStop: '17010' }))).toEqual(['NQ short']);
    expect(symbols(engine, futuresAlert({ ...exit, symbol: 'NQ', side: 'long' }))).toEqual([]);
  });

  it('GIVEN `STC SPY 480C` THEN the call; GIVEN an opening alert or an exit of a symbol not held THEN none', () => {
    expect(symbols(engine, optionAlert({ action: 'close', price: '3.25', fraction: '1' }))).toEqual(['SPY270131C00480000 long']);
    expect(symbols(engine, futuresAlert())).toEqual([]);
    expect(symbols(engine, futuresAlert({ ...exit, symbol: 'YM' }))).toEqual([]);
  });
});
