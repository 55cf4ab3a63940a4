import { describe, expect, it } from 'vitest';
import { createOptionProblems } from '../../../src/adapters/discord/webhook-create-options.js';

/** /webhook create's refusal speaks in the slash command's option names, never the use case's field names or zod's words. */
describe('why /webhook create refused its options', () => {
  it.each([
    [{ name: '  ' }, '`name` must be a name of 1 to 100 characters, not only spaces.'],
    [{ name: 'ok', strategy: '' }, '`strategy` must be a strategy name of 1 to 128 characters, not only spaces (leave it out to accept any strategy).'],
    [{ name: 'ok', stopLossPct: 0.00001 }, '`stop_loss_pct` must be a percent above 0 and at most 100, with up to 4 decimals (e.g. 1.5).'],
    [{ name: 'ok', targetPct: 20_000 }, '`target_pct` must be a percent above 0 and at most 10000, with up to 4 decimals (e.g. 3).'],
    [{ name: 'ok', trailingPct: 101 }, '`trailing_pct` must be a percent above 0 and at most 100, with up to 4 decimals (e.g. 0.5).'],
    [{ name: 'ok', rateLimitPerMinute: 0 }, '`rate_limit` must be a whole number of requests per minute from 1 to 1000000.'],
  ])('GIVEN %o WHEN refused THEN "%s"', (input, expected) => {
    expect(createOptionProblems(input)).toBe(expected);
  });

  it('GIVEN several bad options WHEN refused THEN one line each, in the order of the command', () => {
    const text = createOptionProblems({ name: 'x'.repeat(101), strategy: ' ', stopLossPct: 150, targetPct: 0.123456 });
    expect(text.split('\n').map((line) => line.split(' ')[0])).toEqual(['`name`', '`strategy`', '`stop_loss_pct`', '`target_pct`']);
    expect(text).not.toMatch(/stopLossPct|targetPct|Too small|expected string/);
  });

  it('GIVEN good options WHEN checked THEN nothing to say', () => {
    expect(createOptionProblems({ name: 'ST Trend Bot', strategy: 'SuperTrend', stopLossPct: 1.5 })).toBe('');
  });
});
