import { describe, expect, it } from 'vitest';
import { limitSpec } from '../../../src/app/risk/limit-catalog.js';
import { ConfigError, loadConfig } from '../../../src/config/env.js';

function load(env: Record<string, string>): { problems: string[]; config: ReturnType<typeof loadConfig> | null } {
  try {
    return { problems: [], config: loadConfig({ DISCORD_TOKEN: 't0ken', ...env }) };
  } catch (err) {
    if (err instanceof ConfigError) return { problems: err.problems, config: null };
    throw err;
  }
}

/** Values that would quietly stop all trading (or mean nothing) are listed problems, not accepted. */
describe('trading settings that would be accepted silently', () => {
  it.each(['0', '0.00', '100000000.01', '-5'])(
    'GIVEN MAX_DAILY_LOSS=%s WHEN loaded THEN a listed problem, as /risk set max_daily_loss refuses it too', (value) => {
      expect(load({ MAX_DAILY_LOSS: value }).problems).toEqual([
        `MAX_DAILY_LOSS must be a USD amount above 0 and at most 100,000,000, such as 500 or 750.50, exact to the cent, got "${value}"`,
      ]);
      expect(limitSpec('max_daily_loss')?.parse(value).ok).toBe(false);
    });

  it.each([['0.01', 1], ['500', 50_000], ['100000000', 10_000_000_000]])(
    'GIVEN MAX_DAILY_LOSS=%s WHEN loaded THEN it is the limit in cents, as /risk set takes it', (value, cents) => {
      expect(load({ MAX_DAILY_LOSS: value }).config?.trading.maxDailyLossCents).toBe(cents);
      expect(limitSpec('max_daily_loss')?.parse(value).ok).toBe(true);
    });

  it('GIVEN a zero starting balance and a zero option cap WHEN loaded THEN both are listed problems', () => {
    expect(load({ STARTING_BALANCE: '0', MAX_OPTION_TRADE_USD: '0.00' }).problems).toEqual([
      'STARTING_BALANCE must be a USD amount above 0, exact to the cent, got "0"',
      'MAX_OPTION_TRADE_USD must be a USD amount above 0, exact to the cent, got "0.00"',
    ]);
  });

  it('GIVEN zero commissions WHEN loaded THEN accepted: a broker may charge nothing', () => {
    expect(load({ COMMISSION_FUTURES: '0', COMMISSION_OPTIONS: '0.00' }).config?.paper).toMatchObject({
      commissionFuturesCents: 0, commissionOptionsCents: 0,
    });
  });

  it.each(['0t', '0%', '0.0%', '100%', '5000%', '10001t', '99999999999999999999t', '1.5t', '8 t', '%', 't', '0.12345%'])(
    'GIVEN TRAILING_STOP=%s WHEN loaded THEN a listed problem saying what is accepted', (value) => {
      expect(load({ TRAILING_STOP: value }).problems).toEqual([
        `TRAILING_STOP must be whole ticks from 1 to 10000 like "8t", or a percent above 0 and below 100 like "0.5%", got "${value}"`,
      ]);
    });

  it.each([
    ['8t', { kind: 'ticks', ticks: 8 }], ['1T', { kind: 'ticks', ticks: 1 }], ['10000t', { kind: 'ticks', ticks: 10_000 }],
    ['0.5%', { kind: 'percent', percent: 0.5 }], ['.25%', { kind: 'percent', percent: 0.25 }], ['99.9999%', { kind: 'percent', percent: 99.9999 }],
  ])('GIVEN TRAILING_STOP=%s WHEN loaded THEN the trailing stop is %o', (value, trailing) => {
    expect(load({ TRAILING_STOP: value }).config?.trading.trailing).toEqual(trailing);
  });

  it('GIVEN channel lists of commas only WHEN loaded THEN both are listed problems: nothing would be watched', () => {
    expect(load({ FUTURES_CHANNELS: ',,,', OPTIONS_CHANNELS: ' , ' }).problems).toEqual([
      'FUTURES_CHANNELS must name at least one channel (comma-separated channel ids or names), or be "none"',
      'OPTIONS_CHANNELS must name at least one channel (comma-separated channel ids or names), or be "none"',
    ]);
  });

  it('GIVEN FUTURES_CHANNELS=none WHEN loaded THEN no futures channel is watched and options keep their default', () => {
    const { config, problems } = load({ FUTURES_CHANNELS: ' None ' });
    expect(problems).toEqual([]);
    expect(config?.discord.futuresChannels).toEqual([]);
    expect(config?.discord.optionsChannels).toEqual(['twi_options']);
  });
});
