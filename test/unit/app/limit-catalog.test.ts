import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LIMITS, limitSpec, SETTABLE_NAMES } from '../../../src/app/risk/limit-catalog.js';
import { validateRiskInput } from '../../../src/app/risk/risk-settings.js';
import { NO_LIMITS } from '../../../src/domain/risk/index.js';

const spec = (name: string) => {
  const found = limitSpec(name);
  if (!found) throw new Error(`no limit ${name}`);
  return found;
};

describe('the /risk limit catalog: what users type → a normalised value → RiskLimits', () => {
  it.each([
    ['max_daily_loss', '500', '500.00', { maxDailyLossCents: 50_000 }, '$500.00'],
    ['max_daily_loss', '$750.5', '750.50', { maxDailyLossCents: 75_050 }, '$750.50'],
    ['max_daily_loss', 'off', 'off', { maxDailyLossCents: null }, 'off'],
    ['max_contracts_per_trade', ' 4 ', '4', { maxContractsPerTrade: 4 }, '4 contracts'],
    ['max_contracts_per_symbol', '007', '7', { maxContractsPerSymbol: 7 }, '7 contracts'],
    ['max_open_positions', 'none', 'off', { maxOpenPositions: null }, 'off'],
    ['max_trades_per_day', '100000', '100000', { maxTradesPerDay: 100_000 }, '100000 trades'],
    ['cooldown', '3x30', '3x30', { cooldown: { afterConsecutiveLosses: 3, durationMs: 1_800_000 } }, 'after 3 losses in a row, 30 min'],
    ['cooldown', '2 / 15m', '2x15', { cooldown: { afterConsecutiveLosses: 2, durationMs: 900_000 } }, 'after 2 losses in a row, 15 min'],
    ['max_notional_symbol_percent', '12.5%', '12.5', { maxNotionalSymbolPercent: 12.5 }, '12.5% of equity'],
    ['max_notional_total_percent', '300', '300', { maxNotionalTotalPercent: 300 }, '300% of equity'],
    ['duplicate_window_seconds', '90', '90', { duplicateWindowMs: 90_000 }, '90 s'],
    ['enforce_market_hours', 'true', 'on', { enforceMarketHours: true }, 'on'],
    ['enforce_market_hours', 'OFF', 'off', { enforceMarketHours: false }, 'off'],
  ])('GIVEN %s = "%s" THEN it is stored as "%s", applies, and shows as expected', (name, typed, stored, fields, shown) => {
    const parsed = spec(name).parse(typed);
    expect(parsed).toEqual({ ok: true, value: stored });
    const limits = spec(name).apply(NO_LIMITS, stored);
    expect(limits).toMatchObject(fields);
    expect(spec(name).show(limits)).toBe(shown);
  });

  it.each([
    ['max_daily_loss', '0'], ['max_daily_loss', '1.005'], ['max_daily_loss', 'lots'], ['max_daily_loss', '100000000.01'],
    ['max_open_positions', '-1'], ['max_open_positions', '1.5'], ['max_open_positions', '100001'], ['max_open_positions', ''],
    ['cooldown', '0x30'], ['cooldown', '3x0'], ['cooldown', '3x99999'], ['max_notional_total_percent', '0'],
    ['max_notional_total_percent', '1000.5'], ['duplicate_window_seconds', '86401'], ['enforce_market_hours', 'sometimes'],
  ])('GIVEN %s = "%s" THEN it is refused with what is accepted', (name, typed) => {
    const parsed = spec(name).parse(typed);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain(`${name} must be ${spec(name).accepts}`);
  });

  it('GIVEN the names WHEN listed THEN the kill switch comes first and every limit has a label', () => {
    expect(SETTABLE_NAMES).toEqual(['kill_switch', ...LIMITS.map((l) => l.name)]);
    for (const l of LIMITS) expect(l.label.length).toBeGreaterThan(5);
    expect(validateRiskInput('kill_switch', 'default')).toEqual({ ok: true, value: 'default' });
    expect(validateRiskInput('nope', '1')).toMatchObject({ ok: false, unknown: true });
  });

  it('GIVEN any stored value WHEN parsed again THEN it is unchanged (stored overrides survive a restart as they were)', () => {
    fc.assert(fc.property(fc.constantFrom(...LIMITS), fc.string({ maxLength: 12 }), (limit, typed) => {
      const first = limit.parse(typed);
      if (!first.ok) return;
      expect(limit.parse(first.value)).toEqual(first);
    }), { numRuns: 2000 });
    fc.assert(fc.property(fc.integer({ min: 1, max: 100_000 }), (n) => {
      expect(spec('max_open_positions').parse(String(n))).toEqual({ ok: true, value: String(n) });
    }));
  });
});
