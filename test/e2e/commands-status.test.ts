import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JMONEY, TRADER, eventually, healthUrl, startHarness, type Harness } from '../support/app-harness.js';
import { startQuoteServer, type QuoteServer } from '../support/quote-server.js';
import { fieldsOf, TradingSession } from '../support/trading-session.js';

/** /status through the Discord double: the same components /healthz names, with the quote feed's age. */
describe('/status end to end', () => {
  let h: Harness;
  let feed: QuoteServer;
  let session: TradingSession;

  beforeAll(async () => {
    feed = await startQuoteServer();
    h = await startHarness({ env: { QUOTE_FEED_URL: feed.url } });
    await feed.waitForClient();
    session = new TradingSession(h, feed);
  });
  afterAll(async () => {
    await h.close();
    await feed.close().catch(() => undefined);
  });

  it('GIVEN a healthy bot with a live feed WHEN anyone runs /status THEN every component is shown, within the 3-second window', async () => {
    await session.quote('ES', '4749.75', '4750.00');
    await session.open('ES LONG 4750 STOP 4745 T1 4755 T2 4760');
    const reply = await h.double.runCommand({ name: 'status', user: TRADER }).response();
    expect(reply.ackMs).toBeLessThan(3000);
    expect(reply.ephemeral).toBe(false);
    const embed = reply.embeds[0];
    expect(embed?.title).toBe('TradeStream status · all systems go');
    const fields = fieldsOf(embed);
    expect(fields.Discord).toMatch(/^🟢 connected/);
    expect(fields.Database).toBe('🟢 ok · pglite');
    expect(fields.Brokers).toBe('🟢 ok · paper ok');
    expect(fields['Quote feed']).toMatch(/^🟢 connected · last quote \d+s ago · 1 received$/);
    expect(fields).toMatchObject({ Mode: 'paper', 'Pending signals': '0', 'Alerts today': '1', 'Open positions': '1' });
    expect(fields.Bot).toMatch(/^🟢 running · up \d+/);
  });

  it('GIVEN /healthz WHEN compared with /status THEN they name the same components (one report, two transports)', async () => {
    const health = await (await fetch(healthUrl(h.app))).json() as Record<string, { state: string; lastQuoteAgeMs?: number }>;
    expect(health.quoteFeed?.state).toBe('connected');
    expect(typeof health.quoteFeed?.lastQuoteAgeMs).toBe('number');
    const reply = await h.double.runCommand({ name: 'status', user: TRADER }).response();
    expect(String(reply.embeds[0]?.footer && (reply.embeds[0].footer as { text: string }).text))
      .toBe('Same report as GET /healthz (Discord, Database, Brokers, Quote feed, Bot, Mode)');
  });

  it('GIVEN the quote feed goes away WHEN /status is run THEN the title says to check it and the feed shows reconnecting', async () => {
    await feed.close();
    await eventually(() => (h.app.feed?.state === 'reconnecting' ? true : undefined), 5000, 'the feed to notice');
    const reply = await h.double.runCommand({ name: 'status', user: JMONEY }).response();
    expect(reply.embeds[0]?.title).toBe('TradeStream status · check Quote feed');
    expect(fieldsOf(reply.embeds[0])['Quote feed']).toMatch(/^🟠 reconnecting · last quote \d+s ago/);
  });

  it('GIVEN the bot is stopped WHEN /status is run THEN the bot shows stopped (a deliberate state, not a fault)', async () => {
    await h.app.control.stop({ userId: '100000000000000001', userName: 'admin', roleIds: [], interactionId: null });
    const reply = await h.double.runCommand({ name: 'status', user: TRADER }).response();
    expect(fieldsOf(reply.embeds[0]).Bot).toBe('⏸️ stopped');
    expect(reply.embeds[0]?.title).toBe('TradeStream status · check Quote feed');
  });
});
