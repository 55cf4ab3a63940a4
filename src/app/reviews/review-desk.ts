import type { Alert } from '../../domain/alerts/types.js';
import type { Clock } from '../../domain/clock.js';
import type { ReviewDecision, ReviewRecord, ReviewStore } from '../control-ports.js';
import type { Actor } from '../permissions.js';
import { EDITED, editedMessageKey } from '../message-edits.js';
import type { AuditLog, PositionRecord, SignalStore, StoredSignal, TradeStore } from '../ports.js';
import type { AlertOutcome } from '../trading/desk.js';

export interface ReviewDeps {
  signals: SignalStore;
  trades: Pick<TradeStore, 'openPositions'>;
  reviews: ReviewStore;
  audit: AuditLog;
  clock: Clock;
  control: { authorize(actor: Actor, action: string): Promise<boolean>; isRunning(): boolean };
  /** Execute an approved alert through the signal pipeline (SignalPipeline.executeApproved). */
  execute(signalId: number): Promise<AlertOutcome | null>;
  /** MAX_ALERT_AGE_SECONDS × 1000: an approval later than this after the post is too late. */
  maxAlertAgeMs: number;
}

export type ReviewResult =
  | { status: 'refused'; code: 'NOT_ADMIN' }
  | { status: 'not_found'; code: 'SIGNAL_NOT_FOUND'; signalId: number }
  | { status: 'not_pending'; code: 'NOT_PENDING_REVIEW'; signal: StoredSignal }
  /** An edit of a message an earlier version of which (`original`) opened positions still open: approving would open more. */
  | { status: 'original_open'; code: 'ORIGINAL_STILL_OPEN'; signal: StoredSignal; original: StoredSignal; positions: PositionRecord[] }
  | { status: 'bot_stopped'; code: 'BOT_STOPPED' }
  | { status: 'already'; review: ReviewRecord; signal: StoredSignal }
  | { status: 'stale'; review: ReviewRecord; signal: StoredSignal; ageMs: number; limitMs: number }
  | { status: 'approved'; review: ReviewRecord; signal: StoredSignal; outcome: AlertOutcome }
  | { status: 'rejected'; review: ReviewRecord; signal: StoredSignal };

type Early = Exclude<ReviewResult, { status: 'stale' | 'approved' | 'rejected' }>;

const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;

/**
 * Alerts held for review (below the confidence threshold): an admin approves — the alert goes
 * through the desk (risk included) if it is still fresh — or rejects it. The first decision
 * wins and is stored; a second press gets that decision back, never a second order.
 */
export class ReviewDesk {
  constructor(private readonly deps: ReviewDeps) {}

  async approve(actor: Actor, signalId: number): Promise<ReviewResult> {
    const checked = await this.check(actor, signalId, 'approved');
    if ('status' in checked) return checked;
    const { signal, review } = checked;
    const ageMs = review.decidedAtMs - signal.postedAtMs;
    if (ageMs > this.deps.maxAlertAgeMs) {
      await this.deps.signals.setStatus(signal.id, 'needs_review', 'stale', 'STALE_ALERT',
        `approved by ${review.actorName ?? review.actorId} ${seconds(ageMs)} after it was posted; the limit is ${seconds(this.deps.maxAlertAgeMs)}`);
      return { status: 'stale', review, signal, ageMs, limitMs: this.deps.maxAlertAgeMs };
    }
    const outcome = await this.deps.execute(signal.id);
    if (outcome === null) return { status: 'not_pending', code: 'NOT_PENDING_REVIEW', signal };
    return { status: 'approved', review, signal, outcome };
  }

  async reject(actor: Actor, signalId: number): Promise<ReviewResult> {
    const checked = await this.check(actor, signalId, 'rejected');
    if ('status' in checked) return checked;
    const { signal, review } = checked;
    await this.deps.signals.setStatus(signal.id, 'needs_review', 'rejected', 'REJECTED_IN_REVIEW', `rejected in review by ${review.actorName ?? review.actorId}`);
    return { status: 'rejected', review, signal };
  }

  /** Alerts still waiting for a decision, newest first, among the latest `scan` signals. */
  async pending(scan = 200): Promise<StoredSignal[]> {
    const recent = await this.deps.signals.recent(scan);
    return recent.filter((s) => s.status === 'needs_review');
  }

  /** Gate, find, and claim the decision (atomically: the first claim wins). */
  private async check(actor: Actor, signalId: number, decision: ReviewDecision):
    Promise<Early | { signal: StoredSignal; alert: Alert; review: ReviewRecord }> {
    const action = decision === 'approved' ? 'review.approve' : 'review.reject';
    if (!(await this.deps.control.authorize(actor, action))) return { status: 'refused', code: 'NOT_ADMIN' };
    const signal = await this.deps.signals.get(signalId);
    if (!signal) return { status: 'not_found', code: 'SIGNAL_NOT_FOUND', signalId };
    const earlier = await this.deps.reviews.get(signalId);
    if (earlier) return { status: 'already', review: earlier, signal };
    const alert = signal.parse?.ok ? signal.parse.alert : null;
    if (signal.status !== 'needs_review' || !alert) return { status: 'not_pending', code: 'NOT_PENDING_REVIEW', signal };
    if (decision === 'approved') {
      const open = await this.originalStillOpen(signal);
      if (open !== null) return open;
      if (!this.deps.control.isRunning()) return { status: 'bot_stopped', code: 'BOT_STOPPED' };
    }
    const atMs = this.deps.clock.nowMs();
    const claim = await this.deps.reviews.decide({ signalId, decision, actorId: actor.userId, actorName: actor.userName, decidedAtMs: atMs });
    if (!claim.inserted) return { status: 'already', review: claim.review, signal: (await this.deps.signals.get(signalId)) ?? signal };
    await this.deps.audit.record({
      atMs, actorId: actor.userId, actorName: actor.userName, action, allowed: true, interactionId: actor.interactionId, detail: { signalId },
    });
    return { signal, alert, review: claim.review };
  }

  /**
   * An edited alert is a new alert: approving it does not correct the trade the message made. So
   * while a position an earlier version of the message opened (as posted, or an approved edit) is
   * still open, approval is refused (nothing is claimed: the edit stays pending) — the admin
   * corrects that position with /move-stop or /close instead.
   */
  private async originalStillOpen(signal: StoredSignal): Promise<Extract<ReviewResult, { status: 'original_open' }> | null> {
    const key = signal.reasonCode === EDITED ? editedMessageKey(signal.externalId) : null;
    if (key === null) return null;
    const earlier = new Map((await this.deps.signals.messageVersions(signal.source, key))
      .filter((s) => s.id !== signal.id).map((s) => [s.id, s]));
    const positions = (await this.deps.trades.openPositions()).filter((p) => p.signalId !== null && earlier.has(p.signalId));
    const openedBy = positions[0]?.signalId;
    const original = openedBy === undefined || openedBy === null ? undefined : earlier.get(openedBy);
    return original === undefined ? null : { status: 'original_open', code: 'ORIGINAL_STILL_OPEN', signal, original, positions };
  }
}
