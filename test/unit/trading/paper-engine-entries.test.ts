import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../../src/domain/trading/engine-events.js';
import type { Fill } from '../../../src/domain/trading/fills.js';
import { paperConfig } from '../../../src/domain/trading/paper-config.js';
import { PaperEngine } from '../../../src/domain/trading/paper-engine.js';
import { futuresAlert, optionAlert, px, quote, T0 } from './fixtures.js';

const fills = (events: readonly EngineEvent[]): Fill[] => events.flatMap((e) => (e.type === 'fill' ? [e.fill] : []));
const rejection = (events: readonly EngineEvent[]) => events.find((e) => e.type === 'rejected');

describe('paper entries fill at the market', () => {
  it.each([
    ['long', { bid: '4749.75', ask: '4750.00' }, '4750.25', 'ask'],
    ['short', { bid: '4749.75', ask: '4750.00' }, '4749.50', 'bid'],
    ['long', { last: '4750.00' }, '4750.25', 'last'],
  ] as const)('GIVEN an ES %s alert and quote %j WHEN it fills THEN at %s from the %s with 1 tick of slippage', (side, q, price, source) => {
    const engine = new PaperEngine();
    engine.onQuote(quote('ES', q, T0));
    const [fill] = fills(engine.submitAlert(futuresAlert({ side, stop: null, targets: [] }), 'm1', T0 + 1));
    expect(fill).toMatchObject({ priceMicros: px(price), priceSource: source, slippageTicks: 1, qtyContracts: 1, commissionCents: 62 });
  });

  it('GIVEN no quote has arrived WHEN "ES LONG 4750" comes in THEN it fills at 4750.25 and the fill says the price came from the alert', () => {
    const engine = new PaperEngine();
    const [fill] = fills(engine.submitAlert(futuresAlert(), 'm1', T0));
    expect(fill).toMatchObject({ priceMicros: px('4750.25'), priceSource: 'alert' });
  });

  it('GIVEN quotes may be at most 60 s old AND the last ES quote is 2 minutes old WHEN "ES LONG 4750" arrives THEN it fills from the alert, not the stale quote', () => {
    const engine = new PaperEngine(paperConfig({ maxQuoteAgeMs: 60_000 }));
    engine.onQuote(quote('ES', { bid: '4760.75', ask: '4761.00' }, T0));
    const [fill] = fills(engine.submitAlert(futuresAlert(), 'm1', T0 + 120_000));
    expect(fill).toMatchObject({ priceMicros: px('4750.25'), priceSource: 'alert' });
  });

  it('GIVEN no quote and an alert without a price WHEN it comes in THEN NO_PRICE and the order is rejected, not filled', () => {
    const engine = new PaperEngine();
    const events = engine.submitAlert(futuresAlert({ entry: null, stop: null, targets: [] }), 'm1', T0);
    expect(rejection(events)).toMatchObject({ rejection: { code: 'NO_PRICE', symbol: 'ES' }, orderId: 'O1' });
    expect(engine.order('O1')).toMatchObject({ status: 'rejected', statusReason: 'NO_PRICE' });
    expect(engine.openPositions()).toEqual([]);
  });

  it('GIVEN ES at 4790.00 ask WHEN "ES LONG 4750" arrives (0.84% away, band 0.5%) THEN PRICE_OUT_OF_BAND with the numbers', () => {
    const engine = new PaperEngine();
    engine.onQuote(quote('ES', { bid: '4789.75', ask: '4790.00' }, T0));
    expect(rejection(engine.submitAlert(futuresAlert(), 'm1', T0 + 1))).toMatchObject({ rejection: {
      code: 'PRICE_OUT_OF_BAND', symbol: 'ES', alertPriceMicros: px('4750'), marketPriceMicros: px('4790'),
      deviationTicks: 160, deviationPercent: 0.84, maxTicks: null, maxPercent: 0.5 } });
  });

  it('GIVEN a 20-tick band WHEN the market is 21 ticks from the alert THEN refused; at 20 ticks THEN filled', () => {
    const engine = new PaperEngine(paperConfig({ priceBand: { futures: { maxTicks: 20, maxPercent: null }, option: { maxTicks: null, maxPercent: 20 } } }));
    engine.onQuote(quote('ES', { bid: '4754.75', ask: '4755.25' }, T0));
    expect(rejection(engine.submitAlert(futuresAlert({ stop: null, targets: [] }), 'm1', T0))?.type).toBe('rejected');
    engine.onQuote(quote('ES', { bid: '4754.75', ask: '4755.00' }, T0 + 1));
    expect(fills(engine.submitAlert(futuresAlert({ stop: null, targets: [] }), 'm2', T0 + 2))).toHaveLength(1);
  });

  it('GIVEN a long filled at 4750.25 WHEN its stop 4751 is above the fill THEN INVALID_BRACKET STOP_WRONG_SIDE', () => {
    const engine = new PaperEngine();
    engine.onQuote(quote('ES', { bid: '4749.75', ask: '4750.00' }, T0));
    expect(rejection(engine.submitAlert(futuresAlert({ stop: '4751' }), 'm1', T0))).toMatchObject({ rejection: {
      code: 'INVALID_BRACKET', problem: 'STOP_WRONG_SIDE', referenceMicros: px('4750.25'), offendingMicros: px('4751') } });
  });

  it('GIVEN an unknown symbol WHEN it is alerted THEN UNKNOWN_SYMBOL', () => {
    expect(rejection(new PaperEngine().submitAlert(futuresAlert({ symbol: 'ZZ' }), 'm1', T0))).toMatchObject({ rejection: { code: 'UNKNOWN_SYMBOL' } });
  });
});

