import { beforeEach, describe, expect, it } from 'vitest';
import { ReviewDesk } from '../../../src/app/reviews/review-desk.js';
import type { ReviewRecord, ReviewStore } from '../../../src/app/control-ports.js';
import type { SignalStatus, SignalStore, StoredSignal } from '../../../src/app/ports.js';
import type { Actor } from '../../../src/app/permissions.js';
import type { Alert } from '../../../src/domain/alerts/types.js';
import { TestClock } from '../../../src/domain/clock.js';
import { MemoryAudit } from './control-fakes.js';
import { futuresMessage } from '../../support/signals.js';

const POSTED = Date.parse('2026-11-20T15:00:00Z');
const admin: Actor = { userId: '100', userName: 'admin', roleIds: [], interactionId: 'i1', guildId: null };
const stranger: Actor = { userId: '300', userName: 'stranger', roleIds: [], interactionId: 'i3', guildId: 'g' };
const alert: Alert = { kind: 'futures', action: 'open', symbol: 'ES', side: 'long', entry: '4750', stop: null, targets: [], size: null,
  quantity: null, fraction: null, newStop: null, tags: [] };

function heldSignal(id: number, status: SignalStatus = 'needs_review'): StoredSignal {
  return {
    ...futuresMessage(`m${id}`, 'ES LONG 4750', POSTED, { guildId: 'g' }), id, status, reasonCode: null,
    reason: null, receivedAtMs: POSTED, confidence: 0.7,
    parse: { ok: true, confidence: 0.7, alert, fields: {}, reasons: [{ code: 'MISSING_STOP', message: 'no stop' }] },
  };
}

describe('ReviewDesk', () => {
  let clock: TestClock;
  let signals: Map<number, StoredSignal>;
  let decisions: Map<number, ReviewRecord>;
  let executed: number[];
  let running: boolean;
  let desk: ReviewDesk;

  beforeEach(() => {
    clock = new TestClock(POSTED + 30_000);
    signals = new Map([[1, heldSignal(1)], [2, heldSignal(2, 'executed')]]);
    decisions = new Map();
    executed = [];
    running = true;
    const signalStore = {
      get: (id: number) => Promise.resolve(signals.get(id) ?? null),
      setStatus: (id: number, from: SignalStatus, status: SignalStatus, reasonCode: string | null, reason: string | null) => {
        const s = signals.get(id);
        if (s?.status !== from) return Promise.reject(new Error(`signal ${id} is not ${from}`));
        signals.set(id, { ...s, status, reasonCode, reason });
        return Promise.resolve();
      },
      recent: () => Promise.resolve([...signals.values()].reverse()),
    } as unknown as SignalStore;
    const reviews: ReviewStore = {
      decide: (r) => {
        const earlier = decisions.get(r.signalId);
        if (earlier) return Promise.resolve({ inserted: false, review: earlier });
        decisions.set(r.signalId, r);
        return Promise.resolve({ inserted: true, review: r });
      },
      get: (id) => Promise.resolve(decisions.get(id) ?? null),
    };
    desk = new ReviewDesk({
      signals: signalStore, trades: { openPositions: () => Promise.resolve([]) }, reviews, audit: new MemoryAudit(), clock, maxAlertAgeMs: 120_000,
      control: { authorize: (a) => Promise.resolve(a.userId === admin.userId), isRunning: () => running },
      execute: (id) => { executed.push(id); return Promise.resolve({ status: 'executed', fills: 1 }); },
    });
  });

  it('GIVEN a non-admin WHEN they approve THEN refused and nothing is decided', async () => {
    expect(await desk.approve(stranger, 1)).toEqual({ status: 'refused', code: 'NOT_ADMIN' });
    expect(decisions.size).toBe(0);
  });

  it('GIVEN the bot is stopped WHEN an admin approves THEN nothing is decided, so it can be approved after /bot start', async () => {
    running = false;
    expect(await desk.approve(admin, 1)).toEqual({ status: 'bot_stopped', code: 'BOT_STOPPED' });
    running = true;
    expect(await desk.approve(admin, 1)).toMatchObject({ status: 'approved', outcome: { status: 'executed' } });
    expect(executed).toEqual([1]);
  });

  it('GIVEN a decided alert WHEN approved or rejected again THEN the first decision comes back and the desk is not called again', async () => {
    await desk.approve(admin, 1);
    expect(await desk.reject(admin, 1)).toMatchObject({ status: 'already', review: { decision: 'approved', actorId: '100' } });
    expect(await desk.approve(admin, 1)).toMatchObject({ status: 'already' });
    expect(executed).toEqual([1]);
  });

  it('GIVEN alerts that never needed review or do not exist WHEN approved THEN said so', async () => {
    expect(await desk.approve(admin, 2)).toMatchObject({ status: 'not_pending', code: 'NOT_PENDING_REVIEW' });
    expect(await desk.approve(admin, 9)).toEqual({ status: 'not_found', code: 'SIGNAL_NOT_FOUND', signalId: 9 });
    expect((await desk.pending()).map((s) => s.id)).toEqual([1]);
  });

  it('GIVEN the age limit WHEN approved exactly at it THEN traded; one millisecond later THEN stale, marked, not traded', async () => {
    clock.set(POSTED + 120_000);
    expect(await desk.approve(admin, 1)).toMatchObject({ status: 'approved' });
    signals.set(3, { ...heldSignal(3) });
    clock.set(POSTED + 120_001);
    expect(await desk.approve(admin, 3)).toMatchObject({ status: 'stale', ageMs: 120_001, limitMs: 120_000 });
    expect(signals.get(3)).toMatchObject({ status: 'stale', reasonCode: 'STALE_ALERT', reason: 'approved by admin 120 s after it was posted; the limit is 120 s' });
    expect(executed).toEqual([1]);
  });
});
