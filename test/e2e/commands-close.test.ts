import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, ROLE_ADMIN, TRADER, type Harness } from '../support/app-harness.js';
import type { PositionRecord } from '../../src/app/ports.js';
import { realizedNetOf } from '../../src/app/ports.js';
import { button, fieldsOf, TradingSession } from '../support/trading-session.js';

/**
 * /close through the Discord double. ES: tick 0.25 = $12.50; RTY: 0.10 = $5; slippage 1 tick;
 * commission $0.62 per contract per side. BASE_CONTRACTS=2.
 */
describe('/close end to end: admins only, a confirmation first, then market fills and realized P&L', () => {
  let h: Harness;
  let s: TradingSession;
  let es1: PositionRecord;
  let es2: PositionRecord;

  beforeAll(async () => {
    s = await TradingSession.start({ DUPLICATE_WINDOW_SECONDS: '0', BASE_CONTRACTS: '2' });
    ({ h } = s);
    await s.quote('ES', '4749.75', '4750.00');
    await s.quote('RTY', '2050.00', '2050.10');
    es1 = await s.open('ES LONG 4750 STOP 4740 T1 4770');
    es2 = await s.open('ES LONG 4750 STOP 4740 T1 4770');
    await s.open('RTY SHORT 2050 STOP 2070');
    await s.quote('ES', '4753.00', '4753.25');
  });
  afterAll(async () => {
    await s.close();
  });

  it('GIVEN a non-admin WHEN they run /close THEN an ephemeral refusal and nothing closes', async () => {
    const reply = await h.double.runCommand({ name: 'close', user: TRADER, options: { symbol: 'ES' } }).response();
    expect(reply).toMatchObject({ ephemeral: true, content: '⛔ Only TradeStream admins may do that.' });
    expect(h.app.desk.openPositionIds()).toHaveLength(3);
  });

  it('GIVEN an admin WHEN they run /close symbol:ES THEN a confirmation lists both ES positions with live P&L, and nothing has closed yet', async () => {
    const reply = await h.double.runCommand({ name: 'close', user: ADMIN, options: { symbol: 'es' } }).response();
    expect(reply.ackMs).toBeLessThan(3000);
    expect(reply.embeds[0]?.title).toBe('Close 2 positions at the market?');
    // Entry 4750.25; bid 4753 → 11 ticks × $12.50 × 2 contracts = $275 each.
    expect(String(reply.embeds[0]?.description).split('\n')).toEqual([
      `**#${es1.id} ES LONG 2** · entry 4750.25 · mark 4753 (bid) · unrealized **+$275.00**`,
      `**#${es2.id} ES LONG 2** · entry 4750.25 · mark 4753 (bid) · unrealized **+$275.00**`,
    ]);
    expect(fieldsOf(reply.embeds[0])).toMatchObject({ 'Unrealized now': '+$550.00', 'Requested by': 'admin', Closes: 'the open ES positions' });
    expect(button(reply.components, 'Confirm close (2)')?.custom_id).toMatch(/^close:confirm:ES:[\w-]{12}$/);
    expect(h.app.desk.openPositionIds()).toHaveLength(3);
  });

  it('GIVEN the confirmation WHEN a non-admin presses Confirm THEN an ephemeral refusal; WHEN an admin does THEN both close at the bid less slippage', async () => {
    const prompt = await h.double.runCommand({ name: 'close', user: ADMIN, options: { symbol: 'ES' } }).response();
    const confirmId = String(button(prompt.components, 'Confirm close (2)')?.custom_id);
    const refused = await h.double.clickButton({ message: prompt, customId: confirmId, user: TRADER }).response();
    expect(refused).toMatchObject({ ephemeral: true, content: '⛔ Only TradeStream admins may do that.' });
    expect(h.app.desk.openPositionIds()).toHaveLength(3);

    // Any admin may confirm: here one who is an admin by role.
    const done = await h.double.clickButton({ message: prompt, customId: confirmId, user: ROLE_ADMIN, roles: ['admins'] }).response();
    const embed = done.embeds[0];
    expect(embed?.title).toBe('Closed 2 positions at the market');
    // Exit 4752.75 (bid 4753 − 1 tick): 10 ticks × $12.50 × 2 = $250 − 2 × $0.62; trade: $250 − 4 × $0.62.
    expect(String(embed?.description).split('\n')).toEqual([
      `**#${es1.id} ES LONG** · sell 2 @ 4752.75 (bid) · +$248.76 (trade +$247.52)`,
      `**#${es2.id} ES LONG** · sell 2 @ 4752.75 (bid) · +$248.76 (trade +$247.52)`,
    ]);
    expect(fieldsOf(embed)).toMatchObject({ 'Realized by this close': '+$497.52', "Trades' realized P&L": '+$495.04', 'Closed by': 'role-admin' });
    expect(done.components).toEqual([]);
    const closed = await s.store().closedPositions(null);
    expect(closed.map((p) => [p.id, realizedNetOf(p)])).toEqual([[es1.id, 24_752], [es2.id, 24_752]]);
    expect(h.app.desk.openPositionIds()).toHaveLength(1);
  });

  it('GIVEN /close all WHEN a position opens before the admin confirms THEN they are asked again, and the second Confirm closes everything', async () => {
    const prompt = await h.double.runCommand({ name: 'close', user: ADMIN, options: { symbol: 'all' } }).response();
    expect(prompt.embeds[0]?.title).toBe('Close 1 position at the market?');
    await s.quote('ES', '4753.00', '4753.25');
    await s.open('ES LONG 4753.25 STOP 4740');
    const changed = await h.double.clickButton({ message: prompt, customId: String(button(prompt.components, 'Confirm close (1)')?.custom_id), user: ADMIN }).response();
    expect(changed.content).toBe('⚠️ The open positions changed since this was asked. Confirm again to close these:');
    expect(changed.embeds[0]?.title).toBe('Close 2 positions at the market?');
    expect(h.app.desk.openPositionIds()).toHaveLength(2);

    const done = await h.double.clickButton({ message: changed, customId: String(button(changed.components, 'Confirm close (2)')?.custom_id), user: ADMIN }).response();
    expect(done.content).toBe('');
    expect(done.embeds[0]?.title).toBe('Closed 2 positions at the market');
    // RTY short from 2049.90 (bid − 1 tick), bought back at 2050.20 (ask + 1 tick): −3 ticks × $5 × 2 − 4 × $0.62.
    expect(String(done.embeds[0]?.description)).toMatch(/\*\*#P\d+ RTY SHORT\*\* · buy 2 @ 2050\.2 \(ask\) · -\$31\.24 \(trade -\$32\.48\)/);
    expect(h.app.desk.openPositionIds()).toEqual([]);
  });

  it('GIVEN a confirmation WHEN the admin presses Cancel THEN nothing closes and the buttons go', async () => {
    await s.open('ES LONG 4753.25 STOP 4740');
    const prompt = await h.double.runCommand({ name: 'close', user: ADMIN, options: { symbol: 'all' } }).response();
    const cancelled = await h.double.clickButton({ message: prompt, customId: 'close:cancel:*', user: ADMIN }).response();
    expect(cancelled.embeds[0]).toMatchObject({ title: 'Close cancelled', description: 'Nothing was closed (every open position); cancelled by admin.' });
    expect(cancelled.components).toEqual([]);
    expect(h.app.desk.openPositionIds()).toHaveLength(1);
  });

  it('GIVEN a position with no quote to price it WHEN an admin confirms /close THEN it is reported as not closed, never filled at a guess', async () => {
    const ym = await s.open('YM LONG 39000 STOP 38900');
    const prompt = await h.double.runCommand({ name: 'close', user: ADMIN, options: { symbol: 'YM' } }).response();
    expect(String(prompt.embeds[0]?.description)).toBe(`**#${ym.id} YM LONG 2** · entry 39001 · mark — (no quote yet)`);
    const done = await h.double.clickButton({ message: prompt, customId: String(button(prompt.components, 'Confirm close (1)')?.custom_id), user: ADMIN }).response();
    expect(done.embeds[0]?.title).toBe('Closed 0 of 1 positions');
    expect(String(done.embeds[0]?.description)).toBe(`**#${ym.id} YM** not closed — NO_PRICE: no quote for YM yet and the alert gives no price`);
    expect(h.app.desk.position(ym.id)?.qtyOpen).toBe(2);
  });

  it('GIVEN nothing open for a symbol WHEN /close is run THEN it says so, and autocomplete offers "all" and the open symbols', async () => {
    const reply = await h.double.runCommand({ name: 'close', user: ADMIN, options: { symbol: 'NQ' } }).response();
    expect(reply.embeds[0]).toMatchObject({ title: 'Nothing to close', description: 'There are no open NQ positions.' });
    expect(await h.double.autocomplete({ name: 'close', focused: 'symbol', options: { symbol: '' }, user: ADMIN }))
      .toEqual([{ name: 'all (2 open)', value: 'all' }, { name: 'ES', value: 'ES' }, { name: 'YM', value: 'YM' }]);
    const bad = await h.double.runCommand({ name: 'close', user: ADMIN, options: { symbol: 'E S;' } }).response();
    expect(bad).toMatchObject({ ephemeral: true, content: '⚠️ Give a symbol such as ES, or "all".' });
  });
});
