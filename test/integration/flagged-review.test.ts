import { beforeEach, describe, expect, it } from 'vitest';
import { createStores } from '../../src/adapters/store/index.js';
import { createLogger } from '../../src/adapters/log/logger.js';
import { startTradingCore, type TradingCore } from '../../src/app/core.js';
import type { Actor } from '../../src/app/permissions.js';
import type { AppDeps, Notice } from '../../src/app/ports.js';
import { ReviewDesk } from '../../src/app/reviews/review-desk.js';
import { TestClock } from '../../src/domain/clock.js';
import { testCoreConfig } from '../support/core-config.js';
import { testDatabaseKinds, useDatabase } from '../support/databases.js';
import { futuresMessage } from '../support/signals.js';

/** Friday 2026-11-20 10:00 New York: CME Globex open. */
const FRIDAY_OPEN = Date.parse('2026-11-20T15:00:00Z');
const log = createLogger({ level: 'silent' });
const ADMIN: Actor = { userId: '7', userName: 'admin', roleIds: [], interactionId: null };
const EDIT_REASON = 'alert edited after it was posted; original (#1, executed): ES LONG 4750 STOP 4745 T1 4755';

/** A signal flagged at intake (an edited alert) is parsed but never traded without an admin. */
describe.each(testDatabaseKinds())('a signal flagged for review at intake, on $name', (kind) => {
  const test = useDatabase(kind);
  let deps: AppDeps;
  let core: TradingCore;
  let notices: Notice[];

  beforeEach(async () => {
    const clock = new TestClock(FRIDAY_OPEN);
    notices = [];
    deps = { stores: createStores(test.database, () => clock.nowMs()), clock, notifier: { notify: (n) => { notices.push(n); return Promise.resolve(); } } };
    core = await startTradingCore(deps, testCoreConfig({}, [ADMIN.userId]), log);
    core.desk.push({ symbol: 'ES', bid: '4749.75', ask: '4750.00', last: null, ts: new Date(FRIDAY_OPEN).toISOString() });
  });

  async function ingest(text: string, flagged: boolean) {
    const input = futuresMessage(`m-${text}:edit:${FRIDAY_OPEN}`, text, FRIDAY_OPEN,
      { authorId: '8', ...(flagged ? { reasonCode: 'EDITED', reason: EDIT_REASON } : {}) });
    const { signal } = await core.pipeline.ingest(input, true);
    await core.pipeline.drain();
    await core.desk.drain();
    return (await deps.stores.signals.get(signal.id))!;
  }

  it('GIVEN a confident, fresh alert flagged EDITED WHEN processed THEN needs_review with that reason, the admins asked, no order', async () => {
    const stored = await ingest('ES LONG 4750 STOP 4740 T1 4755', true);
    expect(stored).toMatchObject({ status: 'needs_review', reasonCode: 'EDITED', reason: EDIT_REASON });
    expect(stored.parse?.ok && stored.confidence).toBeGreaterThanOrEqual(0.8);
    expect(notices).toEqual([expect.objectContaining({ kind: 'review_needed', signal: expect.objectContaining({ id: stored.id, reason: EDIT_REASON }) })]);
    expect(await deps.stores.trades.openPositions()).toEqual([]);
  });

  it('GIVEN the same text unflagged WHEN processed THEN it is traded (the flag alone holds it)', async () => {
    expect((await ingest('ES LONG 4750 STOP 4740 T1 4755', false)).status).toBe('executed');
  });

  it('GIVEN a flagged edit WHEN an admin approves it THEN it trades once', async () => {
    const stored = await ingest('ES LONG 4750 STOP 4740 T1 4755', true);
    const reviews = new ReviewDesk({ signals: deps.stores.signals, trades: deps.stores.trades, reviews: deps.stores.reviews, audit: deps.stores.audit, clock: deps.clock,
      control: core.control, maxAlertAgeMs: 120_000, execute: (id) => core.pipeline.executeApproved(id) });
    expect(await reviews.approve(ADMIN, stored.id)).toMatchObject({ status: 'approved', outcome: { status: 'executed' } });
    expect((await deps.stores.trades.openPositions()).map((p) => p.stop)).toEqual(['4740']);
  });

  it('GIVEN an edit of an alert whose position is still open WHEN an admin approves it THEN refused, nothing traded, the edit still pending; once that position closes, approval trades it', async () => {
    const base = futuresMessage('m-orig', 'ES LONG 4750 STOP 4745 T1 4755', FRIDAY_OPEN, { authorId: '8' });
    const original = (await core.pipeline.ingest(base, true)).signal;
    const edit = (await core.pipeline.ingest({ ...base, externalId: `m-orig:edit:${FRIDAY_OPEN}`, rawText: 'ES LONG 4750 STOP 4740 T1 4755',
      reasonCode: 'EDITED', reason: EDIT_REASON }, true)).signal;
    await core.pipeline.drain();
    await core.desk.drain();
    const [opened] = await deps.stores.trades.openPositions();
    expect(opened).toMatchObject({ signalId: original.id, stop: '4745' });
    const reviews = new ReviewDesk({ signals: deps.stores.signals, trades: deps.stores.trades, reviews: deps.stores.reviews, audit: deps.stores.audit,
      clock: deps.clock, control: core.control, maxAlertAgeMs: 120_000, execute: (id) => core.pipeline.executeApproved(id) });
    const refused = await reviews.approve(ADMIN, edit.id);
    expect(refused).toMatchObject({ status: 'original_open', code: 'ORIGINAL_STILL_OPEN', original: { id: original.id },
      positions: [{ id: opened?.id }] });
    expect((await deps.stores.trades.openPositions()).map((p) => p.id)).toEqual([opened?.id]);
    expect(await deps.stores.reviews.get(edit.id)).toBeNull(); // not decided: it can still be rejected, or approved later
    expect((await deps.stores.signals.get(edit.id))?.status).toBe('needs_review');

    await core.desk.closePositions([opened?.id ?? ''], 'manual');
    expect(await reviews.approve(ADMIN, edit.id)).toMatchObject({ status: 'approved', outcome: { status: 'executed' } });
    expect((await deps.stores.trades.openPositions()).map((p) => [p.signalId, p.stop])).toEqual([[edit.id, '4740']]);
  });

  it('GIVEN a held alert whose first edit was approved and traded WHEN a second edit is approved THEN refused: the first edit\'s position is open', async () => {
    const base = futuresMessage('m-held', 'ES LONG 4750', FRIDAY_OPEN, { authorId: '8' });
    const version = async (n: number, rawText: string) => {
      const { signal } = await core.pipeline.ingest({ ...base, externalId: `m-held:edit:${FRIDAY_OPEN + n}`, rawText, reasonCode: 'EDITED', reason: EDIT_REASON }, true);
      await core.pipeline.drain();
      return signal;
    };
    await core.pipeline.ingest(base, true);
    const first = await version(1, 'ES LONG 4750 STOP 4745');
    const second = await version(2, 'ES LONG 4750 STOP 4740');
    const reviews = new ReviewDesk({ signals: deps.stores.signals, trades: deps.stores.trades, reviews: deps.stores.reviews, audit: deps.stores.audit,
      clock: deps.clock, control: core.control, maxAlertAgeMs: 120_000, execute: (id) => core.pipeline.executeApproved(id) });
    expect(await reviews.approve(ADMIN, first.id)).toMatchObject({ status: 'approved', outcome: { status: 'executed' } });
    expect(await reviews.approve(ADMIN, second.id)).toMatchObject({ status: 'original_open', original: { id: first.id } });
    expect((await deps.stores.trades.openPositions()).map((p) => p.signalId)).toEqual([first.id]);
  });

  it('GIVEN a flagged edit that is no longer an alert WHEN processed THEN not_alert, its reason keeping the flag, nobody asked', async () => {
    const stored = await ingest('never mind, cancelled', true);
    expect(stored.status).toBe('not_alert');
    expect(stored.reason).toContain(EDIT_REASON);
    expect(notices).toEqual([]);
  });

  it('GIVEN a flagged edit that still parses but is struck through and cancelled WHEN processed THEN ignored as withdrawn, nobody asked to approve it', async () => {
    const stored = await ingest('~~ES LONG 4750 STOP 4740~~ cancelled', true);
    expect(stored).toMatchObject({ status: 'ignored', reasonCode: 'CANCELLED' });
    expect(stored.parse?.ok).toBe(true);
    expect(stored.reason).toContain(EDIT_REASON);
    expect(notices.filter((n) => n.kind === 'review_needed')).toEqual([]);
    expect(await deps.stores.trades.openPositions()).toEqual([]);
  });

  it('GIVEN the same cancelled text posted, not edited WHEN processed THEN held for review at low confidence, as any unsure alert', async () => {
    const stored = await ingest('~~ES LONG 4750 STOP 4740~~ cancelled', false);
    expect(stored).toMatchObject({ status: 'needs_review', reasonCode: 'LOW_CONFIDENCE' });
  });
});
