import type { Alert } from '../../domain/alerts/types.js';
import type { QuoteUpdate } from '../../domain/alerts/index.js';
import { toQuote } from '../market/quote-input.js';
import {
  checkRisk, proposedOrderFor, pruneRiskHistory, releasedAlertAt, type RiskLimits, type SeenSignal,
} from '../../domain/risk/index.js';
import {
  commandFromAlert, PaperEngine, type EngineCommand, type EngineEvent, type ExitDefaults, type Fill, type PaperConfig, type Quote,
} from '../../domain/trading/index.js';
import { formatMicros } from '../../domain/trading/money.js';
import type { StopRequest } from '../../domain/trading/manual-stop.js';
import type { AppDeps, Log, PositionRecord, QuoteSink, StoredSignal } from '../ports.js';
import {
  batchFromEvents, indexEntries, noteTargetFill, positionRecord, type BatchParts, type EntryIndex, type RealizedTracker,
} from './batch.js';
import { describeDenial, describeRejection } from './describe.js';
import { DailyLossWatch } from './daily-loss-watch.js';
import { JournalWriter } from './journal-writer.js';
import { JournalConflictError } from '../conflicts.js';
import { marketPrices } from './market-prices.js';
import { SessionMarks } from './session-marks.js';
import { notifyBatch, type SignalContext } from './notices.js';

/** A webhook link's own exit defaults (SL %, target %, trailing %), for signals that came through it. */
export type LinkExitLookup = (linkId: number) => Promise<ExitDefaults | null>;

export interface DeskConfig {
  broker: string;
  mode: string;
  paper: PaperConfig;
  limits: RiskLimits;
  flattenOnDailyLoss: boolean;
  /** Outside market hours, hold an alert until the open instead of rejecting it. */
  queueOutsideHours: boolean;
}

/** What one committed batch did: the outcome for a signal, and the records written. */
export interface Committed {
  outcome: AlertOutcome;
  parts: BatchParts;
}

export type AlertOutcome =
  | { status: 'executed'; fills: number }
  | { status: 'queued'; untilMs: number; reason: string }
  | { status: 'rejected'; code: string; reason: string };
type Rejected = Extract<AlertOutcome, { status: 'rejected' }>;

/**
 * The paper desk: owns the engine, runs risk before every order, writes every engine output to
 * the store in one transaction per batch (in engine order), and only then tells people.
 * Rebuilt from the journal on start; after a failed write it rebuilds again, so memory never
 * runs ahead of the store: batches computed before the failure are dropped (they were built on
 * state the store never got), and until a rebuild succeeds the desk trades nothing and reacts
 * to no quote, retrying the rebuild with backoff.
 */
export class TradingDesk implements QuoteSink {
  private engine: PaperEngine;
  private fills: Fill[] = [];
  private realized: RealizedTracker = new Map();
  private entries: EntryIndex = new Map();
  private recent: SeenSignal[] = [];
  /** The stored journal's version once every batch built so far is stored: the next batch is built on it. */
  private journalVersion = 0;
  private readonly writes: JournalWriter;
  private lossWatch: DailyLossWatch;
  private readonly sessionMarks: SessionMarks;
  killSwitch: { on: boolean; reason: string | null } = { on: false, reason: null };

  constructor(private readonly deps: AppDeps, readonly config: DeskConfig, private readonly log: Log,
    private readonly linkExits: LinkExitLookup | null = null) {
    this.engine = new PaperEngine(config.paper);
    this.lossWatch = new DailyLossWatch(config.limits, config.paper.startingBalanceCents);
    this.sessionMarks = new SessionMarks(deps.stores.sessionMarks, log);
    this.writes = new JournalWriter((batch) => deps.stores.trades.commit(batch), () => this.load(), log, deps.onForeignWrite);
  }

  private get meta() {
    return { broker: this.config.broker, mode: this.config.mode };
  }

  async load(): Promise<void> {
    const journal = await this.deps.stores.trades.loadJournal(this.config.broker);
    // Keeping the old engine's quotes, so an exit at the market right after a rebuild fills at once.
    this.engine = PaperEngine.rebuild(this.config.paper, journal, this.engine);
    this.journalVersion = journal.version;
    this.fills = [...journal.fills];
    this.entries = new Map();
    indexEntries(this.entries, journal.orders);
    for (const fill of journal.fills) noteTargetFill(this.entries, fill);
    this.realized = new Map(this.engine.state().positions.map((p) => [p.positionId, p.realizedGrossCents]));
    await this.sessionMarks.load(this.deps.clock.nowMs());
  }

