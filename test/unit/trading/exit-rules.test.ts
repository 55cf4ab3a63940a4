import { describe, expect, it } from 'vitest';
import {
  bracketProblem, breakevenStopMicros, stopTriggerPrice, targetExitQty, targetTouched, tighterStop, trailingStopMicros,
} from '../../../src/domain/trading/exit-rules.js';
import { FUTURES, type InstrumentSpec } from '../../../src/domain/trading/instruments.js';
import { px, quote } from './fixtures.js';

const ES = FUTURES.ES as InstrumentSpec;

describe('T1/T2 split', () => {
  // contracts → [T1 closes, T2 closes]: half rounded down, at least one; ≥ 2 contracts leave one for T2.
  const table: [number, number, number][] = [
    [1, 1, 0], [2, 1, 1], [3, 1, 2], [4, 2, 2], [5, 2, 3], [6, 3, 3], [7, 3, 4], [8, 4, 4], [9, 4, 5], [10, 5, 5],
  ];
  it.each(table)('GIVEN %i contracts and two targets WHEN T1 then T2 fill THEN T1 closes %i and T2 closes %i', (n, t1, t2) => {
    const first = targetExitQty(n, 0, 2);
    const second = targetExitQty(n - first, 1, 2);
    expect([first, second]).toEqual([t1, t2]);
    expect(first + second).toBe(n);
  });

  it('GIVEN one target THEN it closes everything', () => {
    expect([1, 2, 7].map((n) => targetExitQty(n, 0, 1))).toEqual([1, 2, 7]);
  });

  it('GIVEN 7 contracts and three targets THEN T1 closes 3, T2 closes 2 of the 4 left and T3 the last 2', () => {
    expect(targetExitQty(7, 0, 3)).toBe(3);
    expect(targetExitQty(4, 1, 3)).toBe(2);
    expect(targetExitQty(2, 2, 3)).toBe(2);
  });
});

describe('stop and target triggers', () => {
  it.each([
    ['bid above the stop', { bid: '4745.25', ask: '4745.50' }, null],
    ['bid touching the stop', { bid: '4745.00', ask: '4745.25' }, ['4745.00', 'bid']],
    ['bid gapped through the stop', { bid: '4741.00', ask: '4741.25' }, ['4741.00', 'bid']],
    ['no book, last through the stop', { last: '4744.00' }, ['4744.00', 'last']],
  ] as const)('GIVEN a long stop at 4745 WHEN %s THEN trigger %j', (_name, q, expected) => {
    const hit = stopTriggerPrice('long', px('4745'), quote('ES', q, 0));
    expect(hit === null ? null : [hit.priceMicros, hit.source]).toEqual(expected === null ? null : [px(expected[0]), expected[1]]);
  });

  it('GIVEN a short stop at 4755 WHEN the ask reaches 4755 THEN it fires at the ask; at 4754.75 it does not', () => {
    expect(stopTriggerPrice('short', px('4755'), quote('ES', { bid: '4754.75', ask: '4755' }, 0))?.source).toBe('ask');
    expect(stopTriggerPrice('short', px('4755'), quote('ES', { bid: '4754.50', ask: '4754.75' }, 0))).toBeNull();
  });

  it.each([
    ['long', { bid: '4754.75', ask: '4755.00' }, false],
    ['long', { bid: '4755.00', ask: '4755.25' }, true],
    ['long', { bid: '4754.75', ask: '4755.00', last: '4755.00' }, true],
    ['short', { bid: '4744.75', ask: '4745.00' }, true],
    ['short', { bid: '4745.00', ask: '4745.25', last: '4745.25' }, false],
  ] as const)('GIVEN a %s target (4755 long / 4745 short) WHEN quote %j THEN touched = %s', (side, q, expected) => {
    expect(targetTouched(side, px(side === 'long' ? '4755' : '4745'), quote('ES', q, 0))).toBe(expected);
  });
});

describe('trailing stops and breakeven', () => {
  it('GIVEN a long trailing 8 ticks WHEN the best bid is 4760.00 THEN the stop is 4758.00', () => {
    expect(trailingStopMicros('long', ES, px('4760'), { kind: 'ticks', ticks: 8 })).toBe(px('4758'));
  });

  it('GIVEN a short trailing 1% WHEN the best ask is 4700.00 THEN the stop is 4747.00 (47 points above, on the grid)', () => {
    expect(trailingStopMicros('short', ES, px('4700'), { kind: 'percent', percent: 1 })).toBe(px('4747'));
  });

  it('GIVEN a long trailing 0.5% from 4751.00 THEN the distance 23.755 rounds away from the market to 4727.00', () => {
    expect(trailingStopMicros('long', ES, px('4751'), { kind: 'percent', percent: 0.5 })).toBe(px('4727'));
  });

  it('GIVEN entries averaging 4750.3333 THEN breakeven is 4750.50 for a long and 4750.25 for a short (never a loss)', () => {
    const avg = (2 * px('4750') + px('4751')) / 3;
    expect(breakevenStopMicros('long', ES, avg)).toBe(px('4750.50'));
    expect(breakevenStopMicros('short', ES, avg)).toBe(px('4750.25'));
  });

  it('GIVEN two stops THEN the tighter one is the higher for a long and the lower for a short', () => {
    expect(tighterStop('long', px('4745'), px('4750'))).toBe(px('4750'));
    expect(tighterStop('short', px('4755'), px('4750'))).toBe(px('4750'));
    expect(tighterStop('long', null, px('4750'))).toBe(px('4750'));
  });
});

describe('bracket sanity', () => {
  it.each([
    ['long', '4745', ['4755', '4760'], null],
    ['long', '4751', ['4755'], 'STOP_WRONG_SIDE'],
    ['long', '4745', ['4749'], 'TARGET_WRONG_SIDE'],
    ['long', '4745', ['4760', '4755'], 'TARGETS_OUT_OF_ORDER'],
    ['short', '4755', ['4745', '4740'], null],
    ['short', '4749', ['4745'], 'STOP_WRONG_SIDE'],
  ] as const)('GIVEN a %s filled at 4750 with stop %s and targets %j THEN %s', (side, stop, targets, code) => {
    const problem = bracketProblem(side, px('4750'), { stopMicros: px(stop), targetsMicros: targets.map(px), trailing: null });
    expect(problem?.code ?? null).toBe(code);
  });
});
