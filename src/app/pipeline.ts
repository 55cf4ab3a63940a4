import { parseAlert } from '../domain/alerts/index.js';
import type { ParseResult } from '../domain/alerts/types.js';
import { positionLabel, type AppDeps, type Log, type NewSignal, type PositionRecord, type StoredSignal } from './ports.js';
import { failureReason } from './failure-reason.js';
import { SerialQueue } from './serial-queue.js';
import { JournalConflictError, SignalTakenError } from './conflicts.js';
import { EDITED, summarise, tellIfWithdrawn, withdrawnByEdit } from './message-edits.js';
import type { Alert } from '../domain/alerts/types.js';
import type { AlertOutcome } from './trading/desk.js';

export interface PipelineConfig {
  confidenceThreshold: number;
  maxAlertAgeMs: number;
}

/** Where routed alerts go (the trading desk), and what the parser may know of the market. */
export interface AlertExecutor {
  executeAlert(signal: StoredSignal, alert: Alert, released?: boolean): Promise<AlertOutcome>;
  /** Last known price of a symbol root or OCC symbol, as a decimal string. */
  lastPrice(symbol: string): string | null;
  /** The open positions an exit or stop-move alert would act on now (none for an opening alert). */
  openPositionsFor(alert: Alert): PositionRecord[];
}

export type IngestResult =
  | { status: 'stored'; signal: StoredSignal }
  | { status: 'duplicate'; signal: StoredSignal }
  | { status: 'ignored'; signal: StoredSignal };

/**
 * The one path every signal takes: store first, then parse → check → execute → notify,
 * one signal at a time. Idempotent by the signal's natural key (source + external id).
 */
export class SignalPipeline {
  private readonly queue = new SerialQueue();
  private readonly releases = new Map<number, NodeJS.Timeout>();
  /** Set by close(): jobs not yet started do nothing; their signals stay stored for the next start. */
  private closing = false;
  private openGate: (() => void) | null = null;

  /** `isRunning`: whether the bot is started (/bot start); a queued alert is not released while it is stopped. */
  constructor(private readonly deps: AppDeps, private readonly config: PipelineConfig, private readonly executor: AlertExecutor,
    private readonly log: Log, private readonly isRunning: () => boolean = () => true) {}

  /** Store the signal (or find it stored), then queue it. Resolves once it is durable. */
  async ingest(input: NewSignal, acceptNew: boolean): Promise<IngestResult> {
    const decided: NewSignal = acceptNew ? input
      : { ...input, status: 'ignored', reasonCode: 'BOT_STOPPED', reason: 'the bot is stopped' };
    const { inserted, signal } = await this.deps.stores.signals.insert(decided);
    if (!inserted) {
      // Stored, yet maybe never queued: its first caller may have been told it was not stored. A
      // second queueing is harmless — process() re-reads the status in the serial queue.
      if (signal.status === 'received') this.enqueue(() => this.process(signal.id));
      return { status: 'duplicate', signal };
    }
    if (signal.status === 'ignored') return { status: 'ignored', signal };
    this.enqueue(() => this.process(signal.id));
    return { status: 'stored', signal };
  }

  /**
   * Re-queue signals that were stored but not finished (after a crash or restart), and retry
   * those waiting for the market (they are queued again if it is still closed).
   */
  async resume(): Promise<number> {
    const unfinished = await this.deps.stores.signals.unfinished();
    for (const signal of unfinished) this.enqueue(() => this.process(signal.id));
    const approved = await this.deps.stores.signals.approvedNotExecuted();
    for (const signal of approved) this.enqueue(() => this.approved(signal.id).then(() => undefined, () => undefined));
    const queued = await this.deps.stores.signals.queued();
    for (const signal of queued) this.enqueue(() => this.release(signal.id));
    return unfinished.length + approved.length + queued.length;
  }

  /**
   * An alert an admin approved in review: executed in the queue like any signal (so it never
   * races one), if it still waits for review. Null when it no longer does. A failure marks it
   * `failed`: an approval is never left waiting on something that will not come.
   */
  executeApproved(signalId: number): Promise<AlertOutcome | null> {
    return new Promise((resolve, reject) => {
      this.enqueue(() => this.approved(signalId).then(resolve, reject),
        () => reject(new Error('TradeStream is shutting down: the approval is kept, and the alert is executed at the next start')));
    });
  }

