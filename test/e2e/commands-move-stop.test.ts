import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, TRADER, type Harness } from '../support/app-harness.js';
import type { PositionRecord } from '../../src/app/ports.js';
import { auditTrail, titled } from '../support/control-helpers.js';
import { TradingSession } from '../support/trading-session.js';

/**
 * /move-stop through the Discord double. ES: tick 0.25, slippage 1 tick, BASE_CONTRACTS=2; the
 * long fills at the ask 4750 + 1 tick = 4750.25.
 */
describe('/move-stop end to end: admins move the stop of an open position; the engine trades on it', () => {
  let h: Harness;
  let s: TradingSession;
  let es: PositionRecord;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ts-move-stop-'));
  const stopOf = async (id: string) => (await s.store().openPositions()).find((p) => p.id === id)?.stop;

  beforeAll(async () => {
    s = await TradingSession.start({ DUPLICATE_WINDOW_SECONDS: '0', BASE_CONTRACTS: '2' }, { url: null, dataDir });
    ({ h } = s);
    await s.quote('ES', '4749.75', '4750.00');
    es = await s.open('ES LONG 4750 STOP 4740 T1 4770');
    await s.quote('ES', '4753.00', '4753.25');
  });
  afterAll(async () => {
    await s.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('GIVEN a non-admin WHEN they run /move-stop THEN an ephemeral refusal and the stop stays', async () => {
    const reply = await h.double.runCommand({ name: 'move-stop', user: TRADER, options: { symbol: 'ES', to: '4745' } }).response();
    expect(reply).toMatchObject({ ephemeral: true, content: '⛔ Only TradeStream admins may do that.' });
    expect(await stopOf(es.id)).toBe('4740');
  });

  it('GIVEN bad options WHEN an admin runs /move-stop THEN an ephemeral reply says why, and nothing moves', async () => {
    const bad = await h.double.runCommand({ name: 'move-stop', user: ADMIN, options: { symbol: 'ES', to: 'lower' } }).response();
    expect(bad).toMatchObject({ ephemeral: true, content: '⚠️ "lower" is not a stop: give a price such as 4740.25, or "breakeven".' });
    const none = await h.double.runCommand({ name: 'move-stop', user: ADMIN, options: { symbol: 'NQ', to: '16000' } }).response();
    expect(none).toMatchObject({ ephemeral: true, content: '⚠️ No open position on NQ.' });
    expect(await stopOf(es.id)).toBe('4740');
  });

  it('GIVEN a stop at or above the bid WHEN an admin moves a long\'s stop there THEN it is refused: it would fill at once', async () => {
    const reply = await h.double.runCommand({ name: 'move-stop', user: ADMIN, options: { symbol: 'ES', to: '4753' } }).response();
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toBe(`⚠️ Nothing moved: the stop would fill at once. #${es.id} ES LONG 2: a long stop at 4753 is through its bid 4753. To exit now, use /close.`);
    expect(await stopOf(es.id)).toBe('4740');
  });

  it('GIVEN a price off the tick grid WHEN an admin moves the stop THEN it snaps, is stored, DM\'d and audit-logged', async () => {
    const handle = h.double.runCommand({ name: 'move-stop', user: ADMIN, options: { symbol: 'es', to: '4745.1' } });
    const reply = await handle.response();
    expect(reply.ephemeral).toBe(false);
    expect(reply.embeds[0]?.title).toBe('ES: 1 stop moved');
    expect(reply.embeds[0]?.description).toBe(`**#${es.id} ES LONG 2** · stop 4740 → **4745**`);
    expect(await stopOf(es.id)).toBe('4745');
    const dm = await h.double.waitForDm(ADMIN.id, titled('ES LONG · stop moved by an admin (/move-stop)'));
    expect(dm.embeds[0]?.fields).toEqual(expect.arrayContaining([{ name: 'From', value: '4740', inline: true }, { name: 'To', value: '4745', inline: true }]));
    expect((await auditTrail(h)).find((a) => a.interactionId === handle.id)).toMatchObject({
      actorId: ADMIN.id, action: 'positions.move_stop', allowed: true, detail: { symbol: 'ES', to: '4745.1', moved: [es.id] },
    });
  });

  it('GIVEN breakeven WHEN an admin moves the stop and the bot restarts THEN the stop is the entry, kept, and the engine fills on it', async () => {
    const reply = await h.double.runCommand({ name: 'move-stop', user: ADMIN, options: { symbol: 'ES', to: 'breakeven' } }).response();
    expect(reply.embeds[0]?.description).toBe(`**#${es.id} ES LONG 2** · stop 4745 → **4750.25**`);
    await h.restart();
    await s.feed.waitForClient();
    expect(h.app.desk.position(es.id)?.stop).toBe('4750.25');
    await s.quote('ES', '4750.25', '4750.50');
    const closed = (await s.store().closedPositions(null)).find((p) => p.id === es.id);
    expect(closed).toMatchObject({ status: 'closed', qtyOpen: 0 });
  });
});
