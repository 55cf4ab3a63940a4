import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, ADMIN_ROLE_ID, ROLE_ADMIN, TRADER, startHarness, type Harness } from '../support/app-harness.js';
import { auditTrail, buttonIds, expectEmbedsWithinLimits, fieldsOf, titled } from '../support/control-helpers.js';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

describe('/mode with no live broker configured (as in production today)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    expectEmbedsWithinLimits(h, 0);
    await h.close();
  });

  it('GIVEN no live broker WHEN an admin runs /mode live THEN an ephemeral reply says no live broker is configured, and the bot stays in paper', async () => {
    const handle = h.double.runCommand({ name: 'mode', subcommand: 'live', user: ADMIN });
    const reply = await handle.response();
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toContain('No live broker is configured');
    expect(reply.components).toEqual([]);
    expect(h.app.control.state()?.mode).toBe('paper');
    const audit = (await auditTrail(h)).find((a) => a.interactionId === handle.id);
    expect(audit).toMatchObject({ action: 'mode.live', allowed: false, detail: { code: 'NO_LIVE_BROKER' } });
  });

  it('GIVEN paper mode WHEN an admin runs /mode paper THEN it says so and changes nothing', async () => {
    const reply = await h.double.runCommand({ name: 'mode', subcommand: 'paper', user: ADMIN }).response();
    expect(reply.content).toBe('The bot is already in 📝 paper mode.');
  });
});

