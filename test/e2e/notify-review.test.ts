import schedule from 'node-schedule';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, ADMIN_ROLE_ID, JMONEY, ROLE_ADMIN, TRADER, startHarness, type Harness } from '../support/app-harness.js';
import { auditTrail, buttonIds, expectEmbedsWithinLimits, fieldsOf, signalOf, titled } from '../support/control-helpers.js';
import type { StoredMessage } from '../support/discord-double/index.js';
import { createStores } from '../../src/adapters/store/index.js';
import { sendDailySummary } from '../../src/app/summary/daily-summary.js';

/** BASE_CONTRACTS=2 so T1 is a partial exit (and size A, 6 contracts, is over the limit of 4); quotes go straight to the desk. */
describe('trade DMs to subscribers, alert reviews and the daily summary, end to end', () => {
  let h: Harness;
  let skewMs = 0;
  const clock = { nowMs: () => Date.now() + skewMs };
  const quote = async (symbol: string, bid: string, ask: string) => {
    h.app.desk.push({ symbol, bid, ask, last: null, ts: new Date(clock.nowMs()).toISOString() });
    await h.app.desk.drain();
  };
  const titles = (userId: string) => h.double.dmsTo(userId).map((m) => String(m.embeds[0]?.title));
  const reviewDm = (userId: string, text: string) =>
    h.double.waitForDm(userId, (m) => String(m.embeds[0]?.title).endsWith('needs review') && String(m.embeds[0]?.description).includes(text));
  const press = (message: StoredMessage, verb: 'approve' | 'reject', user = ADMIN) =>
    h.double.clickButton({ message, customId: buttonIds(message).find((id) => id.startsWith(`review:${verb}:`)) ?? '', user });
  const tradeDm = (prefix: string) => h.double.waitForDm(TRADER.id, titled(prefix)).catch((e: unknown) => {
    throw new Error(`${String(e)}: the trader got ${JSON.stringify(titles(TRADER.id))}`);
  });
  const openCount = async () => (await h.app.control.status()).openPositions.length;

  beforeAll(async () => {
    h = await startHarness({ clock, env: { BASE_CONTRACTS: '2', MAX_CONTRACTS_PER_TRADE: '4', DAILY_SUMMARY_TIME: '16:15', DAILY_SUMMARY_TIME_ZONE: 'America/Chicago' } });
  });
  afterAll(async () => {
    expectEmbedsWithinLimits(h);
    await h.close();
  });

  it('GIVEN nobody chose WHEN they ask /notify status THEN admins get trade DMs by default and others do not', async () => {
    const admin = await h.double.runCommand({ name: 'notify', subcommand: 'status', user: ADMIN }).response();
    expect(admin.ephemeral).toBe(true);
    expect(admin.content).toContain('You get trade confirmations by DM: you are an admin');
    const trader = await h.double.runCommand({ name: 'notify', subcommand: 'status', user: TRADER, dm: true }).response();
    expect(trader.content).toContain('You do not get trade confirmations by DM: you have not turned them on');
  });

  it('GIVEN a trader subscribed and the admin opted out WHEN a trade runs entry → T1 → T2 THEN only the trader gets each confirmation', async () => {
    const on = await h.double.runCommand({ name: 'notify', subcommand: 'on', user: TRADER }).response();
    expect(on.content).toContain('🔔 You will get trade confirmations by DM.');
    const off = await h.double.runCommand({ name: 'notify', subcommand: 'off', user: ADMIN }).response();
    expect(off.content).toBe('🔕 You will not get trade confirmations by DM.');
    await quote('ES', '4749.75', '4750.00');
    h.double.postMessage({ channel: 'twi_futures', author: JMONEY, content: 'ES LONG 4750 STOP 4745 T1 4755 T2 4760' });
    const entry = await tradeDm('ES LONG 2 filled');
    expect(fieldsOf(entry.embeds[0])).toMatchObject({ Quantity: '2', 'Fill price': '4750.25 (ask)', Stop: '4745' });
    await quote('ES', '4755.00', '4755.25');
    const t1 = await tradeDm('ES LONG · T1 hit');
    expect(fieldsOf(t1.embeds[0])).toMatchObject({ Exited: '1 @ 4755 (target)', Remaining: '1', 'This exit P&L': '+$236.88' });
    await tradeDm('ES LONG · stop moved to breakeven');
    await quote('ES', '4760.00', '4760.25');
    const t2 = await tradeDm('ES LONG · T2 hit · closed');
    expect(fieldsOf(t2.embeds[0])).toMatchObject({ 'Position realized P&L': '+$722.52', Remaining: '0' });
    h.double.postMessage({ channel: 'twi_futures', author: JMONEY, content: '🚨 ES long 4760: A\nStop: 4750' });
    const rejected = await tradeDm('Order rejected');
    expect(fieldsOf(rejected.embeds[0]).Reason).toBe('MAX_CONTRACTS_PER_TRADE: 6 contracts exceeds the limit of 4 per trade');
    expect(titles(ADMIN.id)).toEqual([]);
  });

  it('GIVEN subscribers WHEN the daily summary runs THEN each gets trades today, realized and unrealized P&L and open positions', async () => {
    await h.double.runCommand({ name: 'notify', subcommand: 'on', user: ADMIN }).response();
    const job = schedule.scheduledJobs['daily-summary'];
    const next = new Date(job?.nextInvocation()?.getTime() ?? Number.NaN);
    expect(new Intl.DateTimeFormat('en-US', { timeZone: 'America/Chicago', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(next))
      .toBe('16:15');
    const summary = await sendDailySummary({ trades: createStores(h.app.database, clock.nowMs).trades, notifier: h.app.desk.notifier, clock, desk: h.app.desk });
    expect(summary).toMatchObject({ tradesToday: 1, closedToday: 1, realizedNetCents: 72_252, unrealizedCents: 0, open: [] });
    for (const user of [ADMIN, TRADER]) {
      const dm = await h.double.waitForDm(user.id, titled('Daily summary'));
      expect(fieldsOf(dm.embeds[0])).toMatchObject({ 'Trades today': '1', 'Closed today': '1', 'Realized P&L': '+$722.52', 'Unrealized P&L': '$0.00',
        'Open positions': '0' });
    }
  });

  it('GIVEN an alert below the confidence threshold WHEN posted THEN admins (not other subscribers) get the raw text, the best parse and buttons', async () => {
    // A role admin is remembered (and subscribed) the first time they use an admin command.
    await h.double.runCommand({ name: 'review', subcommand: 'pending', user: ROLE_ADMIN, roles: [ADMIN_ROLE_ID] }).response();
    h.double.postMessage({ channel: 'twi_futures', author: JMONEY, content: 'NQ LONG 16250' });
    const dm = await reviewDm(ADMIN.id, 'NQ LONG 16250');
    expect(String(dm.embeds[0]?.description)).toBe('```\nNQ LONG 16250\n```');
    expect(fieldsOf(dm.embeds[0])).toMatchObject({ 'Best parse': 'open NQ long @ 16250 · stop — · targets —', Confidence: '0.70 (threshold 0.8)',
      Why: 'no stop' });
    expect(buttonIds(dm)).toEqual([expect.stringMatching(/^review:approve:\d+$/), expect.stringMatching(/^review:reject:\d+$/)]);
    await reviewDm(ROLE_ADMIN.id, 'NQ LONG 16250');
    expect(titles(TRADER.id).some((t) => t.endsWith('needs review'))).toBe(false);
  });

  it('GIVEN a review DM WHEN a non-admin presses Approve THEN an ephemeral refusal and no order', async () => {
    const dm = await reviewDm(ADMIN.id, 'NQ LONG 16250');
    const reply = await press(dm, 'approve', TRADER).response();
    expect(reply).toMatchObject({ ephemeral: true, deferred: false });
    expect(reply.content).toContain('Only TradeStream admins');
    expect(await openCount()).toBe(0);
  });

  it('GIVEN a fresh held alert WHEN an admin approves THEN it trades through the desk; a second press by another admin gets what happened, no second order', async () => {
    await quote('NQ', '16249.75', '16250.00');
    const dm = await reviewDm(ADMIN.id, 'NQ LONG 16250');
    const reply = await press(dm, 'approve').response();
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toMatch(/^✅ Approved: alert #\d+ went to the desk \(1 fill\)\.$/);
    await tradeDm('NQ LONG 2 filled');
    const edited = h.double.message(dm.id);
    expect(edited?.components).toEqual([]);
    expect(fieldsOf(edited?.embeds[0]).Decision).toBe(reply.content);
    // The role admin presses in their DM: no roles there, recognised because they were seen in the guild.
    const again = await press(await reviewDm(ROLE_ADMIN.id, 'NQ LONG 16250'), 'approve', ROLE_ADMIN).response();
    expect(again.content).toMatch(/^Already approved by admin at \d\d:\d\d UTC: alert #\d+ is executed\. Nothing more was done\.$/);
    expect((await h.app.control.status()).openPositions.filter((p) => p.symbol === 'NQ')).toHaveLength(1);
  });

  it('GIVEN a held alert WHEN a role admin rejects it in their DM THEN the signal records who, the audit log too, and a later Approve does nothing', async () => {
    const posted = h.double.postMessage({ channel: 'twi_futures', author: JMONEY, content: 'YM SHORT 39000' });
    const reply = await press(await reviewDm(ROLE_ADMIN.id, 'YM SHORT 39000'), 'reject', ROLE_ADMIN).response();
    expect(reply.content).toMatch(/^🚫 Rejected: alert #\d+ will not be traded\.$/);
    const signal = await signalOf(h, posted.id);
    expect(signal).toMatchObject({ status: 'rejected', reasonCode: 'REJECTED_IN_REVIEW', reason: 'rejected in review by role-admin' });
    const audit = (await auditTrail(h)).find((a) => a.action === 'review.reject');
    expect(audit).toMatchObject({ actorId: ROLE_ADMIN.id, allowed: true, detail: { signalId: signal?.id } });
    const late = await press(await reviewDm(ADMIN.id, 'YM SHORT 39000'), 'approve').response();
    expect(late.content).toContain('Already rejected by role-admin');
    expect((await h.app.control.status()).openPositions.some((p) => p.symbol === 'YM')).toBe(false);
  });

  it('GIVEN a held alert older than MAX_ALERT_AGE_SECONDS WHEN approved THEN it is answered as stale and marked so, with no order', async () => {
    const posted = h.double.postMessage({ channel: 'twi_futures', author: JMONEY, content: 'RTY LONG 2050' });
    const dm = await reviewDm(ADMIN.id, 'RTY LONG 2050');
    skewMs += 121_000;
    const reply = await press(dm, 'approve').response();
    expect(reply.content).toMatch(/^⌛ Too late: alert #\d+ was posted 12\d s ago; the limit is 120 s\. Marked stale, no order\.$/);
    expect(await signalOf(h, posted.id)).toMatchObject({ status: 'stale', reasonCode: 'STALE_ALERT' });
    expect((await h.app.control.status()).openPositions.some((p) => p.symbol === 'RTY')).toBe(false);
  });

  it('GIVEN the slash command WHEN an admin lists pending reviews and approves one by id THEN it works like the button', async () => {
    skewMs = 0;
    h.double.postMessage({ channel: 'twi_futures', author: JMONEY, content: 'MES LONG 5000' });
    const dm = await reviewDm(ADMIN.id, 'MES LONG 5000');
    const id = Number(/#(\d+)/.exec(String(dm.embeds[0]?.title))?.[1]);
    const pending = await h.double.runCommand({ name: 'review', subcommand: 'pending', user: ADMIN }).response();
    expect(Object.keys(fieldsOf(pending.embeds[0]))[0]).toMatch(new RegExp(`^#${id} · twi_futures · `));
    const rejected = await h.double.runCommand({ name: 'review', subcommand: 'reject', user: ADMIN, options: { id } }).response();
    expect(rejected.content).toBe(`🚫 Rejected: alert #${id} will not be traded.`);
    const missing = await h.double.runCommand({ name: 'review', subcommand: 'approve', user: ADMIN, options: { id: 999_999 } }).response();
    expect(missing.content).toBe('⚠️ There is no alert #999999.');
  });
});
