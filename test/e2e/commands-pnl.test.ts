import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRADER, type Harness } from '../support/app-harness.js';
import { PNG, startQuickChartDouble, type QuickChartDouble } from '../support/quickchart-double.js';
import { fieldsOf, TradingSession } from '../support/trading-session.js';
import { chartSeries } from '../../src/adapters/charts/index.js';
import { addDays, formatLocalDate, localDateOf, startOfLocalDayMs } from '../../src/domain/analytics/index.js';
import { formatUsd } from '../../src/domain/trading/money.js';

const signed = (cents: number): string => (cents > 0 ? `+${formatUsd(cents)}` : formatUsd(cents));
const START_CENTS = 2_500_000;

/**
 * The bot runs on the real clock, and "today" is New York's day: trades made just before New York
 * midnight would be yesterday's by the time /pnl reads them. A run starting in the last two
 * minutes of a New York day waits for the next one (the suite takes well under that).
 */
async function clearOfNewYorkMidnight(): Promise<void> {
  const now = Date.now();
  const nextMidnight = startOfLocalDayMs('America/New_York', addDays(localDateOf('America/New_York', now), 1));
  if (nextMidnight - now < 120_000) await new Promise((r) => setTimeout(r, nextMidnight - now + 1_000));
}

/**
 * /pnl through the Discord double, with trades made by real alerts and quotes, and the charts
 * drawn by a QuickChart double on 127.0.0.1. BASE_CONTRACTS=2; ES tick $12.50, NQ tick $5.
 */
