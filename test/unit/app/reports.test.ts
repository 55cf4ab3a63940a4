import { describe, expect, it } from 'vitest';
import type { PositionRecord } from '../../../src/app/ports.js';
import type { ClosedTrade, ReportStore, StoredFill } from '../../../src/app/reports/ports.js';
import { pnlReport } from '../../../src/app/reports/pnl-report.js';
import { tradeStats } from '../../../src/app/reports/trade-stats.js';
import { exportTrades } from '../../../src/app/reports/export-trades.js';
import { csvDocument, csvField, csvText } from '../../../src/app/reports/csv.js';

const NY = 'America/New_York';
const START = 2_500_000;
// Wednesday 2025-03-12 16:00 New York (EDT, UTC−4).
const NOW = Date.parse('2025-03-12T20:00:00Z');

function trade(id: string, closedAtIso: string, netCents: number, extra: Partial<ClosedTrade> = {}): ClosedTrade {
  const closedAtMs = Date.parse(closedAtIso);
  const position: PositionRecord = {
    id, signalId: 1, broker: 'paper', mode: 'paper', symbol: 'ES', assetClass: 'futures', side: 'long', qtyOpen: 0, qtyEntered: 1,
    avgEntry: '4750.25', stop: null, targets: [], targetsHit: 0, status: 'closed', realizedGrossCents: netCents + 124,
    commissionCents: 124, openedAtMs: closedAtMs - 60_000, updatedAtMs: closedAtMs, closedAtMs,
  };
  return { position, signalSource: 'discord', channelKind: 'futures', channelName: 'twi_futures', authorId: '1', authorName: 'jm', ...extra };
}

const TRADES = [
  trade('P1', '2025-02-27T15:00:00Z', 10_000), // last month
  trade('P2', '2025-03-07T15:00:00Z', -4_000), // this month, last week (Friday)
  trade('P3', '2025-03-10T04:30:00Z', 2_500), // Monday 00:30 New York: this week
  trade('P4', '2025-03-12T03:59:00Z', -1_000), // Tuesday 23:59 New York: not today
  trade('P5', '2025-03-12T14:00:00Z', 7_000), // today
];

function store(trades: ClosedTrade[], fills: StoredFill[] = []): ReportStore {
  return {
    closedTrades: (sinceMs) => Promise.resolve(trades.filter((t) => sinceMs === null || (t.position.closedAtMs ?? 0) >= sinceMs)),
    fillsOf: (ids) => Promise.resolve(fills.filter((f) => ids.includes(f.positionId))),
  };
}

const account = () => ({ realizedNetCents: 0, unrealizedCents: 1_250, equityCents: 0, openPositions: 1, unmarkedPositionIds: [] });

describe('pnlReport', () => {
  it.each([
    { period: 'today' as const, ids: ['P5'], before: 10_000 - 4_000 + 2_500 - 1_000 },
    { period: 'week' as const, ids: ['P3', 'P4', 'P5'], before: 10_000 - 4_000 },
    { period: 'month' as const, ids: ['P2', 'P3', 'P4', 'P5'], before: 10_000 },
    { period: 'all' as const, ids: ['P1', 'P2', 'P3', 'P4', 'P5'], before: 0 },
  ])('GIVEN trades around New York period edges WHEN the period is $period THEN it takes $ids and starts from the equity before them', async ({ period, ids, before }) => {
    const report = await pnlReport({ reports: store(TRADES), account }, { period, nowMs: NOW, timeZone: NY, startingBalanceCents: START });
    const inPeriod = TRADES.filter((t) => ids.includes(t.position.id));
    const net = inPeriod.reduce((n, t) => n + t.position.realizedGrossCents - t.position.commissionCents, 0);
    expect(report.closed.count).toBe(ids.length);
    expect(report.closed.realizedNetCents).toBe(net);
    expect(report.startEquityCents).toBe(START + before);
    expect(report.endEquityCents).toBe(START + before + net);
    expect(report.equity.map((p) => p.tradeId)).toEqual([null, ...ids]);
    expect(report.equity.at(-1)?.equityCents).toBe(report.endEquityCents);
    expect(report.daily.reduce((n, d) => n + d.netPnlCents, 0)).toBe(net);
    expect(report.account.unrealizedCents).toBe(1_250);
  });

  it('GIVEN the week WHEN bucketed by day THEN days are New York days', async () => {
    const report = await pnlReport({ reports: store(TRADES), account }, { period: 'week', nowMs: NOW, timeZone: NY, startingBalanceCents: START });
    expect(report.daily).toEqual([
      { date: '2025-03-10', netPnlCents: 2_500, tradeCount: 1 },
      { date: '2025-03-11', netPnlCents: -1_000, tradeCount: 1 },
      { date: '2025-03-12', netPnlCents: 7_000, tradeCount: 1 },
    ]);
  });
});