  /**
   * Risk, then the engine, then the journal. `released` marks an alert queued while the market
   * was closed: its age counts from the open of the session it is released into (releasedAlertAt).
   */
  async executeAlert(signal: StoredSignal, alert: Alert, released = false): Promise<AlertOutcome> {
    await this.catchUp(); // decided on the engine the store holds, not refused afterwards and decided again (rejectSignal)
    this.assertInStep();
    const now = this.deps.clock.nowMs();
    const result = commandFromAlert(alert, String(signal.id), this.engine.config, (s) => marketPrices(this.engine, s).reference);
    if (!result.ok) return this.rejectSignal({ signal, alert }, result.rejection.code, describeRejection(result.rejection));
    return this.executeCommand(signal, alert, await this.withLinkExits(signal, result.command), now, released);
  }

  /** TradingView signals carry their link id in the natural key (`<link id>:<key>`). */
  private async withLinkExits(signal: StoredSignal, command: EngineCommand): Promise<EngineCommand> {
    if (command.type !== 'open' || signal.source !== 'tradingview' || !this.linkExits) return command;
    const linkId = Number(signal.externalId.split(':')[0]);
    if (!Number.isSafeInteger(linkId)) return command;
    const exitDefaults = await this.linkExits(linkId);
    return exitDefaults ? { ...command, exitDefaults } : command;
  }

  private async executeCommand(signal: StoredSignal, alert: Alert, command: EngineCommand, now: number,
    released: boolean): Promise<AlertOutcome> {
    const signalKey = `${signal.source}:${signal.externalId}`;
    const proposed = proposedOrderFor(command, {
      signalKey, alertAtMs: released ? releasedAlertAt(command, signal.postedAtMs, now) : signal.postedAtMs,
      marketPriceMicros: this.entryPrice(command),
    });
    this.assertInStep();
    const decision = checkRisk(this.config.limits, this.snapshot(now), proposed, now);
    if (!decision.ok && decision.denial.code === 'MARKET_CLOSED' && this.config.queueOutsideHours) {
      return this.queueSignal(signal, decision.denial.nextOpenMs, describeDenial(decision.denial));
    }
    if (!decision.ok) return this.rejectSignal({ signal, alert }, decision.denial.code, describeDenial(decision.denial));
    this.assertInStep();
    const seen: SeenSignal = { signalKey, fingerprint: proposed.fingerprint, atMs: now };
    this.recent.push(seen);
    const events = this.engine.execute(command, now);
    try {
      return (await this.commitEvents(events, { signal, alert })).outcome;
    } catch (err) {
      this.recent = this.recent.filter((r) => r !== seen); // nothing was traded: not a duplicate of anything
      throw err;
    }
  }

  /** QuoteSink: a quote as feeds send it (decimal strings); ignored when unusable. */
  push(update: QuoteUpdate): void {
    const quote = toQuote(update, this.deps.clock.nowMs());
    if (quote) this.onQuote(quote);
  }

  /** A quote from any feed: exits and stop moves it triggers are persisted, then announced. */
  onQuote(quote: Quote): void {
    if (this.writes.outOfStep) { // no exits from an engine the store disagrees with; its rebuild takes over the prices
      this.engine.seedQuotes([quote]);
      return;
    }
    const events = this.engine.onQuote(quote);
    if (events.length > 0) void this.commitEvents(events, null).catch(() => undefined);
    this.sessionMarks.observe(quote.atMs, this.engine.openPositions(), (p) => this.engine.markFor(p));
    const breach = this.lossWatch.onTick(quote.atMs, () => this.snapshot(quote.atMs));
    if (breach) void this.onDailyLossHit(breach, quote.atMs);
  }

  /**
   * Close positions at the market (a user's /close, end of day, the loss limit). With
   * `announce` false the caller reports (one end-of-day DM instead of one per fill).
   */
  async closePositions(positionIds: readonly string[], reason: 'manual' | 'end_of_day', announce = true): Promise<Committed> {
    this.assertInStep();
    const now = this.deps.clock.nowMs();
    const events = positionIds.flatMap((id) => this.engine.closePosition(id, 'all', reason, now));
    return this.commitEvents(events, null, announce);
  }

  /** A user moves the stops of open positions (/move-stop): journaled and DM'd like an alert's move. */
  async moveStops(moves: readonly { positionId: string; to: StopRequest }[]): Promise<Committed> {
    this.assertInStep();
    const now = this.deps.clock.nowMs();
    const events = moves.flatMap((m) => this.engine.moveStop(m.positionId, m.to, 'manual', now));
    return this.commitEvents(events, null);
  }

  lastPrice(symbol: string): string | null {
    const reference = marketPrices(this.engine, symbol).reference;
    return reference === null ? null : formatMicros(reference, 0);
  }

  openPositionIds(): string[] {
    return this.engine.openPositions().map((p) => p.positionId);
  }

  /** The read model of a position as the engine sees it now. */
  position(positionId: string): PositionRecord | null {
    return positionRecord(this.engine, positionId, this.entries, this.meta);
  }

  get notifier() {
    return this.deps.notifier;
  }

  get paperEngine(): PaperEngine {
    return this.engine;
  }

