import { beforeEach, describe, expect, it } from 'vitest';
import { CONFIRM_WINDOW_MS, ModeSwitcher } from '../../../src/app/mode/mode-switch.js';
import type { BotState, BotStateStore } from '../../../src/app/ports.js';
import type { Actor } from '../../../src/app/permissions.js';
import { TestClock } from '../../../src/domain/clock.js';
import { MemoryAudit, MemoryNotifier } from './control-fakes.js';

const admin: Actor = { userId: '100', userName: 'admin', roleIds: [], interactionId: 'i1', guildId: 'g' };
const other: Actor = { userId: '200', userName: 'other', roleIds: [], interactionId: 'i2', guildId: 'g' };

/** A code is valid when it is "good-<step>" for the current 30 s step or the one before. */
const codes = {
  check: (code: string, nowMs: number) => {
    const step = Math.floor(nowMs / 30_000);
    const m = /^good-(\d+)$/.exec(code);
    const given = m ? Number(m[1]) : NaN;
    return Promise.resolve(given === step || given === step - 1 ? { step: given } : null);
  },
};

describe('ModeSwitcher', () => {
  let clock: TestClock;
  let state: BotState;
  let brokers: string[];
  let audit: MemoryAudit;
  let notifier: MemoryNotifier;
  let switcher: ModeSwitcher;
  let lastStep = Number.NEGATIVE_INFINITY;
  const code = () => `good-${Math.floor(clock.nowMs() / 30_000)}`;

  beforeEach(() => {
    clock = new TestClock(Date.parse('2026-11-20T15:00:00Z'));
    lastStep = Number.NEGATIVE_INFINITY;
    state = { running: true, mode: 'paper', startedAtMs: 0, updatedAtMs: 0, updatedBy: null };
    brokers = ['topstepx'];
    audit = new MemoryAudit();
    notifier = new MemoryNotifier();
    const botState: BotStateStore = {
      get: () => Promise.resolve(state),
      setRunning: () => Promise.resolve(state),
      setMode: (mode, actor, atMs) => Promise.resolve(state = { ...state, mode, updatedBy: actor, updatedAtMs: atMs }),
      claimTotpStep: (step) => {
        const fresh = step > lastStep;
        if (fresh) lastStep = step;
        return Promise.resolve(fresh);
      },
    };
    const control = { authorize: (a: Actor) => Promise.resolve(a.userId === admin.userId), state: () => state, load: () => Promise.resolve(state) };
    switcher = new ModeSwitcher({ botState, audit, notifier, clock, control, liveBrokers: { configured: () => brokers }, codes });
  });

  it('GIVEN a non-admin WHEN they ask for any mode THEN refused', async () => {
    expect(await switcher.request(other, 'paper', null)).toEqual({ status: 'refused', code: 'NOT_ADMIN' });
  });

  it('GIVEN no live broker WHEN live is asked THEN NO_LIVE_BROKER, audited, even with a good code', async () => {
    brokers = [];
    expect(await switcher.request(admin, 'concurrent', code())).toEqual({ status: 'no_live_broker', code: 'NO_LIVE_BROKER' });
    expect(audit.entries).toEqual([expect.objectContaining({ action: 'mode.concurrent', allowed: false, detail: { code: 'NO_LIVE_BROKER' } })]);
  });

  it('GIVEN a good code WHEN confirmed within the window THEN switched, audited, announced; the code cannot be used again', async () => {
    const c = code();
    const asked = await switcher.request(admin, 'live', c);
    expect(asked).toMatchObject({ status: 'confirm', target: 'live', brokers: ['topstepx'], expiresAtMs: clock.nowMs() + CONFIRM_WINDOW_MS });
    expect(state.mode).toBe('paper');
    expect(await switcher.request(admin, 'live', c)).toEqual({ status: 'code_invalid', code: 'TOTP_INVALID' });
    clock.advance(CONFIRM_WINDOW_MS);
    const token = asked.status === 'confirm' ? asked.token : '';
    expect(await switcher.confirm(other, token)).toEqual({ status: 'expired', code: 'CONFIRMATION_EXPIRED' });
    expect(await switcher.confirm(admin, token)).toEqual({ status: 'switched', from: 'paper', to: 'live' });
    expect(await switcher.confirm(admin, token)).toEqual({ status: 'expired', code: 'CONFIRMATION_EXPIRED' });
    expect(state).toMatchObject({ mode: 'live', updatedBy: '100' });
    expect(audit.entries.at(-1)).toMatchObject({ action: 'mode.switch', allowed: true, detail: { from: 'paper', to: 'live', brokers: ['topstepx'] } });
    expect(notifier.notices).toEqual([expect.objectContaining({ kind: 'setting_changed', setting: 'mode', from: 'paper', to: 'live' })]);
  });

  it('GIVEN a confirmation WHEN the window passes or the broker goes away THEN nothing changes', async () => {
    const late = await switcher.request(admin, 'live', code());
    clock.advance(CONFIRM_WINDOW_MS + 1);
    expect(await switcher.confirm(admin, late.status === 'confirm' ? late.token : '')).toMatchObject({ status: 'expired' });
    clock.advance(30_000);
    const gone = await switcher.request(admin, 'live', code());
    brokers = [];
    expect(await switcher.confirm(admin, gone.status === 'confirm' ? gone.token : '')).toMatchObject({ status: 'no_live_broker' });
    expect(state.mode).toBe('paper');
  });

  it('GIVEN codes WHEN missing, malformed, too old, or from the future THEN refused', async () => {
    expect(await switcher.request(admin, 'live', null)).toEqual({ status: 'code_required', code: 'TOTP_REQUIRED' });
    const step = Math.floor(clock.nowMs() / 30_000);
    for (const bad of ['123456', `good-${step - 2}`, `good-${step + 1}`]) {
      expect(await switcher.request(admin, 'live', bad)).toMatchObject({ status: 'code_invalid' });
    }
  });

  it('GIVEN live WHEN paper is asked THEN it switches at once without a code or confirmation; asking again changes nothing', async () => {
    state = { ...state, mode: 'live' };
    expect(await switcher.request(admin, 'paper', null)).toEqual({ status: 'switched', from: 'live', to: 'paper' });
    expect(await switcher.request(admin, 'paper', null)).toEqual({ status: 'unchanged', mode: 'paper' });
  });
});
