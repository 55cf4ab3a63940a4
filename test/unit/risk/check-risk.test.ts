import { describe, expect, it } from 'vitest';
import { checkRisk } from '../../../src/domain/risk/check-risk.js';
import type { RiskDenial } from '../../../src/domain/risk/denials.js';
import { NO_LIMITS, type RiskLimits } from '../../../src/domain/risk/limits.js';
import type { AccountSnapshot, ProposedOrder } from '../../../src/domain/risk/snapshot.js';

const NOW = Date.parse('2026-03-10T15:00:00Z'); // Tue 11:00 New York: every market open
const MINUTE = 60_000;

/** A calm account: $25,000, one ES long of 2, one trade today, nothing lost. */
const ACCOUNT: AccountSnapshot = {
  killSwitch: { on: false, reason: null },
  equityCents: 2_500_000,
  sessionRealizedNetCents: 0,
  sessionUnrealizedCents: 0,
  openPositions: [{ positionId: 'P1', symbol: 'ES', qtyContracts: 2, notionalCents: 47_500_000 }],
  tradesToday: 1,
  lossStreaks: new Map(),
  recentSignals: [{ signalKey: 'msg-1', fingerprint: 'open|ES|long|4750000000|-|', atMs: NOW - 10 * MINUTE }],
};

/** "ES LONG 4750" for 1 contract at a 4750 market: $237,500 notional. */
const ORDER: ProposedOrder = {
  intent: 'open', signalKey: 'msg-2', fingerprint: 'open|ES|long|4751000000|-|', symbol: 'ES', qtyContracts: 1,
  priceMicros: 4_750_000_000, notionalCents: 23_750_000, calendar: 'cme-globex', alertAtMs: NOW - 5_000,
};

const deny = (limits: Partial<RiskLimits>, account: Partial<AccountSnapshot> = {}, order: Partial<ProposedOrder> = {}, nowMs = NOW) =>
  checkRisk({ ...NO_LIMITS, ...limits }, { ...ACCOUNT, ...account }, { ...ORDER, ...order }, nowMs);

describe('checkRisk denials, each with the numbers that caused it', () => {
  const cases: [string, Partial<RiskLimits>, Partial<AccountSnapshot>, Partial<ProposedOrder>, RiskDenial][] = [
    ['the kill switch is on', {}, { killSwitch: { on: true, reason: 'admin /bot stop' } }, {},
      { code: 'KILL_SWITCH', reason: 'admin /bot stop' }],
    ['the same Discord message id was already processed', {}, {}, { signalKey: 'msg-1' },
      { code: 'DUPLICATE_SIGNAL', matchedBy: 'key', value: 'msg-1', firstSeenAtMs: NOW - 10 * MINUTE, windowMs: null }],
    ['the same trade content came 10 minutes ago within a 15-minute window', { duplicateWindowMs: 15 * MINUTE }, {},
      { fingerprint: 'open|ES|long|4750000000|-|' },
      { code: 'DUPLICATE_SIGNAL', matchedBy: 'fingerprint', value: 'open|ES|long|4750000000|-|', firstSeenAtMs: NOW - 10 * MINUTE, windowMs: 15 * MINUTE }],
    ['the alert is 120 s old with a 60 s limit', { maxAlertAgeMs: 60_000 }, {}, { alertAtMs: NOW - 120_000 },
      { code: 'STALE_ALERT', ageMs: 120_000, maxAgeMs: 60_000 }],
    ['equity options are closed (Tue 17:00 New York)', { enforceMarketHours: true }, {}, { calendar: 'us-equity-options' },
      { code: 'MARKET_CLOSED', calendar: 'us-equity-options', atMs: Date.parse('2026-03-10T21:00:00Z'), nextOpenMs: Date.parse('2026-03-11T13:30:00Z') }],
    ['the session is down $800 realized and $250 open against a $1,000 limit', { maxDailyLossCents: 100_000 },
      { sessionRealizedNetCents: -80_000, sessionUnrealizedCents: -25_000 }, {},
      { code: 'DAILY_LOSS_LIMIT', sessionPnlCents: -105_000, realizedNetCents: -80_000, unrealizedCents: -25_000, limitCents: 100_000 }],
    ['6 contracts against a 5-contract trade limit', { maxContractsPerTrade: 5 }, {}, { qtyContracts: 6 },
      { code: 'MAX_CONTRACTS_PER_TRADE', requestedContracts: 6, limitContracts: 5 }],
    ['2 ES open + 2 more against 3 per symbol', { maxContractsPerSymbol: 3 }, {}, { qtyContracts: 2 },
      { code: 'MAX_CONTRACTS_PER_SYMBOL', symbol: 'ES', openContracts: 2, requestedContracts: 2, limitContracts: 3 }],
    ['1 position open against a limit of 1', { maxOpenPositions: 1 }, {}, {},
      { code: 'MAX_OPEN_POSITIONS', openPositions: 1, limitPositions: 1 }],
    ['1 trade today against a limit of 1', { maxTradesPerDay: 1 }, {}, {},
      { code: 'MAX_TRADES_PER_DAY', tradesToday: 1, limitTrades: 1 }],
    ['3 ES losses in a row, the last 10 minutes ago, with a 30-minute cool-down after 3', { cooldown: { afterConsecutiveLosses: 3, durationMs: 30 * MINUTE } },
      { lossStreaks: new Map([['ES', { consecutiveLosses: 3, lastLossAtMs: NOW - 10 * MINUTE }]]) }, {},
      { code: 'SYMBOL_COOLDOWN', symbol: 'ES', consecutiveLosses: 3, lossThreshold: 3, lastLossAtMs: NOW - 10 * MINUTE, untilMs: NOW + 20 * MINUTE }],
    ['$475,000 ES open + $237,500 against 2,000% of $25,000 on one symbol', { maxNotionalSymbolPercent: 2_000 }, {}, {},
      { code: 'MAX_NOTIONAL_SYMBOL', symbol: 'ES', openNotionalCents: 47_500_000, requestedNotionalCents: 23_750_000, limitCents: 50_000_000,
        equityCents: 2_500_000, limitPercent: 2_000 }],
    ['$712,500 in total against 2,500% of $25,000', { maxNotionalTotalPercent: 2_500 }, {}, {},
      { code: 'MAX_NOTIONAL_TOTAL', openNotionalCents: 47_500_000, requestedNotionalCents: 23_750_000, limitCents: 62_500_000,
        equityCents: 2_500_000, limitPercent: 2_500 }],
  ];

  it.each(cases)('GIVEN %s WHEN an entry is checked THEN it is denied with exactly these numbers', (_name, limits, account, order, denial) => {
    const nowMs = denial.code === 'MARKET_CLOSED' ? denial.atMs : NOW;
    expect(deny(limits, account, order, nowMs)).toEqual({ ok: false, denial });
  });

  it('GIVEN every rule and a calm account WHEN an entry is checked THEN it passes', () => {
    expect(deny({ maxDailyLossCents: 100_000, maxContractsPerTrade: 5, maxContractsPerSymbol: 3, maxOpenPositions: 2, maxTradesPerDay: 5,
      cooldown: { afterConsecutiveLosses: 3, durationMs: 30 * MINUTE }, maxNotionalSymbolPercent: 3_000, maxNotionalTotalPercent: 3_000,
      maxAlertAgeMs: 60_000, duplicateWindowMs: 15 * MINUTE, enforceMarketHours: true })).toEqual({ ok: true });
  });
});

