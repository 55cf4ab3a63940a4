import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, ADMIN_ROLE_ID, JMONEY, ROLE_ADMIN, TRADER, startHarness, type Harness } from '../support/app-harness.js';
import { auditTrail, expectEmbedsWithinLimits, fieldsOf, signalOf, titled } from '../support/control-helpers.js';
import { LIMITS } from '../../src/app/risk/limit-catalog.js';

describe('/risk end to end: show, set, persist across a restart', () => {
  let h: Harness;
  let dataDir: string;
  const set = (limit: string, value: string, user = ADMIN, roles: string[] = []) =>
    h.double.runCommand({ name: 'risk', subcommand: 'set', user, roles, options: { limit, value } }).response();
  const rejectedDm = (reasonCode: string) => h.double.waitForDm(ADMIN.id,
    (m) => m.embeds[0]?.title === 'Order rejected' && fieldsOf(m.embeds[0]).Reason?.startsWith(reasonCode) === true);

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'ts-risk-'));
    h = await startHarness({ database: { url: null, dataDir }, env: { MAX_DAILY_LOSS: '500' } });
  });
  afterAll(async () => {
    expectEmbedsWithinLimits(h);
    await h.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('GIVEN anyone WHEN they run /risk show THEN every limit, the kill switch and today\'s loss against the limit are shown', async () => {
    const reply = await h.double.runCommand({ name: 'risk', subcommand: 'show', user: TRADER }).response();
    const embed = reply.embeds[0];
    expect(embed?.title).toBe('Risk limits');
    expect(Object.keys(fieldsOf(embed))).toEqual(LIMITS.map((l) => l.name));
    expect(fieldsOf(embed).max_daily_loss).toContain('**$500.00**');
    expect(fieldsOf(embed).max_open_positions).toContain('**off**');
    expect(String(embed?.description)).toContain('**Kill switch:** off');
    expect(String(embed?.description)).toContain('**Daily loss:** $0.00 today of a -$500.00 limit');
    expect(reply.ackMs).toBeLessThan(3000);
  });

  it('GIVEN someone typing a limit name WHEN autocomplete asks THEN matching limits come back with their current value', async () => {
    const choices = await h.double.autocomplete({ name: 'risk', subcommand: 'set', focused: 'limit', options: { limit: 'open', value: '' }, user: ADMIN });
    expect(choices[0]).toEqual({ name: 'max_open_positions (now off)', value: 'max_open_positions' });
    expect(choices.map((c) => c.value)).toContain('max_contracts_per_symbol'); // "Open contracts on one symbol"
    const all = await h.double.autocomplete({ name: 'risk', subcommand: 'set', focused: 'limit', options: { limit: '', value: '' }, user: ADMIN });
    expect(all.map((c) => c.value)).toEqual(['kill_switch', ...LIMITS.map((l) => l.name)]);
  });

  it('GIVEN a non-admin WHEN they run /risk set THEN an ephemeral refusal before any defer, audited, and nothing changes', async () => {
    const handle = h.double.runCommand({ name: 'risk', subcommand: 'set', user: TRADER, roles: ['members'], options: { limit: 'kill_switch', value: 'on' } });
    const reply = await handle.response();
    expect(reply).toMatchObject({ ephemeral: true, deferred: false });
    expect(reply.content).toContain('Only TradeStream admins');
    expect(h.app.desk.killSwitch.on).toBe(false);
    expect((await auditTrail(h)).find((a) => a.interactionId === handle.id)).toMatchObject({ action: 'risk.set.kill_switch', allowed: false });
  });

  it.each([
    ['max_open_positions', 'abc', 'max_open_positions must be a whole number from 1 to 100000, or off — got "abc"'],
    ['max_open_positions', '0', 'max_open_positions must be a whole number from 1 to 100000, or off — got "0"'],
    ['max_daily_loss', '-5', 'max_daily_loss must be a USD amount such as 500 or 750.50, or off — got "-5"'],
    ['max_daily_loss', '10.001', 'max_daily_loss must be a USD amount such as 500 or 750.50, or off — got "10.001"'],
    ['cooldown', '3', 'cooldown must be "<losses>x<minutes>" such as 3x30, or off — got "3"'],
    ['kill_switch', 'maybe', 'kill_switch must be on or off — got "maybe"'],
    ['max_leverage', '5', 'There is no limit "max_leverage".'],
  ])('GIVEN a bad value WHEN an admin sets %s to "%s" THEN an ephemeral reply says why and nothing changes', async (limit, value, why) => {
    const before = h.app.desk.config.limits;
    const reply = await set(limit, value);
    expect(reply).toMatchObject({ ephemeral: true, deferred: false });
    expect(reply.content).toContain(why);
    expect(h.app.desk.config.limits).toEqual(before);
  });

  it('GIVEN max_open_positions set to 1 WHEN a second alert arrives THEN it is refused at once, and admins were told of the change', async () => {
    const reply = await set('max_open_positions', '1');
    expect(reply.content).toBe('✅ **max_open_positions**: off → 1 positions. It applies from the next order.');
    expect(reply.ephemeral).toBe(false);
    expect(fieldsOf(reply.embeds[0]).max_open_positions).toBe('**1 positions** (set with /risk)\nPositions open at once');
    await h.double.waitForDm(ADMIN.id, titled('Risk: max_open_positions off → 1 positions'));
    h.double.postMessage({ channel: 'twi_futures', author: JMONEY, content: 'ES LONG 4750 STOP 4745 T1 4755 T2 4760' });
    await h.double.waitForDm(ADMIN.id, titled('ES LONG 1 filled'));
    const second = h.double.postMessage({ channel: 'twi_futures', author: JMONEY, content: 'NQ LONG 16250 STOP 16230 T1 16270' });
    const dm = await rejectedDm('MAX_OPEN_POSITIONS');
    expect(fieldsOf(dm.embeds[0]).Reason).toBe('MAX_OPEN_POSITIONS: 1 positions are open; the limit is 1');
    expect(await signalOf(h, second.id)).toMatchObject({ status: 'rejected', reasonCode: 'MAX_OPEN_POSITIONS' });
    const audit = (await auditTrail(h)).find((a) => a.action === 'risk.set');
    expect(audit).toMatchObject({ actorId: ADMIN.id, allowed: true, detail: { name: 'max_open_positions', from: 'off', to: '1 positions' } });
  });

  it('GIVEN the kill switch turned on by a role admin WHEN an alert arrives THEN it is refused with who turned it on', async () => {
    await set('max_open_positions', 'off', ROLE_ADMIN, [ADMIN_ROLE_ID]);
    const reply = await set('kill_switch', 'on', ROLE_ADMIN, [ADMIN_ROLE_ID]);
    expect(reply.content).toBe('✅ **kill_switch**: off → on. It applies from the next order.');
    expect(String(reply.embeds[0]?.description)).toContain('🛑 ON — turned on with /risk by role-admin');
    h.double.postMessage({ channel: 'twi_futures', author: JMONEY, content: 'YM LONG 39000 STOP 38950 T1 39050' });
    const dm = await rejectedDm('KILL_SWITCH');
    expect(fieldsOf(dm.embeds[0]).Reason).toContain('the kill switch is on (turned on with /risk by role-admin at');
  });

  it('GIVEN overrides WHEN the bot restarts THEN they still apply; "default" and "off" undo them', async () => {
    await set('cooldown', '3x45');
    await h.restart();
    expect(h.app.desk.killSwitch.on).toBe(true);
    expect(h.app.desk.config.limits).toMatchObject({ maxOpenPositions: null, cooldown: { afterConsecutiveLosses: 3, durationMs: 45 * 60_000 },
      maxDailyLossCents: 50_000 });
    const reset = await set('cooldown', 'default');
    expect(reset.content).toBe('✅ **cooldown**: after 3 losses in a row, 45 min → off. It applies from the next order.');
    await set('kill_switch', 'off');
    expect(h.app.desk.killSwitch).toEqual({ on: false, reason: null });
    const stored = await h.app.database.db.query.riskOverrides.findMany();
    expect(stored.map((o) => [o.name, o.value])).toEqual(expect.arrayContaining([['kill_switch', 'off'], ['max_open_positions', 'off']]));
    expect(stored.some((o) => o.name === 'cooldown')).toBe(false);
    h.double.postMessage({ channel: 'twi_futures', author: JMONEY, content: 'RTY LONG 2050.5 STOP 2040 T1 2060' });
    await h.double.waitForDm(ADMIN.id, titled('RTY LONG 1 filled'));
  });
});