describe('/pnl end to end: realized and unrealized P&L, equity and daily charts, and no chart service', () => {
  let h: Harness;
  let charts: QuickChartDouble;
  let s: TradingSession;

  beforeAll(async () => {
    await clearOfNewYorkMidnight();
    charts = await startQuickChartDouble();
    s = await TradingSession.start({ QUICKCHART_HOST: charts.host, BASE_CONTRACTS: '2', DUPLICATE_WINDOW_SECONDS: '0' });
    ({ h } = s);
    // 1: ES long 2 from 4750.25 → T1 4755 (1) and T2 4760 (1): +$722.52 net.
    await s.quote('ES', '4749.75', '4750.00');
    await s.open('ES LONG 4750 STOP 4745 T1 4755 T2 4760');
    await s.quote('ES', '4755.00', '4755.25');
    await s.quote('ES', '4760.00', '4760.25');
    // 2: NQ short 2 from 16249.75, stopped when the ask jumps to 16280.25 (fills 16280.5).
    await s.quote('NQ', '16250.00', '16250.25');
    await s.open('NQ SHORT 16250 STOP 16275');
    await s.quote('NQ', '16280.00', '16280.25');
    // 3: ES long 2 from 4760.50 → T1 4765 then the breakeven stop.
    await s.open('ES LONG 4760.25 STOP 4750 T1 4765 T2 4780');
    await s.quote('ES', '4765.00', '4765.25');
    await s.quote('ES', '4760.00', '4760.25');
    // Open: ES long 2 from 4760.50, marked at the bid.
    await s.open('ES LONG 4760.25 STOP 4740');
    await s.quote('ES', '4762.00', '4762.25');
    await h.app.desk.drain();
  }, 180_000); // may wait out New York midnight
  afterAll(async () => {
    await s.close();
    await charts.close().catch(() => undefined);
  });

  it('GIVEN three closed trades and one open WHEN /pnl is run THEN the embed carries realized, unrealized and equity, with both charts attached', async () => {
    const closed = await s.closedNet();
    expect(closed).toHaveLength(3);
    expect(closed[0]?.netCents).toBe(72_252);
    const realized = closed.reduce((n, t) => n + t.netCents, 0);
    const account = h.app.desk.account();
    // 4762 − 4760.50 = 6 ticks × $12.50 × 2.
    expect(account.unrealizedCents).toBe(15_000);

    const reply = await h.double.runCommand({ name: 'pnl', user: TRADER }).response(8000);
    expect(reply.ackMs).toBeLessThan(3000);
    const [main, daily] = reply.embeds;
    expect(main?.title).toBe('P&L · Today');
    expect(fieldsOf(main)).toMatchObject({
      'Realized (closed trades)': `**${signed(realized)}**`,
      Trades: `3 · ${closed.filter((t) => t.netCents > 0).length}W ${closed.filter((t) => t.netCents < 0).length}L`,
      'Unrealized (open now)': '**+$150.00** · 1 open',
      'Equity over the period': `$25,000.00 → ${formatUsd(START_CENTS + realized)}`,
      'Account equity now': formatUsd(account.equityCents),
    });
    expect(main?.image).toMatchObject({ url: 'attachment://equity.png' });
    expect(daily).toMatchObject({ title: 'Daily P&L', image: { url: 'attachment://daily.png' } });
    expect(reply.attachments.map((a) => a.name).sort()).toEqual(['daily.png', 'equity.png']);
    for (const a of reply.attachments) expect(a.data.equals(PNG)).toBe(true);
  });

  it('GIVEN the charts WHEN QuickChart was asked to draw them THEN the series are exactly the P&L in the store', async () => {
    const closed = await s.closedNet();
    const today = formatLocalDate(localDateOf('America/New_York', Date.now()));
    const requests = charts.requests.slice(-2);
    expect(requests.map((r) => r.method)).toEqual(['POST', 'POST']);
    const line = requests.find((r) => (r.chart as { type: string }).type === 'line');
    const bar = requests.find((r) => (r.chart as { type: string }).type === 'bar');
    let equity = START_CENTS;
    const expectedEquity = [START_CENTS, ...closed.map((t) => (equity += t.netCents))];
    expect(chartSeries(line?.chart).data.map((dollars) => Math.round(dollars * 100))).toEqual(expectedEquity);
    // The curve starts at the period's start: midnight in New York today.
    expect(chartSeries(line?.chart).labels[0]).toBe(`${today.slice(5)} 00:00`);
    expect(chartSeries(bar?.chart)).toEqual({ labels: [today], data: [closed.reduce((n, t) => n + t.netCents, 0) / 100] });
    expect(line?.body).toMatchObject({ format: 'png', width: 800, height: 400 });
  });

  it('GIVEN period:all WHEN /pnl is run THEN the same trades, described as all time', async () => {
    const reply = await h.double.runCommand({ name: 'pnl', user: TRADER, options: { period: 'all' } }).response(8000);
    expect(reply.embeds[0]).toMatchObject({ title: 'P&L · All time', description: 'Every closed trade.' });
    expect(fieldsOf(reply.embeds[0]).Trades).toMatch(/^3 · /);
  });

  it('GIVEN the period option WHEN typed THEN it autocompletes the four periods, and anything else is refused privately', async () => {
    expect(await h.double.autocomplete({ name: 'pnl', focused: 'period', options: { period: 'w' }, user: TRADER }))
      .toEqual([{ name: 'week — This week', value: 'week' }]);
    expect(await h.double.autocomplete({ name: 'pnl', focused: 'period', options: { period: '' }, user: TRADER })).toHaveLength(4);
    const bad = await h.double.runCommand({ name: 'pnl', user: TRADER, options: { period: 'yesterday' } }).response();
    expect(bad).toMatchObject({ ephemeral: true, content: '⚠️ Unknown period "yesterday": use today, week, month, all.' });
  });

  it('GIVEN the chart service cannot be reached WHEN /pnl is run THEN the figures still come, with a note and no images', async () => {
    await charts.close();
    const before = charts.requests.length;
    const reply = await h.double.runCommand({ name: 'pnl', user: TRADER }).response(8000);
    expect(reply.ackMs).toBeLessThan(3000);
    expect(reply.embeds).toHaveLength(1);
    const fields = fieldsOf(reply.embeds[0]);
    expect(fields['Realized (closed trades)']).toMatch(/^\*\*[+-]\$/);
    expect(fields['Unrealized (open now)']).toBe('**+$150.00** · 1 open');
    expect(fields.Charts).toMatch(/^⚠️ Chart unavailable \(the chart service could not be reached: .*ECONNREFUSED.*\)\. The figures above come from the trade journal\.$/);
    expect(reply.embeds[0]?.image).toBeUndefined();
    expect(reply.attachments).toEqual([]);
    expect(charts.requests.length).toBe(before);
  });
});
