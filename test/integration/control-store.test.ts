import { describe, expect, it } from 'vitest';
import { Recipients } from '../../src/app/notify/recipients.js';
import { BotStateRepository } from '../../src/adapters/store/bot-state-repo.js';
import { testDatabaseKinds, useStores } from '../support/databases.js';
import { futuresMessage } from '../support/signals.js';

const NOW = Date.parse('2026-11-20T15:00:00Z');
const [ADMIN, ROLE_ADMIN, TRADER, OTHER] = ['111111', '222222', '333333', '444444'];

describe.each(testDatabaseKinds())('control stores on $name', (kind) => {
  const db = useStores(kind, () => NOW);

  it('GIVEN risk overrides WHEN set twice and removed THEN the latest value is kept per limit, and removal restores nothing stored', async () => {
    await db.stores.riskOverrides.set({ name: 'max_open_positions', value: '3', updatedBy: ADMIN, updatedAtMs: NOW });
    await db.stores.riskOverrides.set({ name: 'max_open_positions', value: '1', updatedBy: ROLE_ADMIN, updatedAtMs: NOW + 1000 });
    await db.stores.riskOverrides.set({ name: 'kill_switch', value: 'on', updatedBy: ADMIN, updatedAtMs: NOW + 2000 });
    expect(await db.stores.riskOverrides.all()).toEqual([
      { name: 'kill_switch', value: 'on', updatedBy: ADMIN, updatedAtMs: NOW + 2000 },
      { name: 'max_open_positions', value: '1', updatedBy: ROLE_ADMIN, updatedAtMs: NOW + 1000 },
    ]);
    await db.stores.riskOverrides.remove('kill_switch');
    expect((await db.stores.riskOverrides.all()).map((o) => o.name)).toEqual(['max_open_positions']);
  });

  it('GIVEN admins, subscribers and opt-outs WHEN recipients are listed THEN trade notices and admin notices reach the right people', async () => {
    const recipients = new Recipients([ADMIN, OTHER], db.stores.notifyPreferences);
    await db.stores.notifyPreferences.setSubscribed(TRADER, true, NOW);
    await db.stores.notifyPreferences.setSubscribed(OTHER, false, NOW);
    await db.stores.notifyPreferences.rememberRoleAdmin(ROLE_ADMIN, NOW);
    expect((await recipients.of('subscribers')).sort()).toEqual([ADMIN, ROLE_ADMIN, TRADER].sort());
    expect((await recipients.of('admins')).sort()).toEqual([ADMIN, OTHER, ROLE_ADMIN].sort());
    expect(await recipients.subscription(OTHER)).toEqual({ subscribed: false, reason: 'opted_out' });
    expect(await recipients.subscription(ADMIN)).toEqual({ subscribed: true, reason: 'admin_default' });
  });

  it('GIVEN a role admin who opted out WHEN seen again as admin THEN the opt-out stands; WHEN seen without the role THEN forgotten', async () => {
    await db.stores.notifyPreferences.setSubscribed(ROLE_ADMIN, false, NOW);
    await db.stores.notifyPreferences.rememberRoleAdmin(ROLE_ADMIN, NOW + 1);
    expect(await db.stores.notifyPreferences.get(ROLE_ADMIN)).toMatchObject({ subscribed: false, roleAdmin: true });
    await db.stores.notifyPreferences.forgetRoleAdmin(ROLE_ADMIN, NOW + 2);
    expect(await db.stores.notifyPreferences.get(ROLE_ADMIN)).toMatchObject({ subscribed: false, roleAdmin: false, updatedAtMs: NOW + 2 });
    await db.stores.notifyPreferences.forgetRoleAdmin(TRADER, NOW + 3);
    expect(await db.stores.notifyPreferences.get(TRADER)).toBeNull();
  });

  it('GIVEN two admins deciding the same review at once WHEN both claim THEN exactly one decision is stored and both see it', async () => {
    const { signal } = await db.stores.signals.insert(futuresMessage('review-1', 'ES LONG 4750', NOW));
    const claims = await Promise.all([
      db.stores.reviews.decide({ signalId: signal.id, decision: 'approved', actorId: ADMIN, actorName: 'admin', decidedAtMs: NOW }),
      db.stores.reviews.decide({ signalId: signal.id, decision: 'rejected', actorId: ROLE_ADMIN, actorName: 'role-admin', decidedAtMs: NOW + 1 }),
    ]);
    expect(claims.filter((c) => c.inserted)).toHaveLength(1);
    expect(claims[0]?.review).toEqual(claims[1]?.review);
    expect(await db.stores.reviews.get(signal.id)).toEqual(claims[0]?.review);
    expect(await db.stores.reviews.get(signal.id + 1)).toBeNull();
  });

  it('GIVEN the bot state WHEN the mode is set THEN it is stored with who and when, and running is untouched', async () => {
    await db.stores.botState.get({ running: true, mode: 'paper' });
    const state = await db.stores.botState.setMode('live', ADMIN, NOW + 5000);
    expect(state).toMatchObject({ running: true, mode: 'live', updatedBy: ADMIN, updatedAtMs: NOW + 5000 });
    expect(await db.stores.botState.get({ running: false, mode: 'paper' })).toMatchObject({ mode: 'live', running: true });
  });

  it('GIVEN TOTP steps WHEN claimed THEN each is good once, an older one never, and of two at once exactly one wins', async () => {
    await db.stores.botState.get({ running: true, mode: 'paper' });
    const step = Math.floor(NOW / 30_000);
    expect(await db.stores.botState.claimTotpStep(step)).toBe(true);
    expect(await db.stores.botState.claimTotpStep(step)).toBe(false);
    expect(await db.stores.botState.claimTotpStep(step - 1)).toBe(false);
    const both = await Promise.all([db.stores.botState.claimTotpStep(step + 1), db.stores.botState.claimTotpStep(step + 1)]);
    expect(both.filter(Boolean)).toHaveLength(1);
    // A new repository over the same database (a restart) still refuses the used step.
    expect(await new BotStateRepository(db.test.database.db, () => NOW).claimTotpStep(step + 1)).toBe(false);
  });
});
