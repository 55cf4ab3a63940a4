import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, JMONEY, TRADER, type Harness } from '../support/app-harness.js';
import { button, fieldsOf, TradingSession } from '../support/trading-session.js';
import { realizedNetOf, type PositionRecord } from '../../src/app/ports.js';
import { ReportRepository } from '../../src/adapters/store/report-repo.js';
import { centsToDecimal } from '../../src/domain/trading/money.js';
import { civilFromDays, monthlyExpiry as monthlyExpiryDays } from '../../src/domain/alerts/calendar.js';

/** An author whose display name needs RFC 4180 quoting. */
const QUOTED = { id: '100000000000000009', username: 'Jay "JMoney", Jr.' };

/** M/D of the standard monthly expiry about two months ahead: a trading day, a day early on a holiday Friday. */
function monthlyExpiry(nowMs: number): string {
  const { m, d } = civilFromDays(monthlyExpiryDays(Math.floor(nowMs / 86_400_000) + 60));
  return `${m}/${d}`;
}

/** A strict RFC 4180 reader: CRLF records, quoted fields with doubled quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i += 1; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell); rows.push(row); row = []; cell = ''; i += 1;
    } else cell += c;
  }
  expect(cell).toBe('');
  return rows;
}

function records(text: string): Record<string, string>[] {
  const [header = [], ...rows] = parseCsv(text);
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

/**
 * /stats and /export through the Discord double. Trades: futures from two authors and an option,
 * made by real alerts and quotes; the option is closed with /close. BASE_CONTRACTS=1.
 */