  private async approved(signalId: number): Promise<AlertOutcome | null> {
    const { signals } = this.deps.stores;
    const signal = await signals.get(signalId);
    if (!signal || signal.status !== 'needs_review' || !signal.parse?.ok) return null;
    const alert = signal.parse.alert;
    try {
      const outcome = await this.onceMoreOnConflict(signal, (s) => this.executor.executeAlert(s, alert));
      if (outcome !== null) this.scheduleIfQueued(signalId, outcome);
      return outcome;
    } catch (err) {
      if (this.takenElsewhere(err)) return null;
      await this.markFailed(signal, err, 'executing an approved alert failed');
      throw err;
    }
  }

  /**
   * Hold the queue until the returned function is called: signals are still stored and queued,
   * in order, but nothing acts on them. On start, `resume()` queues what was left unfinished
   * while held, so it goes before messages that arrive while Discord connects.
   */
  hold(): () => void {
    let open: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => { open = resolve; });
    void this.queue.push(() => gate);
    this.openGate = open;
    return () => { this.openGate = null; open(); };
  }

  /**
   * Shutdown: the signal being processed finishes; the ones queued behind it are left as the
   * store has them (received, approved, queued) and taken up by `resume()` at the next start.
   * So a backlog (after an outage, or a burst of webhooks) never holds a stop up. Release timers
   * are cancelled. Resolves when the job under way has ended.
   */
  close(): Promise<void> {
    this.closing = true;
    this.stopTimers();
    this.openGate?.(); // a start still holding the queue: nothing behind the gate runs now anyway
    return this.queue.drain();
  }

  get pending(): number {
    return this.queue.pending;
  }

  /** Cancel release timers; queued signals stay queued in the store. */
  stopTimers(): void {
    for (const timer of this.releases.values()) clearTimeout(timer);
    this.releases.clear();
  }

  /** Resolves once every signal queued so far has been processed (tests, replay). */
  drain(): Promise<void> {
    return this.queue.drain();
  }

  /** Queue a job, unless closing: then `skipped` runs instead, and the signal waits in the store. */
  private enqueue(job: () => Promise<unknown>, skipped: () => void = () => undefined): void {
    void this.queue.push(async () => {
      if (this.closing) skipped();
      else await job();
    });
  }

  private async process(signalId: number): Promise<void> {
    const signals = this.deps.stores.signals;
    const signal = await signals.get(signalId);
    if (!signal || signal.status !== 'received') return;
    try {
      await this.onceMoreOnConflict(signal, (s) => this.decide(s));
    } catch (err) {
      if (!this.takenElsewhere(err)) await this.markFailed(signal, err, 'signal processing failed');
    }
  }

  /**
   * `act` on the signal; when the journal moved on under it (JournalConflictError: another bot
   * on this database wrote to it, and the desk has since rebuilt its engine from the store), once
   * more on the signal as stored now, if it is still where it was — so the alert is traded on the
   * store's state rather than lost. Null when it has moved on meanwhile.
   */
  private async onceMoreOnConflict<T>(signal: StoredSignal, act: (signal: StoredSignal) => Promise<T>): Promise<T | null> {
    try {
      return await act(signal);
    } catch (err) {
      if (!(err instanceof JournalConflictError)) throw err; // the journal writer has reported it (onForeignWrite)
      this.log.warn({ err, signalId: signal.id }, 'another TradeStream wrote to this database\'s journal: trying the signal again on the rebuilt engine');
      const now = await this.deps.stores.signals.get(signal.id);
      return now?.status === signal.status ? act(now) : null;
    }
  }

  /** Marks the signal failed, unless it has left the status it was read with (then it is another bot's). */
  private async markFailed(signal: StoredSignal, err: unknown, what: string): Promise<void> {
    const signalId = signal.id;
    this.log.error({ err, signalId }, what);
    await this.deps.stores.signals.setStatus(signalId, signal.status, 'failed', 'INTERNAL_ERROR', failureReason(err)).catch((writeErr: unknown) => {
      if (this.takenElsewhere(writeErr)) return;
      this.log.error({ err: writeErr, signalId }, `could not mark a failed signal failed: it stays ${signal.status}, and is tried again on the next start`);
    });
  }

  /**
   * Another bot on this database moved the signal on first (see SignalTakenError): this one did
   * nothing with it — no order stored, no DM — and leaves it to that bot.
   */
  private takenElsewhere(err: unknown): boolean {
    if (!(err instanceof SignalTakenError)) return false;
    this.deps.onForeignWrite?.(err);
    this.log.warn({ signalId: err.signalId, expected: err.expected, found: err.found },
      'signal already handled by another TradeStream on this database; this one left it alone');
    return true;
  }

  private async decide(signal: StoredSignal): Promise<void> {
    const { signals } = this.deps.stores;
    const parse = parseAlert({ channel: signal.channelKind, text: signal.rawText, postedAt: new Date(signal.postedAtMs).toISOString(),
      lastPrice: (symbol) => this.executor.lastPrice(symbol) });
    // A signal that ends here gets its parse and status in one write; one that goes on to the
    // desk has its parse stored first, and the desk records what became of it.
    if (!parse.ok) return this.storeNotAlert(signal, parse);
    if (await withdrawnByEdit(this.deps, signal, parse)) return;
    if (signal.reasonCode !== null) {
      // Flagged at intake (an edited alert): parsed, so admins see what it now says; never traded without them.
      await this.holdForReview(signal, parse, signal.reasonCode, signal.reason ?? signal.reasonCode);
      return;
    }
    if (parse.confidence < this.config.confidenceThreshold) {
      await this.holdForReview(signal, parse, 'LOW_CONFIDENCE',
        `confidence ${parse.confidence.toFixed(2)} below ${this.config.confidenceThreshold}: ${summarise(parse)}`);
      return;
    }
    const ageMs = this.deps.clock.nowMs() - signal.postedAtMs;
    if (ageMs > this.config.maxAlertAgeMs) return this.storeStale(signal, parse, ageMs);
    await signals.saveParse(signal.id, signal.status, parse);
    this.scheduleIfQueued(signal.id, await this.executor.executeAlert(signal, parse.alert));
  }

  /**
   * Too old to act on (posted while the bot was down, or held up): stored as stale, with no order.
   * An exit or stop move left undone while its position stays open is a trade the caller is out
   * of and the bot is not, so subscribers are told, with the positions, like a rejected order.
   */
  private async storeStale(signal: StoredSignal, parse: ParseResult & { ok: true }, ageMs: number): Promise<void> {
    const reason = `posted ${Math.round(ageMs / 1000)} s ago; the limit is ${this.config.maxAlertAgeMs / 1000} s`;
    await this.deps.stores.signals.saveParse(signal.id, signal.status, parse, { status: 'stale', reasonCode: 'STALE_ALERT', reason });
    const open = this.executor.openPositionsFor(parse.alert);
    if (open.length === 0) return;
    const still = open.map(positionLabel).join(', ');
    await this.deps.notifier.notify({ kind: 'order_rejected', signal, alert: parse.alert, reasonCode: 'STALE_ALERT',
      reason: `${reason}, so it was not followed. Still open: ${still}. Use /close or /move-stop to follow it by hand.` });
  }

  private async storeNotAlert(signal: StoredSignal, parse: ParseResult): Promise<void> {
    const why = summarise(parse);
    await this.deps.stores.signals.saveParse(signal.id, signal.status, parse, { status: 'not_alert', reasonCode: parse.reasons[0]?.code ?? 'NOT_AN_ALERT',
      reason: signal.reason === null ? why : `${why} (${signal.reason})` });
    if (signal.reasonCode === EDITED) await tellIfWithdrawn(this.deps, signal);
  }

  private async holdForReview(signal: StoredSignal, parse: ParseResult, reasonCode: string, reason: string): Promise<void> {
    await this.deps.stores.signals.saveParse(signal.id, signal.status, parse, { status: 'needs_review', reasonCode, reason });
    await this.deps.notifier.notify({ kind: 'review_needed', signal, parse, threshold: this.config.confidenceThreshold });
  }

  private scheduleIfQueued(signalId: number, outcome: AlertOutcome): void {
    if (outcome.status !== 'queued') return;
    const delayMs = Math.max(0, Math.min(outcome.untilMs - this.deps.clock.nowMs(), 2 ** 31 - 1));
    clearTimeout(this.releases.get(signalId));
    const timer = setTimeout(() => {
      this.releases.delete(signalId);
      this.enqueue(() => this.release(signalId));
    }, delayMs);
    timer.unref();
    this.releases.set(signalId, timer);
  }

  /**
   * A queued alert at the open: executed as it was parsed, its age counted from the open (the
   * desk marks it stale if that open was long ago). Not while the bot is stopped.
   */
  private async release(signalId: number): Promise<void> {
    const { signals } = this.deps.stores;
    const signal = await signals.get(signalId);
    if (!signal || signal.status !== 'queued' || !signal.parse?.ok) return;
    try {
      if (!this.isRunning()) {
        await signals.setStatus(signalId, 'queued', 'ignored', 'BOT_STOPPED', 'the bot was stopped when the market opened');
        return;
      }
      const alert = signal.parse.alert;
      const outcome = await this.onceMoreOnConflict(signal, (s) => this.executor.executeAlert(s, alert, true));
      if (outcome !== null) this.scheduleIfQueued(signalId, outcome);
    } catch (err) {
      if (!this.takenElsewhere(err)) this.log.error({ err, signalId }, 'releasing a queued signal failed');
    }
  }
}
