import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, TRADER, type Harness } from '../support/app-harness.js';
import type { PositionRecord } from '../../src/app/ports.js';
import { button, TradingSession } from '../support/trading-session.js';

/**
 * Two alerts on ES make two ES positions: /move-stop and /close take `position` to act on one of
 * them. ES: tick 0.25, slippage 1 tick, BASE_CONTRACTS=1; a long fills at the ask + 1 tick.
 */
describe('/move-stop and /close on one position of several on a symbol, end to end', () => {
  let h: Harness;
  let s: TradingSession;
  let first: PositionRecord;
  let second: PositionRecord;
  let nq: PositionRecord;
  const open = async () => Object.fromEntries((await s.store().openPositions()).map((p) => [p.id, p.stop]));

  beforeAll(async () => {
    s = await TradingSession.start({ DUPLICATE_WINDOW_SECONDS: '0', BASE_CONTRACTS: '1' });
    ({ h } = s);
    await s.quote('ES', '4749.75', '4750.00');
    await s.quote('NQ', '16249.75', '16250.00');
    first = await s.open('ES LONG 4750 STOP 4740 T1 4770');
    second = await s.open('ES LONG 4750 STOP 4735 T1 4770');
    nq = await s.open('NQ LONG 16250 STOP 16200');
    await s.quote('ES', '4753.00', '4753.25');
  });
  afterAll(async () => {
    await s.close();
  });

  it('GIVEN two ES positions WHEN autocompleting `position` after symbol ES THEN both are offered with entry and stop, and not the NQ one', async () => {
    const choices = await h.double.autocomplete({ name: 'move-stop', focused: 'position', options: { symbol: 'ES', to: '4745', position: '' }, user: ADMIN });
    expect(choices).toEqual([
      { name: `#${first.id} ES LONG 1 @ 4750.25 · stop 4740`, value: first.id },
      { name: `#${second.id} ES LONG 1 @ 4750.25 · stop 4735`, value: second.id },
    ]);
    const all = await h.double.autocomplete({ name: 'close', focused: 'position', options: { symbol: 'all', position: `#${nq.id}` }, user: ADMIN });
    expect(all).toEqual([{ name: `#${nq.id} NQ LONG 1 @ 16250.25 · stop 16200`, value: nq.id }]);
  });

  it('GIVEN `position` WHEN an admin moves the stop THEN only that position\'s stop moves', async () => {
    const reply = await h.double.runCommand({ name: 'move-stop', user: ADMIN, options: { symbol: 'ES', to: '4745', position: `#${second.id}` } }).response();
    expect(reply.embeds[0]?.title).toBe('ES: 1 stop moved');
    expect(reply.embeds[0]?.description).toBe(`**#${second.id} ES LONG 1** · stop 4735 → **4745**`);
    expect(await open()).toEqual({ [first.id]: '4740', [second.id]: '4745', [nq.id]: '16200' });
  });

  it('GIVEN a `position` that is not one, not open, or on another symbol WHEN run THEN an ephemeral reply says why, and nothing changes', async () => {
    const run = (name: string, options: Record<string, string>) => h.double.runCommand({ name, user: ADMIN, options }).response();
    expect(await run('move-stop', { symbol: 'ES', to: '4745', position: 'P 1;' }))
      .toMatchObject({ ephemeral: true, content: '⚠️ "P 1;" is not a position: give its # from /positions, such as P3.' });
    expect(await run('move-stop', { symbol: 'ES', to: '4745', position: nq.id }))
      .toMatchObject({ ephemeral: true, content: `⚠️ Position #${nq.id} is NQ, not ES.` });
    expect(await run('close', { symbol: 'ES', position: 'P999' })).toMatchObject({ ephemeral: true, content: '⚠️ Position #P999 is not open.' });
    const refused = await h.double.runCommand({ name: 'close', user: TRADER, options: { symbol: 'ES', position: first.id } }).response();
    expect(refused).toMatchObject({ ephemeral: true, content: '⛔ Only TradeStream admins may do that.' });
    expect(await open()).toEqual({ [first.id]: '4740', [second.id]: '4745', [nq.id]: '16200' });
  });

  it('GIVEN `position` WHEN an admin runs /close and confirms THEN only that position closes', async () => {
    const prompt = await h.double.runCommand({ name: 'close', user: ADMIN, options: { symbol: 'ES', position: first.id } }).response();
    expect(prompt.embeds[0]?.title).toBe('Close 1 position at the market?');
    expect(String(prompt.embeds[0]?.description)).toContain(`#${first.id} ES LONG 1`);
    const confirm = String(button(prompt.components, 'Confirm close (1)')?.custom_id);
    expect(confirm).toMatch(new RegExp(`^close:confirm:#${first.id}:[\\w-]{12}$`));
    const done = await h.double.clickButton({ message: prompt, customId: confirm, user: ADMIN }).response();
    expect(done.embeds[0]?.title).toBe('Closed 1 position at the market');
    expect(await open()).toEqual({ [second.id]: '4745', [nq.id]: '16200' });
  });
});