describe('/stats and /export trades end to end', () => {
  let h: Harness;
  let s: TradingSession;
  let option: PositionRecord;

  beforeAll(async () => {
    s = await TradingSession.start({ DUPLICATE_WINDOW_SECONDS: '0' });
    ({ h } = s);
    await s.quote('ES', '4749.75', '4750.00');
    await s.open('ES LONG 4750 STOP 4745 T1 4755', { author: JMONEY }); // +19 ticks × $12.50 − $1.24 = +$236.26
    await s.quote('ES', '4755.00', '4755.25');
    await s.quote('NQ', '16250.00', '16250.25');
    await s.open('NQ LONG 16250.25 STOP 16240', { author: JMONEY }); // stopped: fills at the bid − 1 tick
    await s.quote('NQ', '16239.00', '16239.25');
    await s.quote('MES', '4999.75', '5000.00');
    await s.open('MES LONG 5000 STOP 4990 T1 5010', { author: QUOTED }); // +39 ticks × $1.25 − $1.24 = +$47.51
    await s.quote('MES', '5010.00', '5010.25');
    option = await s.open(`BTO SPY 480C ${monthlyExpiry(Date.now())} @ 2.50`, { channel: 'twi_options', author: JMONEY });
    await s.quote(option.symbol, '3.00', '3.10');
    const prompt = await h.double.runCommand({ name: 'close', user: ADMIN, options: { symbol: 'SPY' } }).response();
    await h.double.clickButton({ message: prompt, customId: String(button(prompt.components, 'Confirm close (1)')?.custom_id), user: ADMIN }).response();
    await h.app.desk.drain();
  });
  afterAll(async () => {
    await s.close();
  });

  it('GIVEN four closed trades WHEN /stats is run THEN the headline figures match the store', async () => {
    const closed = await s.closedNet();
    expect(closed).toHaveLength(4);
    expect(closed.slice(0, 3).map((t) => t.netCents)).toEqual([23_626, expect.any(Number), 4_751]);
    const nets = closed.map((t) => t.netCents);
    const wins = nets.filter((n) => n > 0);
    const losses = nets.filter((n) => n < 0);
    expect([wins.length, losses.length]).toEqual([3, 1]);
    const reply = await h.double.runCommand({ name: 'stats', user: TRADER }).response();
    expect(reply.ackMs).toBeLessThan(3000);
    const fields = fieldsOf(reply.embeds[0]);
    expect(reply.embeds[0]?.title).toBe('Trade stats · All time');
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(fields).toMatchObject({
      Trades: '4 (3W · 1L · 0 BE)', 'Win rate': '75.0%', 'Net P&L': `+$${centsToDecimal(sum(nets))}`,
      'Profit factor': (sum(wins) / -sum(losses)).toFixed(2), 'Average loss': `-$${centsToDecimal(-sum(losses))}`,
      Expectancy: `+$${centsToDecimal(Math.round(sum(nets) / 4))} / trade`, Sharpe: '—', Sortino: '—',
      'Max drawdown': `$${centsToDecimal(-losses[0]!)} (${((-losses[0]! / (2_500_000 + 23_626)) * 100).toFixed(2)}%)`,
      'Recovery factor': (sum(nets) / -losses[0]!).toFixed(2),
    });
  });

  it('GIVEN trades from two channels and two authors WHEN /stats is run THEN it breaks them down by asset class, source channel and author', async () => {
    const fields = fieldsOf((await h.double.runCommand({ name: 'stats', user: TRADER, options: { period: 'today' } }).response()).embeds[0]);
    expect(fields['By asset class']?.split('\n')).toEqual([
      expect.stringMatching(/^\*\*futures\*\* · 3 trades · 66\.7% win · \+\$[\d.,]+ · PF \d+\.\d\d$/),
      expect.stringMatching(/^\*\*option\*\* · 1 trades · 100\.0% win · \+\$[\d.,]+ · PF —$/),
    ]);
    expect(fields['By source channel']?.split('\n')).toEqual([
      expect.stringMatching(/^\*\*futures\*\* · 3 trades/), expect.stringMatching(/^\*\*options\*\* · 1 trades/),
    ]);
    expect(fields['By alert author']?.split('\n')).toEqual([
      '**Jay "JMoney", Jr.** · 1 trades · 100.0% win · +$47.51 · PF —',
      expect.stringMatching(/^\*\*twi_jmoney\*\* · 3 trades · 66\.7% win/),
    ]);
  });

  it('GIVEN /export trades WHEN run THEN a private reply carries RFC 4180 CSVs of every closed trade and fill, exact to the cent', async () => {
    const reply = await h.double.runCommand({ name: 'export', subcommand: 'trades', user: TRADER }).response();
    expect(reply.ephemeral).toBe(true);
    expect(reply.embeds[0]?.title).toBe('Trade export · All time');
    expect(String(reply.embeds[0]?.description)).toMatch(/^4 closed trades and 8 fills/);
    const files = Object.fromEntries(reply.attachments.map((a) => [a.name, a]));
    expect(Object.keys(files).sort()).toEqual(['fills-all.csv', 'trades-all.csv']);
    const tradesText = files['trades-all.csv']?.data.toString('utf8') ?? '';
    expect(tradesText.endsWith('\r\n')).toBe(true);
    expect(tradesText).toContain(',"Jay ""JMoney"", Jr.",');

    const stored = await new ReportRepository(h.app.database.db).closedTrades(null);
    const trades = records(tradesText);
    expect(trades.map((t) => t.trade_id)).toEqual(stored.map((t) => t.position.id));
    for (const [i, t] of trades.entries()) {
      const p = stored[i]!.position;
      expect(t).toMatchObject({
        symbol: p.symbol, side: p.side, qty: String(p.qtyEntered), avg_entry: p.avgEntry, net_pnl: centsToDecimal(realizedNetOf(p)),
        gross_pnl: centsToDecimal(p.realizedGrossCents), commission: centsToDecimal(p.commissionCents),
        closed_at: new Date(p.closedAtMs ?? 0).toISOString(), broker: 'paper', mode: 'paper',
      });
    }
    expect(trades[0]).toMatchObject({ asset_class: 'futures', source: 'futures', channel: 'twi_futures', author: 'twi_jmoney', avg_exit: '4755', net_pnl: '236.26' });
    expect(trades[2]).toMatchObject({ author: 'Jay "JMoney", Jr.', net_pnl: '47.51', avg_entry: '5000.25', avg_exit: '5010' });
    expect(trades[3]).toMatchObject({ asset_class: 'option', source: 'options', channel: 'twi_options', symbol: option.symbol, avg_exit: '2.99' });

    const fills = records(files['fills-all.csv']?.data.toString('utf8') ?? '');
    expect(fills).toHaveLength(8);
    for (const t of trades) {
      const own = fills.filter((f) => f.trade_id === t.trade_id);
      const realizedCents = own.reduce((n, f) => n + Math.round(Number(f.realized_net) * 100), 0);
      expect(centsToDecimal(realizedCents)).toBe(t.net_pnl);
    }
    expect(fills.filter((f) => f.trade_id === trades[0]?.trade_id)).toEqual([
      expect.objectContaining({ side: 'buy', qty: '1', price: '4750.25', price_source: 'ask', reason: 'entry', commission: '0.62', realized_net: '-0.62', slippage_ticks: '1' }),
      expect.objectContaining({ side: 'sell', qty: '1', price: '4755', price_source: 'target', reason: 'target', target: 'T1', realized_net: '236.88' }),
    ]);
  });

  it('GIVEN an open position WHEN exported THEN it is not a closed trade; period:week autocompletes and exports the same', async () => {
    await s.quote('ES', '4755.00', '4755.25');
    await s.open('ES LONG 4755.25 STOP 4745');
    expect(await h.double.autocomplete({ name: 'export', subcommand: 'trades', focused: 'period', options: { period: 'we' }, user: TRADER }))
      .toEqual([{ name: 'week — This week', value: 'week' }]);
    const reply = await h.double.runCommand({ name: 'export', subcommand: 'trades', user: TRADER, options: { period: 'week' } }).response();
    const file = reply.attachments.find((a) => a.name === 'trades-week.csv');
    expect(records(file?.data.toString('utf8') ?? '')).toHaveLength(4);
  });
});
