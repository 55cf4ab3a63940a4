import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config/env.js';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig({ DISCORD_TOKEN: 't0ken', ...env });
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

const INTEGER_SETTINGS = [
  'HTTP_PORT', 'BASE_CONTRACTS', 'SLIPPAGE_TICKS', 'MAX_ALERT_AGE_SECONDS', 'WEBHOOK_RATE_LIMIT_PER_MINUTE',
  'WEBHOOK_DEDUPE_WINDOW_SECONDS', 'MAX_CONTRACTS_PER_TRADE', 'MAX_CONTRACTS_PER_SYMBOL', 'MAX_OPEN_POSITIONS',
  'MAX_TRADES_PER_DAY', 'COOLDOWN_AFTER_LOSSES', 'COOLDOWN_MINUTES', 'DUPLICATE_WINDOW_SECONDS', 'DEFAULT_OPTION_CONTRACTS',
  'MAX_QUOTE_AGE_SECONDS',
];
const DECIMAL_SETTINGS = ['CONFIDENCE_THRESHOLD', 'PRICE_BAND_PERCENT_FUTURES', 'PRICE_BAND_PERCENT_OPTIONS',
  'MAX_NOTIONAL_SYMBOL_PERCENT', 'MAX_NOTIONAL_TOTAL_PERCENT'];
const every = (names: string[], value: string) => Object.fromEntries(names.map((name) => [name, value]));

/** Numbers are written in digits: hex, exponents and the like are refused, not silently read as something else. */
describe('numeric settings', () => {
  it.each(['0x1F90', '8e3', '0b11', '80.0', '-1', '+8', '8 0', 'Infinity'])(
    'GIVEN every integer setting set to "%s" WHEN loaded THEN one message lists each of them, saying a whole number is expected', (value) => {
      const problems = problemsOf(every(INTEGER_SETTINGS, value));
      expect(problems.map((p) => p.split(' ')[0]).sort()).toEqual([...INTEGER_SETTINGS].sort());
      for (const problem of problems) expect(problem).toMatch(/ must be a whole number from \d+ to \d+, got "/);
    });

  it('GIVEN HTTP_PORT=0x1F90 WHEN loaded THEN the problem says what was expected and what was given', () => {
    expect(problemsOf({ HTTP_PORT: '0x1F90' })).toEqual(['HTTP_PORT must be a whole number from 0 to 65535, got "0x1F90"']);
  });

  it.each(['0x1', '5e-1', 'Infinity', '-0.5', '1,5'])(
    'GIVEN every decimal setting set to "%s" WHEN loaded THEN one message lists each of them', (value) => {
      const problems = problemsOf(every(DECIMAL_SETTINGS, value));
      expect(problems.map((p) => p.split(' ')[0]).sort()).toEqual([...DECIMAL_SETTINGS].sort());
      for (const problem of problems) expect(problem).toMatch(new RegExp(` must be .*, got "${value.replace('+', '\\+')}"$`));
    });

  it('GIVEN numbers in digits, with spaces around WHEN loaded THEN they are read', () => {
    const config = loadConfig({
      DISCORD_TOKEN: 't0ken', HTTP_PORT: ' 8081 ', MAX_OPEN_POSITIONS: '007', CONFIDENCE_THRESHOLD: '.75',
      PRICE_BAND_PERCENT_FUTURES: '1', MAX_NOTIONAL_TOTAL_PERCENT: '12.5', DUPLICATE_WINDOW_SECONDS: '0',
    });
    expect(config.http.port).toBe(8081);
    expect(config.trading.maxOpenPositions).toBe(7);
    expect(config.confidenceThreshold).toBe(0.75);
    expect(config.trading.priceBandPercent.futures).toBe(1);
    expect(config.trading.maxNotionalTotalPercent).toBe(12.5);
    expect(config.trading.duplicateWindowMs).toBeNull();
  });
});
