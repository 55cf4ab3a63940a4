import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, JMONEY, TRADER, eventually, startHarness, type Harness } from '../support/app-harness.js';
import { startQuoteServer, type QuoteServer } from '../support/quote-server.js';
import type { Json, StoredMessage } from '../support/discord-double/index.js';
import { runEndOfDay } from '../../src/app/trading/end-of-day.js';

type Field = { name: string; value: string };
const fieldsOf = (embed: Json | undefined): Record<string, string> =>
  Object.fromEntries(((embed?.fields as Field[] | undefined) ?? []).map((f) => [f.name, f.value]));
const titled = (prefix: string) => (m: StoredMessage) => String(m.embeds[0]?.title).startsWith(prefix);

/**
 * ES: tick 0.25 = $12.50. BASE_CONTRACTS=2 so T1 takes one contract and T2 the other.
 * Slippage 1 tick, commission $0.62 per contract per side (the defaults).
 */
describe('paper trading end to end: alert → fill → quotes → T1 → breakeven → T2 or stop', () => {
  let h: Harness;
  let feed: QuoteServer;
  let dataDir: string;

  beforeAll(async () => {
    feed = await startQuoteServer();
    dataDir = mkdtempSync(path.join(tmpdir(), 'ts-paper-'));
    h = await startHarness({ database: { url: null, dataDir }, env: { QUOTE_FEED_URL: feed.url, BASE_CONTRACTS: '2' } });
    await feed.waitForClient();
  });
  afterAll(async () => {
    await h.close();
    await feed.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function quote(bid: string, ask: string, symbol = 'ES'): Promise<void> {
    const before = h.app.feed?.received ?? 0;
    feed.send({ symbol, bid, ask });
    await eventually(() => ((h.app.feed?.received ?? 0) > before ? true : undefined));
    await h.app.desk.drain();
  }

  it('GIVEN a quote WHEN the alert arrives THEN the entry fills at the ask plus one tick, and the DM says so', async () => {
    await quote('4749.75', '4750.00');
    h.double.postMessage({ channel: 'twi_futures', author: JMONEY, content: 'ES LONG 4750 STOP 4745 T1 4755 T2 4760' });
    const dm = await h.double.waitForDm(ADMIN.id, titled('ES LONG 2 filled'));
    expect(fieldsOf(dm.embeds[0])).toMatchObject({ Quantity: '2', 'Fill price': '4750.25 (ask)', Stop: '4745', Targets: '4755 / 4760', Commission: '$1.24' });
  });

  it('WHEN the bid touches T1 THEN one contract exits at the target with its P&L, and the stop moves to breakeven', async () => {
    await quote('4755.00', '4755.25');
    const t1 = await h.double.waitForDm(ADMIN.id, titled('ES LONG · T1 hit'));
    // (4755 − 4750.25) = 19 ticks × $12.50 = $237.50, less this exit's $0.62.
    expect(fieldsOf(t1.embeds[0])).toMatchObject({ Exited: '1 @ 4755 (target)', Remaining: '1', 'This exit P&L': '+$236.88' });
    const moved = await h.double.waitForDm(ADMIN.id, titled('ES LONG · stop moved to breakeven'));
    expect(fieldsOf(moved.embeds[0])).toMatchObject({ From: '4745', To: '4750.25', Open: '1' });
    const [open] = (await h.app.control.status()).openPositions;
    expect(open).toMatchObject({ qtyOpen: 1, stop: '4750.25', targetsHit: 1 });
  });

  it('WHEN the process restarts THEN the position, its breakeven stop and T2 are rebuilt from the store', async () => {
    await h.restart();
    await feed.waitForClient();
    const [open] = (await h.app.control.status()).openPositions;
    expect(open).toMatchObject({ symbol: 'ES', qtyOpen: 1, stop: '4750.25', targetsHit: 1, targets: ['4755', '4760'] });
    expect(h.app.desk.paperEngine.bracket(open?.id ?? '')).toMatchObject({ stopMicros: 4_750_250_000, nextTargetIndex: 1 });
  });

  it('WHEN the bid reaches T2 THEN the rest exits, the position closes, and realized P&L is exact to the cent', async () => {
    await quote('4760.00', '4760.25');
    const t2 = await h.double.waitForDm(ADMIN.id, titled('ES LONG · T2 hit · closed'));
    // T2: 39 ticks × $12.50 = $487.50 − $0.62; position: $237.50 + $487.50 − 4 × $0.62 = $722.52.
    expect(fieldsOf(t2.embeds[0])).toMatchObject({ 'This exit P&L': '+$486.88', 'Position realized P&L': '+$722.52', Remaining: '0' });
    expect((await h.app.control.status()).openPositions).toEqual([]);
    expect(h.app.desk.account()).toMatchObject({ realizedNetCents: 72_252, equityCents: 2_500_000 + 72_252, unrealizedCents: 0 });
  });

  it('GIVEN a second trade past T1 WHEN the market gaps through the breakeven stop THEN it fills at the first quote beyond, not at the stop', async () => {
    await quote('4799.75', '4800.00');
    h.double.postMessage({ channel: 'twi_futures', author: JMONEY, content: 'ES LONG 4800 STOP 4795 T1 4805 T2 4810' });
    await h.double.waitForDm(ADMIN.id, titled('ES LONG 2 filled'));
    await quote('4805.00', '4805.25');
    await h.double.waitForDm(ADMIN.id, (m) => titled('ES LONG · T1 hit')(m) && fieldsOf(m.embeds[0]).Exited === '1 @ 4805 (target)');
    await quote('4797.00', '4797.25');
    const stopped = await h.double.waitForDm(ADMIN.id, titled('ES LONG · Stopped out · closed'));
    // The stop sat at 4800.25; the first bid at or beyond it was 4797, less one tick of slippage.
    expect(fieldsOf(stopped.embeds[0])).toMatchObject({ Exited: '1 @ 4796.75 (bid)', 'This exit P&L': '-$175.62' });
  });

  it('GIVEN the feed drops WHEN it comes back THEN the bot reconnects and quotes flow again', async () => {
    const connects = h.app.feed?.connects ?? 0;
    feed.dropAll();
    await eventually(() => ((h.app.feed?.connects ?? 0) > connects ? true : undefined), 10_000, 'a reconnect');
    await feed.waitForClient();
    await quote('4801.00', '4801.25');
    expect(h.app.desk.paperEngine.latestQuote('ES')).toMatchObject({ bidMicros: 4_801_000_000 });
    const health = await (await fetch(`http://127.0.0.1:${h.app.httpPort}/healthz`)).json() as Record<string, Json>;
    expect(health.quoteFeed).toMatchObject({ state: 'connected' });
  });

  it('GIVEN an open trade WHEN the feed sends quotes stamped in year 275760 and 2099 THEN the bot lives on, and the next real quote through the stop still stops it out', async () => {
    h.double.postMessage({ channel: 'twi_futures', author: JMONEY, content: 'ES LONG 4801 STOP 4790 T1 4830' });
    await h.double.waitForDm(ADMIN.id, (m) => titled('ES LONG 2 filled')(m) && fieldsOf(m.embeds[0]).Stop === '4790');
    const before = h.app.feed?.received ?? 0;
    feed.send({ symbol: 'ES', bid: '4802.00', ask: '4802.25', ts: '+275760-09-13T00:00:00.000Z' });
    feed.send({ symbol: 'ES', bid: '4803.00', ask: '4803.25', ts: '2099-01-01T00:00:00Z' });
    await eventually(() => ((h.app.feed?.received ?? 0) >= before + 2 ? true : undefined));
    await quote('4788.00', '4788.25');
    const stopped = await h.double.waitForDm(ADMIN.id, (m) => titled('ES LONG · Stopped out · closed')(m)
      && fieldsOf(m.embeds[0]).Exited === '2 @ 4787.75 (bid)');
    expect(stopped).toBeDefined();
    expect((await h.app.control.status()).openPositions).toEqual([]);
  });

  it('GIVEN a winner and a loser WHEN the end-of-day routine closes losers THEN the loser is closed, the winner held, and admins get one report', async () => {
    await quote('4800.00', '4800.25');
    await quote('2050.00', '2050.10', 'RTY');
    h.double.postMessage({ channel: 'twi_futures', author: JMONEY, content: 'ES LONG 4800.25 STOP 4780' });
    h.double.postMessage({ channel: 'twi_futures', author: JMONEY, content: 'RTY SHORT 2050 STOP 2070' });
    await h.double.waitForDm(ADMIN.id, titled('RTY SHORT 2 filled'));
    await quote('4810.00', '4810.25');
    await quote('2052.00', '2052.10', 'RTY');
    const report = await runEndOfDay(h.app.desk, h.app.desk.notifier, 'close_losers');
    expect(report.closed.map((c) => c.position.symbol)).toEqual(['RTY']);
    expect(report.held.map((p) => p.symbol)).toEqual(['ES']);
    const dm = await h.double.waitForDm(ADMIN.id, titled('End of day (close losers)'));
    expect(fieldsOf(dm.embeds[0])['Held overnight']).toBe('ES long 2');
    expect(fieldsOf(dm.embeds[0]).Closed).toContain('RTY short 2 @ 2052.2');
  });

  it('GIVEN a webhook link WHEN TradingView posts a quote message and then an alert THEN the engine prices the entry from that quote', async () => {
    const created = await h.double.runCommand({ name: 'webhook', subcommand: 'create', options: { name: 'quotes' }, user: ADMIN }).response();
    const url = /```\n(\S+)\n```/.exec(String(created.embeds[0]?.description))?.[1] ?? '';
    const local = `http://127.0.0.1:${h.app.httpPort}${new URL(url).pathname}`;
    const quoteRes = await fetch(local, { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'quote', ticker: 'MNQ1!', bid: '17000.25', ask: '17000.50', time: new Date().toISOString() }) });
    expect(quoteRes.status).toBe(200);
    expect(h.app.desk.paperEngine.latestQuote('MNQ')).toMatchObject({ bidMicros: 17_000_250_000, askMicros: 17_000_500_000 });
    const alertRes = await fetch(local, { method: 'POST', headers: { 'content-type': 'text/plain' },
      body: '{"ticker":"MNQ1!","action":"sell","contracts":1,"stop":"17050","id":"tv-1"}' });
    expect(alertRes.status).toBe(200);
    const dm = await h.double.waitForDm(ADMIN.id, titled('MNQ SHORT 1 filled'));
    // A sell hits the bid (17000.25) less one tick.
    expect(fieldsOf(dm.embeds[0])).toMatchObject({ 'Fill price': '17000 (bid)', Stop: '17050' });
  });

  it('GIVEN anyone WHEN they list positions THEN only what is still open shows', async () => {
    const reply = await h.double.runCommand({ name: 'positions', user: TRADER }).response();
    const text = Object.entries(fieldsOf(reply.embeds[0])).map(([name, value]) => `${name}\n${value}`).join('\n');
    expect(text).toMatch(/ES LONG 2\nentry 4800\.5 · mark 4810 \(bid\)/);
    expect(text).not.toContain('RTY');
  });
});
