import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, TRADER, type Harness } from '../support/app-harness.js';
import type { InteractionReply } from '../support/discord-double/index.js';
import { realizedNetOf, type PositionRecord } from '../../src/app/ports.js';
import { AuditRepository } from '../../src/adapters/store/bot-state-repo.js';
import { button, customIds, embedChars, fieldList, fieldsOf, TradingSession } from '../support/trading-session.js';

/**
 * /positions through the Discord double, with positions opened by real alerts and marked by the
 * local quote feed. ES: tick 0.25 = $12.50; NQ: 0.25 = $5; MES: 0.25 = $1.25; slippage 1 tick;
 * commission $0.62 per contract per side.
 */
describe('/positions end to end: live P&L, Close with confirmation, pagination', () => {
  let h: Harness;
  let s: TradingSession;
  let es: PositionRecord;

  beforeAll(async () => {
    s = await TradingSession.start({ DUPLICATE_WINDOW_SECONDS: '0' });
    ({ h } = s);
    await s.quote('ES', '4749.75', '4750.00');
    await s.quote('NQ', '16250.00', '16250.25');
    es = await s.open('ES LONG 4750 STOP 4745 T1 4755 T2 4760');
    await s.open('NQ SHORT 16250 STOP 16275 T1 16225');
    await s.quote('MES', '4999.75', '5000.00');
    for (let i = 0; i < 12; i += 1) await s.open('MES LONG 5000 STOP 4990');
    await s.quote('ES', '4752.00', '4752.25');
    await s.quote('NQ', '16250.25', '16250.50');
  });
  afterAll(async () => {
    await s.close();
  });

  function assertWithinLimits(reply: InteractionReply): void {
    for (const embed of reply.embeds) {
      expect(embedChars(embed)).toBeLessThanOrEqual(6000);
      expect(fieldList(embed).length).toBeLessThanOrEqual(25);
      expect(String(embed.title).length).toBeLessThanOrEqual(256);
      expect(String(embed.description ?? '').length).toBeLessThanOrEqual(4096);
      for (const f of fieldList(embed)) expect(f.value.length).toBeLessThanOrEqual(1024);
    }
    expect(reply.components.length).toBeLessThanOrEqual(5);
  }

  it('GIVEN one symbol WHEN /positions symbol:ES is run THEN the long is marked at the bid with its unrealized P&L, stop and targets', async () => {
    const reply = await h.double.runCommand({ name: 'positions', user: TRADER, options: { symbol: 'es' } }).response();
    expect(reply.ackMs).toBeLessThan(3000);
    const embed = reply.embeds[0];
    expect(embed?.title).toBe('Open positions · ES');
    // Entry 4750.00 ask + 1 tick = 4750.25; bid 4752 → 7 ticks × $12.50.
    expect(embed?.description).toBe('1 open · unrealized **+$87.50**');
    const value = fieldsOf(embed)[`#${es.id} ES LONG 1`];
    expect(value).toContain('entry 4750.25 · mark 4752 (bid) · unrealized **+$87.50**');
    expect(value).toContain('stop 4745 · targets T1 4755 / T2 4760');
    expect(value).toContain('realized -$0.62 · paper');
    expect(customIds(reply.components)).toEqual([`positions:close:${es.id}`]);
  });

  it('GIVEN a short WHEN listed THEN it is marked at the ask', async () => {
    const reply = await h.double.runCommand({ name: 'positions', user: TRADER, options: { symbol: 'NQ' } }).response();
    // Entry 16250.00 bid − 1 tick = 16249.75; ask 16250.50 → 3 ticks × $5 against.
    expect(Object.values(fieldsOf(reply.embeds[0]))[0]).toContain('entry 16249.75 · mark 16250.5 (ask) · unrealized **-$15.00**');
  });

  it('GIVEN 14 open positions WHEN /positions is run THEN page 1 holds 10 within Discord limits, with ◀ ▶, and ▶ shows the other 4', async () => {
    const reply = await h.double.runCommand({ name: 'positions', user: TRADER }).response();
    assertWithinLimits(reply);
    const embed = reply.embeds[0];
    expect(embed?.description).toMatch(/^14 open · unrealized \*\*/);
    expect(fieldList(embed)).toHaveLength(10);
    expect(String((embed?.footer as { text: string }).text)).toMatch(/^Page 1 of 2/);
    expect(customIds(reply.components).filter((id) => id.startsWith('positions:close:'))).toHaveLength(10);
    expect(button(reply.components, '◀')).toMatchObject({ disabled: true });
    const next = button(reply.components, '▶');
    expect(next).toMatchObject({ custom_id: 'positions:page:1:' });

    const page2 = await h.double.clickButton({ message: reply, customId: String(next?.custom_id), user: TRADER }).response();
    assertWithinLimits(page2);
    expect(fieldList(page2.embeds[0])).toHaveLength(4);
    expect(String((page2.embeds[0]?.footer as { text: string }).text)).toMatch(/^Page 2 of 2/);
    expect(button(page2.components, '▶')).toMatchObject({ disabled: true });
    expect(button(page2.components, '◀')).toMatchObject({ custom_id: 'positions:page:0:' });
    const all = [...fieldList(embed), ...fieldList(page2.embeds[0])].map((f) => f.name);
    expect(new Set(all).size).toBe(14);
  });

  it('GIVEN a non-admin WHEN they press Close THEN an ephemeral refusal, the refusal is audited, and nothing closes', async () => {
    const list = await h.double.runCommand({ name: 'positions', user: TRADER, options: { symbol: 'ES' } }).response();
    const refused = await h.double.clickButton({ message: list, customId: `positions:close:${es.id}`, user: TRADER }).response();
    expect(refused).toMatchObject({ ephemeral: true, content: '⛔ Only TradeStream admins may do that.' });
    expect(h.app.desk.position(es.id)?.qtyOpen).toBe(1);
    const [last] = await new AuditRepository(h.app.database.db).recent(1);
    expect(last).toMatchObject({ actorId: TRADER.id, action: 'positions.close', allowed: false });
  });

  it('GIVEN an admin WHEN they press Close then Cancel THEN the private confirmation is withdrawn and the position stays open', async () => {
    const list = await h.double.runCommand({ name: 'positions', user: ADMIN, options: { symbol: 'ES' } }).response();
    const ask = await h.double.clickButton({ message: list, customId: `positions:close:${es.id}`, user: ADMIN }).response();
    expect(ask.ephemeral).toBe(true);
    expect(ask.embeds[0]?.title).toBe('Close 1 position at the market?');
    expect(String(ask.embeds[0]?.description)).toContain(`**#${es.id} ES LONG 1** · entry 4750.25 · mark 4752 (bid) · unrealized **+$87.50**`);
    expect(button(ask.components, `Confirm close #${es.id}`)).toMatchObject({ custom_id: `positions:confirm:${es.id}` });
    const cancelled = await h.double.clickButton({ message: ask, customId: `positions:cancel:${es.id}`, user: ADMIN }).response();
    expect(cancelled.embeds[0]?.title).toBe('Close cancelled');
    expect(cancelled.components).toEqual([]);
    expect(h.app.desk.position(es.id)?.qtyOpen).toBe(1);
  });

  it('GIVEN an admin WHEN they press Close then Confirm THEN it closes at the bid less slippage and the reply shows the fill and realized P&L', async () => {
    const list = await h.double.runCommand({ name: 'positions', user: ADMIN, options: { symbol: 'ES' } }).response();
    const ask = await h.double.clickButton({ message: list, customId: `positions:close:${es.id}`, user: ADMIN }).response();
    const askedTwice = await h.double.clickButton({ message: list, customId: `positions:close:${es.id}`, user: ADMIN }).response();
    const done = await h.double.clickButton({ message: ask, customId: `positions:confirm:${es.id}`, user: ADMIN }).response();
    const embed = done.embeds[0];
    expect(embed?.title).toBe('Closed 1 position at the market');
    // Bid 4752 − 1 tick = 4751.75; 6 ticks × $12.50 = $75 − $0.62 this exit; the trade: $75 − 2 × $0.62.
    expect(String(embed?.description)).toBe(`**#${es.id} ES LONG** · sell 1 @ 4751.75 (bid) · +$74.38 (trade +$73.76)`);
    expect(fieldsOf(embed)).toMatchObject({ 'Realized by this close': '+$74.38', "Trades' realized P&L": '+$73.76', 'Closed by': 'admin' });
    expect(done.components).toEqual([]);
    const stored = (await s.store().closedPositions(null)).find((p) => p.id === es.id);
    expect(stored && realizedNetOf(stored)).toBe(7376);
    await s.waitForAdminDm('ES LONG · Closed manually · closed');

    const [audit] = await new AuditRepository(h.app.database.db).recent(1);
    expect(audit).toMatchObject({ actorId: ADMIN.id, action: 'positions.close', allowed: true, detail: { closed: [es.id], realizedNetCents: 7438 } });

    // A second confirmation left open (the admin pressed Close twice) finds nothing left to close.
    const again = await h.double.clickButton({ message: askedTwice, customId: `positions:confirm:${es.id}`, user: ADMIN }).response();
    expect(again.embeds[0]?.title).toBe('Nothing to close');
  });

  it('GIVEN open positions WHEN the symbol option is typed THEN it autocompletes from them', async () => {
    expect(await h.double.autocomplete({ name: 'positions', focused: 'symbol', options: { symbol: 'm' }, user: TRADER }))
      .toEqual([{ name: 'MES', value: 'MES' }]);
  });
});
