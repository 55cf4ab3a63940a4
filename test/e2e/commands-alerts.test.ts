import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JMONEY, TRADER, eventually, type Harness } from '../support/app-harness.js';
import type { QuoteServer } from '../support/quote-server.js';
import { button, embedChars, fieldList, TradingSession } from '../support/trading-session.js';
import { SignalRepository } from '../../src/adapters/store/signal-repo.js';

const CHATTER = ['ES looking strong today', 'who is long?', 'good morning everyone', 'NQ is ripping', 'What a day lol', 'market is flat'];

/** /alerts through the Discord double: what the bot made of each message, newest first, paged. */
describe('/alerts end to end', () => {
  let h: Harness;
  let feed: QuoteServer;

  beforeAll(async () => {
    const s = await TradingSession.start({ MAX_CONTRACTS_PER_TRADE: '2' });
    ({ h, feed } = s);
    await s.quote('ES', '4749.75', '4750.00');
    await s.open('ES LONG 4750 STOP 4745 T1 4755 T2 4760');
    h.double.postMessage({ channel: 'twi_futures', author: JMONEY, content: '🚨 ES long 4750: A\nStop: 4745' });
    h.double.postMessage({ channel: 'twi_options', author: JMONEY, content: 'BTO SPY 480C @ 2.5' });
    for (const text of CHATTER) h.double.postMessage({ channel: 'twi_futures', author: TRADER, content: text });
    const signals = new SignalRepository(h.app.database.db, Date.now);
    await eventually(async () => {
      const all = await signals.recent(100);
      return all.length === 9 && all.every((x) => x.status !== 'received') ? true : undefined;
    }, 10_000, 'every signal decided');
  });
  afterAll(async () => {
    await h.close();
    await feed.close();
  });

  it('GIVEN nine signals WHEN /alerts is run THEN page 1 shows the newest 8 with status, parse, confidence and reason, and ▶ the oldest', async () => {
    const reply = await h.double.runCommand({ name: 'alerts', user: TRADER }).response();
    expect(reply.ackMs).toBeLessThan(3000);
    const embed = reply.embeds[0];
    expect(embed).toMatchObject({ title: 'Recent alerts', description: 'The last 9 signals, newest first.' });
    expect(embedChars(embed ?? {})).toBeLessThanOrEqual(6000);
    const fields = fieldList(embed);
    expect(fields).toHaveLength(8);
    expect(fields[0]?.name).toMatch(/^💬 #9 · #twi_futures · not_alert$/);
    expect(fields[0]?.value).toMatch(/^> market is flat\nnot an alert: NOT_AN_ALERT · confidence 0\.00\nreason: NOT_AN_ALERT — /);
    const review = fields.find((f) => f.name.includes('#twi_options'));
    expect(review?.name).toMatch(/^🟡 #\d+ · #twi_options · needs_review$/);
    expect(review?.value).toContain('parse: open long SPY (no expiry) 480 call @ 2.5 · confidence 0.30\nreason: LOW_CONFIDENCE — ');
    const rejected = fields.find((f) => f.name.includes('rejected'));
    expect(rejected?.name).toBe('⛔ #2 · #twi_futures · rejected');
    expect(rejected?.value).toContain('> 🚨 ES long 4750: A\n> Stop: 4745\nparse: open ES LONG entry 4750 stop 4745 size A · confidence');
    expect(rejected?.value).toContain('reason: MAX_CONTRACTS_PER_TRADE — 3 contracts exceeds the limit of 2 per trade');
    expect(rejected?.value).toMatch(/by twi_jmoney · <t:\d+:R> · \[message\]\(https:\/\/discord\.com\/channels\//);

    const next = button(reply.components, '▶');
    expect(next?.custom_id).toBe('alerts:page:1::25');
    const page2 = await h.double.clickButton({ message: reply, customId: String(next?.custom_id), user: TRADER }).response();
    const last = fieldList(page2.embeds[0]);
    expect(last).toHaveLength(1);
    expect(last[0]?.name).toBe('✅ #1 · #twi_futures · executed');
    expect(last[0]?.value).toContain('parse: open ES LONG entry 4750 stop 4745 targets 4755/4760 · confidence');
    expect(String((page2.embeds[0]?.footer as { text: string }).text)).toBe('Page 2 of 2');
  });

  it('GIVEN channel and limit WHEN /alerts channel:options or limit:2 is run THEN only those show, on one page', async () => {
    const options = await h.double.runCommand({ name: 'alerts', user: TRADER, options: { channel: 'options' } }).response();
    expect(options.embeds[0]?.title).toBe('Recent alerts · options');
    expect(fieldList(options.embeds[0]).map((f) => f.name)).toEqual([expect.stringMatching(/#twi_options · needs_review$/)]);
    expect(options.components).toEqual([]);
    const two = await h.double.runCommand({ name: 'alerts', user: TRADER, options: { limit: 2 } }).response();
    expect(fieldList(two.embeds[0]).map((f) => f.name)).toEqual(['💬 #9 · #twi_futures · not_alert', '💬 #8 · #twi_futures · not_alert']);
  });
});