  account() {
    return this.engine.account();
  }

  drain(): Promise<void> {
    return this.writes.drain();
  }

  /** Null while memory matches the store; else why not (a write failed and no rebuild has succeeded yet). */
  get storeProblem(): string | null {
    return this.writes.outOfStep?.message ?? null;
  }

  /** Stop retrying a rebuild (shutdown). */
  stop(): void {
    this.writes.stop();
  }

  /**
   * Limits changed at run time (/risk set): the next order and the next tick use them. The loss
   * watch starts afresh, so a limit lowered below today's loss is announced (and acted on) once.
   */
  setLimits(limits: RiskLimits): void {
    this.config.limits = limits;
    this.lossWatch = new DailyLossWatch(limits, this.config.paper.startingBalanceCents);
  }

  snapshot(nowMs: number) {
    this.fills = pruneRiskHistory(this.fills, this.config.limits, nowMs, (id) => this.engine.position(id)); // the store keeps everything
    return this.lossWatch.snapshot({ fills: this.fills, engine: this.engine, nowMs, killSwitch: this.killSwitch, recent: this.recent,
      sessionMarks: this.sessionMarks.current(nowMs) });
  }

  private entryPrice(command: EngineCommand): number | null {
    if (command.type !== 'open') return null;
    const prices = marketPrices(this.engine, command.symbol);
    return command.side === 'long' ? prices.ask : prices.bid;
  }

  private async queueSignal(signal: StoredSignal, untilMs: number, why: string): Promise<AlertOutcome> {
    const reason = `${why}; queued until then`;
    await this.deps.stores.signals.setStatus(signal.id, signal.status, 'queued', 'MARKET_CLOSED', reason);
    return { status: 'queued', untilMs, reason };
  }

  /**
   * A refusal is written through the journal like a trade (a batch of no orders): decided on an
   * engine that another bot's write has since outdated, it is refused in turn, and the alert is
   * decided again on the rebuilt engine (the pipeline's onceMoreOnConflict).
   */
  private async rejectSignal(ctx: SignalContext, code: string, reason: string): Promise<AlertOutcome> {
    const outcome: Rejected = { status: 'rejected', code, reason };
    await this.commitEvents([], ctx, true, outcome);
    return outcome;
  }

  /**
   * Rebuild from the store if another bot on this database stored trades this engine never saw; true when it did.
   * One read, not queued behind earlier batches' DMs: run before every alert, and every few seconds (scheduleJobs).
   * A stored version below this engine's is its own batches in flight; above it, another bot wrote.
   */
  async catchUp(): Promise<boolean> {
    const { broker } = this.config;
    await this.writes.rebuilt(); // one the 5 s watch started
    const found = await this.deps.stores.trades.journalVersion(broker);
    if (found <= this.journalVersion) return false;
    await this.writes.rebuildAfterForeignWrite(new JournalConflictError(broker, this.journalVersion, found));
    return true;
  }

  private assertInStep(): void {
    const problem = this.writes.outOfStep;
    if (problem) throw new Error(`the paper engine is out of step with the store (${problem.message}); nothing is traded until it is rebuilt`);
  }

  /** Persist in engine order; on failure rebuild from the store so memory matches what is durable. */
  private async commitEvents(events: readonly EngineEvent[], ctx: SignalContext | null, announce = true,
    decided?: Rejected): Promise<Committed> {
    const parts = batchFromEvents(this.engine, events, this.realized, this.entries, { ...this.meta, basedOn: this.journalVersion++ });
    const rejection = parts.rejections[0]?.rejection;
    const outcome: Rejected | Extract<AlertOutcome, { status: 'executed' }> = decided ?? (rejection && parts.fills.length === 0
      ? { status: 'rejected', code: rejection.code, reason: describeRejection(rejection) }
      : { status: 'executed', fills: parts.fills.length });
    if (ctx) {
      const { id, status: from } = ctx.signal;
      parts.batch.signal = outcome.status === 'executed'
        ? { id, from, status: 'executed', reasonCode: null, reason: null }
        : { id, from, status: 'rejected', reasonCode: outcome.code, reason: outcome.reason };
    }
    await this.writes.write(parts.batch, async () => {
      if (announce) await notifyBatch(this.deps.notifier, parts, ctx, outcome);
    });
    this.fills.push(...parts.batch.fills.map((f) => f.fill));
    return { outcome, parts };
  }

  private async onDailyLossHit(description: string, atMs: number): Promise<void> {
    const ids = this.config.flattenOnDailyLoss ? this.openPositionIds() : [];
    this.log.warn({ atMs, flatten: ids.length }, 'daily loss limit reached');
    if (ids.length > 0) await this.closePositions(ids, 'manual').catch((err: unknown) => this.log.error({ err }, 'flatten failed'));
    await this.deps.notifier.notify({ kind: 'daily_loss_limit', description, flattened: ids.length });
  }
}
