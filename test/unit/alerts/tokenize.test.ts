import { describe, expect, it } from 'vitest';
import { NUM, PUNCT, WORD, tokenize } from '../../../src/domain/alerts/tokenize.js';

const shape = (text: string): string[] => tokenize(text).map((t) => (t.kind === NUM ? `#${t.text}` : t.kind === PUNCT ? `'${t.text}'` : t.text));

describe('tokenize', () => {
  it.each([
    ['BTO QQQ 380C 1/31 @ 1.75', ['BTO', 'QQQ', '#380', 'C', '#1', "'/'", '#31', "'@'", '#1.75']],
    ['🚨 ES long 6326: A\nStop: 6316\n@everyone', ['ES', 'LONG', '#6326', "':'", 'A', 'STOP', "':'", '#6316']],
    ['<@&1122334455667788> <:pepe:123> BTO <#99> SPY @here', ['BTO', 'SPY']],
    ['CME_MINI:ES1! short', ['CME_MINI:ES1!', 'SHORT']],
    ['@ .7 and $2.50, 16,250.50 4755,4760', ["'@'", '#.7', 'AND', '#2.50', "','", '#16250.50', '#4755', "','", '#4760']],
    ['5x 0DTE 282.5C 50%', ['#5', 'X', '#0', 'DTE', '#282.5', 'C', '#50', "'%'"]],
    ["who’s **long**? ~~out~~", ["WHO'S", 'LONG', "'?'", 'OUT']],
  ])('GIVEN %j WHEN tokenized THEN the tokens are %j', (text, tokens) => {
    expect(shape(text)).toEqual(tokens);
  });

  it('GIVEN prices WHEN tokenized THEN numbers carry exact micros, glue and the dollar sign', () => {
    const [at, price] = tokenize('@$2.50');
    expect(at?.text).toBe('@');
    expect(price).toMatchObject({ kind: NUM, micros: 2_500_000, decimals: 2, dollar: true, spaced: false });
    const [strike, right] = tokenize('480C');
    expect(strike?.micros).toBe(480_000_000);
    expect(right).toMatchObject({ kind: WORD, text: 'C', spaced: false });
  });

  it('GIVEN quotes and strike-through WHEN tokenized THEN the flags follow the text they cover', () => {
    const toks = tokenize('> ES long\nES out "NQ" ~~YM~~ RTY');
    expect(toks.map((t) => [t.text, t.quoted, t.struck])).toEqual([
      ['ES', true, false], ['LONG', true, false], ['ES', false, false], ['OUT', false, false],
      ['NQ', true, false], ['YM', false, true], ['RTY', false, false],
    ]);
  });

  it('GIVEN a >>> block quote WHEN tokenized THEN every following line is quoted', () => {
    expect(tokenize('>>> ES long\nstop 4745').every((t) => t.quoted)).toBe(true);
  });

  it('GIVEN a number with more than six nonzero decimals WHEN tokenized THEN it is marked inexact (NaN micros)', () => {
    expect(Number.isNaN(tokenize('1.0000001')[0]?.micros)).toBe(true);
    expect(tokenize('1.2500000')[0]?.micros).toBe(1_250_000);
  });
});