describe('/mode with a live broker and a TOTP secret', () => {
  let h: Harness;
  let dataDir: string;
  let skewMs = 0;
  const clock = { nowMs: () => Date.now() + skewMs };
  /** A code for the bot's now; each call moves the clock a 30 s step on, so codes are never replays. */
  const nextCode = () => {
    skewMs += 30_000;
    return generate({ secret: SECRET, epoch: Math.floor(clock.nowMs() / 1000) });
  };
  const dmTitles = () => h.double.dmsTo(ADMIN.id).map((m) => String(m.embeds[0]?.title));

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'ts-mode-'));
    h = await startHarness({
      database: { url: null, dataDir }, clock, liveBrokers: { configured: () => ['test-broker'] },
      env: { LIVE_MODE_TOTP_SECRET: SECRET },
    });
  });
  afterAll(async () => {
    expectEmbedsWithinLimits(h);
    await h.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('GIVEN a non-admin WHEN they run /mode live THEN an ephemeral refusal before any defer, audited', async () => {
    const handle = h.double.runCommand({ name: 'mode', subcommand: 'live', user: TRADER, roles: ['members'], options: { code: await nextCode() } });
    const reply = await handle.response();
    expect(reply).toMatchObject({ ephemeral: true, deferred: false });
    expect(reply.content).toContain('Only TradeStream admins');
    expect((await auditTrail(h)).find((a) => a.interactionId === handle.id)).toMatchObject({ actorId: TRADER.id, action: 'mode.live', allowed: false });
  });

  it('GIVEN a TOTP secret WHEN an admin omits the code or gives a wrong one THEN nothing changes and the reply says why', async () => {
    const missing = await h.double.runCommand({ name: 'mode', subcommand: 'live', user: ADMIN }).response();
    expect(missing.content).toContain('needs a current code from your authenticator app');
    const wrongCode = String((Number(await nextCode()) + 1) % 1_000_000).padStart(6, '0');
    const handle = h.double.runCommand({ name: 'mode', subcommand: 'live', user: ADMIN, options: { code: wrongCode } });
    expect((await handle.response()).content).toContain('not valid');
    expect((await auditTrail(h)).find((a) => a.interactionId === handle.id)).toMatchObject({ allowed: false, detail: { code: 'TOTP_INVALID' } });
    expect(h.app.control.state()?.mode).toBe('paper');
  });

  it('GIVEN a current code WHEN an admin asks for live THEN an ephemeral confirmation with buttons; Cancel leaves paper', async () => {
    const reply = await h.double.runCommand({ name: 'mode', subcommand: 'live', user: ADMIN, options: { code: await nextCode() } }).response();
    expect(reply.ephemeral).toBe(true);
    expect(reply.embeds[0]?.title).toBe('Switch to LIVE trading?');
    expect(fieldsOf(reply.embeds[0])['Live broker']).toBe('test-broker');
    const [confirm, cancel] = buttonIds(reply);
    expect(confirm).toMatch(/^mode:confirm:/);
    const cancelled = await h.double.clickButton({ message: reply, customId: cancel ?? '', user: ADMIN }).response();
    expect(cancelled.content).toBe('Cancelled. The bot stays in 📝 paper mode.');
    expect(cancelled.components).toEqual([]);
    expect(h.app.control.state()?.mode).toBe('paper');
  });

  it('GIVEN a code already used WHEN it is given again THEN it is refused (no replay)', async () => {
    const code = await nextCode();
    const first = await h.double.runCommand({ name: 'mode', subcommand: 'live', user: ADMIN, options: { code } }).response();
    expect(first.embeds[0]?.title).toBe('Switch to LIVE trading?');
    const again = await h.double.runCommand({ name: 'mode', subcommand: 'live', user: ADMIN, options: { code } }).response();
    expect(again.content).toContain('not valid now (or was already used)');
  });

  it('GIVEN a confirmation WHEN someone else presses it, or it expires THEN nothing changes', async () => {
    const reply = await h.double.runCommand({ name: 'mode', subcommand: 'live', user: ADMIN, options: { code: await nextCode() } }).response();
    const [confirm] = buttonIds(reply);
    const other = await h.double.clickButton({ message: reply, customId: confirm ?? '', user: ROLE_ADMIN, roles: [ADMIN_ROLE_ID] }).response();
    expect(other.content).toContain('expired or is not yours');
    skewMs += 61_000;
    const late = await h.double.runCommand({ name: 'mode', subcommand: 'live', user: ADMIN, options: { code: await nextCode() } }).response();
    skewMs += 61_000;
    const [lateConfirm] = buttonIds(late);
    const expired = await h.double.clickButton({ message: late, customId: lateConfirm ?? '', user: ADMIN }).response();
    expect(expired.content).toContain('has expired');
    expect(h.app.control.state()?.mode).toBe('paper');
  });

  it('GIVEN a current code WHEN the admin confirms THEN the mode is live, audit-logged, DM\'d to admins, and shown by /bot status', async () => {
    const reply = await h.double.runCommand({ name: 'mode', subcommand: 'live', user: ADMIN, options: { code: await nextCode() } }).response();
    const [confirm] = buttonIds(reply);
    const done = await h.double.clickButton({ message: reply, customId: confirm ?? '', user: ADMIN }).response();
    expect(done.content).toBe('✅ Trading mode switched: 📝 paper → 💵 LIVE. Admins have been told.');
    expect(h.app.control.state()?.mode).toBe('live');
    const dm = await h.double.waitForDm(ADMIN.id, titled('Trading mode: paper → live'));
    expect(fieldsOf(dm.embeds[0])).toMatchObject({ Mode: '💵 LIVE', 'Changed by': ADMIN.username });
    const audit = (await auditTrail(h)).find((a) => a.action === 'mode.switch');
    expect(audit).toMatchObject({ actorId: ADMIN.id, allowed: true, detail: { from: 'paper', to: 'live', brokers: ['test-broker'] } });
    const status = await h.double.runCommand({ name: 'bot', subcommand: 'status', user: TRADER }).response();
    expect(fieldsOf(status.embeds[0]).Mode).toBe('live');
  });

  it('GIVEN live mode WHEN the bot restarts THEN it is still live; /mode paper switches back at once and tells the admins', async () => {
    await h.restart();
    expect(h.app.control.state()?.mode).toBe('live');
    const reply = await h.double.runCommand({ name: 'mode', subcommand: 'paper', user: ROLE_ADMIN, roles: [ADMIN_ROLE_ID] }).response();
    expect(reply.content).toBe('✅ Trading mode switched: 💵 LIVE → 📝 paper. Admins have been told.');
    expect(h.app.control.state()?.mode).toBe('paper');
    await h.double.waitForDm(ADMIN.id, titled('Trading mode: live → paper'));
    // The role admin is remembered once seen, so admin notices reach them too.
    await h.double.waitForDm(ROLE_ADMIN.id, titled('Trading mode: live → paper'));
    expect(dmTitles().filter((t) => t.startsWith('Trading mode'))).toEqual(['Trading mode: paper → live', 'Trading mode: live → paper']);
  });
});