describe('size mapping', () => {
  it.each([
    [null, null, 2], ['C', null, 2], ['B', null, 4], ['A', null, 6], ['A', 5, 5], [null, 1, 1],
  ] as const)('GIVEN BASE_CONTRACTS 2 WHEN size %s and quantity %s THEN %i contracts', (size, quantity, expected) => {
    const engine = new PaperEngine(paperConfig({ baseContracts: 2 }));
    const [fill] = fills(engine.submitAlert(futuresAlert({ size, quantity }), 'm1', T0));
    expect(fill?.qtyContracts).toBe(expected);
    expect(fill?.commissionCents).toBe(62 * expected);
  });

  it('GIVEN options default 3 contracts WHEN "BTO SPY … @ 2.50" has no quantity THEN 3 contracts at 2.51, commission $0.65 each side', () => {
    const engine = new PaperEngine(paperConfig({ defaultOptionContracts: 3 }));
    const [fill] = fills(engine.submitAlert(optionAlert(), 'm1', T0));
    expect(fill).toMatchObject({ symbol: 'SPY270131C00480000', qtyContracts: 3, priceMicros: px('2.51'), priceSource: 'alert', commissionCents: 195 });
  });

  it('GIVEN a $600 cap per option trade WHEN "BTO 5 SPY … @ 2.50" arrives THEN 2 contracts ($500 premium)', () => {
    const engine = new PaperEngine(paperConfig({ maxOptionTradeCents: 60_000 }));
    expect(fills(engine.submitAlert(optionAlert({ quantity: 5 }), 'm1', T0))[0]?.qtyContracts).toBe(2);
  });

  it('GIVEN a $200 cap WHEN the option costs $250 a contract THEN OPTION_BUDGET_TOO_SMALL with the numbers', () => {
    const engine = new PaperEngine(paperConfig({ maxOptionTradeCents: 20_000 }));
    expect(rejection(engine.submitAlert(optionAlert(), 'm1', T0))).toMatchObject({ rejection: {
      code: 'OPTION_BUDGET_TOO_SMALL', priceMicros: px('2.50'), costPerContractCents: 25_000, budgetCents: 20_000 } });
  });

  it('GIVEN an option quote WHEN the cap is applied THEN the market ask, not the alert price, sizes it', () => {
    const engine = new PaperEngine(paperConfig({ maxOptionTradeCents: 60_000 }));
    engine.onQuote(quote('SPY270131C00480000', { bid: '1.95', ask: '2.00' }, T0));
    expect(fills(engine.submitAlert(optionAlert({ quantity: 5, price: '2.05' }), 'm1', T0))[0]?.qtyContracts).toBe(3);
  });
});

describe('default exits from config', () => {
  it('GIVEN option defaults stop 20% and target 50% WHEN a call fills at 2.51 THEN stop 2.01 and T1 3.77 (rounded to the cent)', () => {
    const engine = new PaperEngine(paperConfig({ exitDefaults: {
      futures: { stopPercent: null, targetPercents: [], trailing: null },
      option: { stopPercent: 20, targetPercents: [50], trailing: null } } }));
    const events = engine.submitAlert(optionAlert(), 'm1', T0);
    const positionId = fills(events)[0]!.positionId;
    expect(engine.bracket(positionId)).toMatchObject({ stopMicros: px('2.01'), targetsMicros: [px('3.77')] });
  });
});