describe('edges of the rules', () => {
  it('GIVEN a loss of exactly the limit THEN denied; one cent less THEN allowed', () => {
    expect(deny({ maxDailyLossCents: 100_000 }, { sessionRealizedNetCents: -100_000 }).ok).toBe(false);
    expect(deny({ maxDailyLossCents: 100_000 }, { sessionRealizedNetCents: -99_999 }).ok).toBe(true);
  });

  it('GIVEN the cool-down has run out (30 minutes after the last loss) THEN the symbol is allowed again', () => {
    const account = { lossStreaks: new Map([['ES', { consecutiveLosses: 3, lastLossAtMs: NOW - 30 * MINUTE }]]) };
    expect(deny({ cooldown: { afterConsecutiveLosses: 3, durationMs: 30 * MINUTE } }, account).ok).toBe(true);
  });

  it('GIVEN two losses and a cool-down after three THEN allowed', () => {
    const account = { lossStreaks: new Map([['ES', { consecutiveLosses: 2, lastLossAtMs: NOW }]]) };
    expect(deny({ cooldown: { afterConsecutiveLosses: 3, durationMs: 30 * MINUTE } }, account).ok).toBe(true);
  });

  it('GIVEN the same content 16 minutes later with a 15-minute window THEN not a duplicate', () => {
    expect(deny({ duplicateWindowMs: 15 * MINUTE }, {}, { fingerprint: 'open|ES|long|4750000000|-|' }, NOW + 6 * MINUTE).ok).toBe(true);
  });

  it('GIVEN several rules broken THEN the first in the documented order is reported (kill switch before daily loss)', () => {
    const result = deny({ maxDailyLossCents: 1 }, { killSwitch: { on: true, reason: null }, sessionRealizedNetCents: -5 });
    expect(result.ok ? null : result.denial.code).toBe('KILL_SWITCH');
  });

  it('GIVEN the kill switch, the daily loss limit and every exposure limit hit WHEN a close is checked THEN it passes (a trader can always get flat)', () => {
    const result = deny({ maxDailyLossCents: 1, maxOpenPositions: 0, maxTradesPerDay: 0, maxContractsPerTrade: 0 },
      { killSwitch: { on: true, reason: null }, sessionRealizedNetCents: -5 }, { intent: 'close', notionalCents: null });
    expect(result).toEqual({ ok: true });
  });

  it('GIVEN a stale duplicate close WHEN checked THEN it is still refused (an old "ES out" must not close a newer trade)', () => {
    const result = deny({ maxAlertAgeMs: 60_000 }, {}, { intent: 'close', alertAtMs: NOW - 120_000 });
    expect(result.ok ? null : result.denial.code).toBe('STALE_ALERT');
  });

  it('GIVEN an unknown notional THEN the notional limits cannot deny it', () => {
    expect(deny({ maxNotionalSymbolPercent: 1, maxNotionalTotalPercent: 1 }, {}, { notionalCents: null }).ok).toBe(true);
  });
});