describe('tradeStats', () => {
  it('GIVEN trades from two authors and a TradingView signal WHEN measured THEN groups by channel kind and author, drawdown from the period start', async () => {
    const trades = [...TRADES, trade('P6', '2025-03-12T15:00:00Z', -500, { channelKind: 'tradingview', signalSource: 'tradingview', authorName: null, authorId: null })];
    const { report, startEquityCents } = await tradeStats(store(trades), { period: 'month', nowMs: NOW, timeZone: NY, startingBalanceCents: START });
    expect(startEquityCents).toBe(START + 10_000);
    expect(report.overall.tradeCount).toBe(5);
    expect(report.bySource.map((g) => [g.key, g.stats.tradeCount])).toEqual([['futures', 4], ['tradingview', 1]]);
    expect(report.byAuthor.map((g) => g.key)).toEqual(['(none)', 'jm']);
    expect(report.overall.drawdown.maxDrawdownCents).toBe(4_000);
  });
});

describe('CSV (RFC 4180)', () => {
  it.each([
    ['plain', 'plain'], ['a,b', '"a,b"'], ['say "hi"', '"say ""hi"""'], ['two\nlines', '"two\nlines"'], ['cr\r', '"cr\r"'], [null, ''], [-12.5, '-12.5'],
  ])('GIVEN %j WHEN written THEN %j', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it('GIVEN free text that a spreadsheet would run WHEN guarded THEN it gets a leading apostrophe; numbers are left alone', () => {
    expect(['=1+1', '+x', '-y', '@SUM(A1)', 'ok'].map(csvText)).toEqual(["'=1+1", "'+x", "'-y", "'@SUM(A1)", 'ok']);
    expect(csvDocument(['a', 'b'], [['-1.50', 2]])).toBe('a,b\r\n-1.50,2\r\n');
  });

  it('GIVEN a trade and its fills WHEN exported THEN cents become exact decimals and the fills sum to the trade', async () => {
    const t = trade('P9', '2025-03-12T14:00:00Z', 23_626, { authorName: '=HYPERLINK("x")' });
    const fill = (id: string, side: 'buy' | 'sell', price: string, realized: number): StoredFill => ({
      fillId: id, orderId: `O${id}`, positionId: 'P9', symbol: 'ES', side, qty: 1, price, priceSource: 'ask', reason: 'entry',
      targetIndex: side === 'sell' ? 0 : null, commissionCents: 62, realizedNetCents: realized, filledAtMs: 0, slippageTicks: 1,
    });
    const out = await exportTrades(store([t], [fill('F1', 'buy', '4750.25', -62), fill('F2', 'sell', '4755', 23_688)]),
      { period: 'all', nowMs: NOW, timeZone: NY, startingBalanceCents: START });
    const [header, row] = out.tradesCsv.split('\r\n');
    expect(header).toBe('trade_id,symbol,asset_class,side,qty,avg_entry,avg_exit,opened_at,closed_at,gross_pnl,commission,net_pnl,source,channel,author,signal_id,broker,mode');
    expect(row).toBe('P9,ES,futures,long,1,4750.25,4755,2025-03-12T13:59:00.000Z,2025-03-12T14:00:00.000Z,237.50,1.24,236.26,futures,twi_futures,"\'=HYPERLINK(""x"")",1,paper,paper');
    expect(out.fillsCsv.split('\r\n').slice(1, 3)).toEqual([
      'P9,F1,OF1,1970-01-01T00:00:00.000Z,ES,buy,1,4750.25,ask,entry,,1,0.62,-0.62',
      'P9,F2,OF2,1970-01-01T00:00:00.000Z,ES,sell,1,4755,ask,entry,T1,1,0.62,236.88',
    ]);
  });
});
