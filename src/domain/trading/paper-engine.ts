/**
 * The paper broker's core. Commands and quotes go in; events (orders, fills, position changes,
 * stop moves, rejections) come out as plain data. Every state change is one of the journaled
 * records (orders, fills, stop moves), so `PaperEngine.rebuild` replays them to the same state.
 * No I/O and no clock: times come in as epoch-ms arguments (a command's `atMs`, a quote's `atMs`).
 */
import type { Alert } from '../alerts/types.js';
import { accountView, type AccountView } from './account.js';
import { commandFromAlert, type AdjustStopCommand, type CloseCommand, type EngineCommand, type OpenCommand } from './alert-commands.js';
import { closeQty } from './close-qty.js';
import { priceEntry } from './entry-pricing.js';
import { filledOrder, fillFor, newOrder, rejectedOrder, type OrderDraft } from './engine-records.js';
import type { EngineEvent, EngineJournal, EngineRejection, StopMove } from './engine-events.js';
import { ExitManager, type BracketView, type ExitAction, type ExitTrigger, type StopCause } from './exit-manager.js';
import { NO_EXITS } from './exit-rules.js';
import type { Fill, FillReason, OrderSide } from './fills.js';
import type { InstrumentSpec } from './instruments.js';
import { snapToTick, type Micros } from './money.js';
import type { Order } from './orders.js';
import { DEFAULT_PAPER_CONFIG, type PaperConfig } from './paper-config.js';
import type { PositionSide } from './pnl.js';
import { selects, type PositionSelector } from './position-selector.js';
import { averageEntryMicros, PositionBook, type Position } from './positions.js';
import { marketFill, marketReference, slipped, type FillPrice } from './pricing.js';
import { QuoteBook } from './quote-book.js';
import { markMicros, type Quote } from './quotes.js';
import { specForSymbol } from './symbols.js';

const NO_EVENTS: readonly EngineEvent[] = Object.freeze([]);

/** Everything that defines the engine's state, for comparisons (a rebuild must equal the original). */
export interface EngineState {
  readonly nextSeq: number;
  readonly orders: readonly Order[];
  readonly positions: readonly Position[];
  readonly brackets: readonly BracketView[];
}

function exitSide(side: PositionSide): OrderSide {
  return side === 'long' ? 'sell' : 'buy';
}

export class PaperEngine {
  private readonly book = new PositionBook();
  private readonly exits = new ExitManager();
  private readonly orders = new Map<string, Order>();
  private readonly quotes: QuoteBook;
  private seq = 1;

  constructor(readonly config: PaperConfig = DEFAULT_PAPER_CONFIG) {
    this.quotes = new QuoteBook(config.maxQuoteAgeMs);
  }

  /** Replay stored orders, fills and stop moves (any order; by `seq`). Quotes are not state: `previous` hands over its latest (seedQuotes). */
  static rebuild(config: PaperConfig, journal: EngineJournal, previous?: PaperEngine): PaperEngine {
    const engine = new PaperEngine(config);
    engine.replay(journal);
    if (previous) engine.seedQuotes(previous.quotes.all());
    return engine;
  }

  /** Latest quote for a symbol: marks positions and checks brackets. Older-than-latest quotes are ignored. */
  onQuote(quote: Quote): readonly EngineEvent[] {
    if (!this.quotes.update(quote)) return NO_EVENTS;
    const actions = this.exits.onQuote(quote);
    if (actions.length === 0) return NO_EVENTS;
    const out: EngineEvent[] = [];
    for (const action of actions) this.applyExitAction(action, out);
    return out;
  }

  /**
   * Restore latest quotes after a rebuild, for marks and market fills only: exits are NOT checked
   * (these prices were already seen before the restart). Live data goes through `onQuote`.
   */
  seedQuotes(quotes: readonly Quote[]): void {
    for (const quote of quotes) this.quotes.update(quote);
  }

  /** Translate and execute a parsed alert in one step (no risk check: the app does that first). */
  submitAlert(alert: Alert, signalId: string | null, atMs: number): EngineEvent[] {
    const result = commandFromAlert(alert, signalId, this.config, (symbol) => this.referencePrice(symbol, atMs));
    if (!result.ok) return [{ type: 'rejected', signalId, orderId: null, atMs, rejection: result.rejection }];
    return this.execute(result.command, atMs);
  }

  execute(command: EngineCommand, atMs: number): EngineEvent[] {
    const out: EngineEvent[] = [];
    if (command.type === 'open') this.executeOpen(command, atMs, out);
    else if (command.type === 'close') this.executeClose(command, atMs, out);
    else this.executeAdjust(command, atMs, out);
    return out;
  }

  /** Close part or all of one position at the market (a user's /close, end of day). */
  closePosition(positionId: string, qty: number | 'all', reason: 'manual' | 'end_of_day', atMs: number): EngineEvent[] {
    const out: EngineEvent[] = [];
    const position = this.book.get(positionId);
    if (!position || position.qtyContracts === 0) return out;
    const qtyContracts = qty === 'all' ? position.qtyContracts : Math.min(qty, position.qtyContracts);
    const price = marketFill(this.spec(position.symbol), exitSide(position.side), this.quotes.fresh(position.symbol, atMs),
      null, this.config.slippageTicks);
    if (price === null) return [this.rejection(null, null, atMs, { code: 'NO_PRICE', symbol: position.symbol })];
    this.exitOrder(position, qtyContracts, reason, price, null, null, atMs, out);
    return out;
  }

  /** A user moves a stop (a price, or breakeven); null removes it. */
  moveStop(positionId: string, to: Micros | 'breakeven', cause: StopCause, atMs: number): EngineEvent[] {
    const draft = this.exits.moveStop(positionId, to, cause, atMs);
    return draft ? [this.journalStopMove(draft)] : [];
  }

  openPositions(): Position[] {
    return this.book.open();
  }

  position(positionId: string): Position | undefined {
    return this.book.get(positionId);
  }

  bracket(positionId: string): BracketView | undefined {
    return this.exits.get(positionId);
  }

  order(orderId: string): Order | undefined {
    return this.orders.get(orderId);
  }

  latestQuote(symbol: string): Quote | undefined {
    return this.quotes.get(symbol);
  }

  /** Mark for a position from the latest quote (longs at bid or last, shorts at ask or last). */
  markFor(position: Position): Micros | null {
    const quote = this.quotes.get(position.symbol);
    return quote ? markMicros(quote, position.side) : null;
  }

  account(): AccountView {
    return accountView(this.config.startingBalanceCents, this.book.all(), (p) => this.markFor(p));
  }

  state(): EngineState {
    const byId = (a: { positionId: string }, b: { positionId: string }) => a.positionId.localeCompare(b.positionId);
    return {
      nextSeq: this.seq,
      orders: [...this.orders.values()].sort((a, b) => a.seq - b.seq),
      positions: this.book.all().sort(byId),
      brackets: this.exits.trackedIds().map((id) => this.exits.get(id) as BracketView).sort(byId),
    };
  }

  private executeOpen(cmd: OpenCommand, atMs: number, out: EngineEvent[]): void {
    const spec = specForSymbol(cmd.symbol);
    if (!spec) return void out.push(this.rejection(cmd.signalId, null, atMs, { code: 'UNKNOWN_SYMBOL', symbol: cmd.symbol }));
    const seq = this.nextSeq();
    const draft: OrderDraft = { signalId: cmd.signalId, positionId: this.id('P', seq), symbol: cmd.symbol, side: cmd.side === 'long' ? 'buy' : 'sell',
      qtyContracts: cmd.qtyContracts, purpose: 'entry', targetIndex: null, exitPlan: NO_EXITS };
    const order = newOrder(draft, this.id('O', seq), seq, atMs);
    const entry = priceEntry(cmd, spec, this.quotes.fresh(cmd.symbol, atMs), this.config);
    if (!entry.ok) return this.reject(order, entry.rejection, atMs, out);
    this.fillOrder({ ...order, exitPlan: entry.plan }, entry.price, atMs, out);
  }

  private executeClose(cmd: CloseCommand, atMs: number, out: EngineEvent[]): void {
    const targets = this.matching(cmd.target, cmd.side);
    if (targets.length === 0) {
      return void out.push(this.rejection(cmd.signalId, null, atMs, { code: 'NO_OPEN_POSITION', target: cmd.target, side: cmd.side }));
    }
    // The alert's price is one contract's: it stands in for a missing quote only when one position matches.
    const alertPrice = targets.length === 1 ? cmd.alertPriceMicros : null;
    for (const position of targets) {
      const price = marketFill(this.spec(position.symbol), exitSide(position.side), this.quotes.fresh(position.symbol, atMs),
        alertPrice, this.config.slippageTicks);
      if (price === null) {
        out.push(this.rejection(cmd.signalId, null, atMs, { code: 'NO_PRICE', symbol: position.symbol }));
        continue;
      }
      this.exitOrder(position, closeQty(position.qtyContracts, cmd.amount), 'alert_close', price, null, cmd.signalId, atMs, out);
    }
  }

  private executeAdjust(cmd: AdjustStopCommand, atMs: number, out: EngineEvent[]): void {
    const targets = this.matching(cmd.target, cmd.side);
    if (targets.length === 0) {
      return void out.push(this.rejection(cmd.signalId, null, atMs, { code: 'NO_OPEN_POSITION', target: cmd.target, side: cmd.side }));
    }
    for (const position of targets) {
      const to = cmd.to === 'breakeven' ? cmd.to : snapToTick(cmd.to, this.spec(position.symbol).tick);
      const draft = this.exits.moveStop(position.positionId, to, 'alert', atMs);
      if (draft) out.push(this.journalStopMove(draft));
    }
  }

  private applyExitAction(action: ExitAction, out: EngineEvent[]): void {
    if (action.kind === 'stop_moved') return void out.push(this.journalStopMove(action));
    const position = this.book.get(action.positionId);
    if (!position) throw new Error(`exit for unknown position ${action.positionId}`);
    this.exitOrder(position, action.qtyContracts, action.reason, this.triggerPrice(action), action.targetIndex,
      null, action.atMs, out, true);
  }

  /** Targets fill at their level; stops at the first quote at or past them, with slippage. */
  private triggerPrice(trigger: ExitTrigger): FillPrice {
    if (trigger.quoted === null) return { priceMicros: trigger.levelMicros, source: 'target', slippageTicks: 0 };
    const spec = this.spec(trigger.symbol);
    const priceMicros = slipped(spec, exitSide(trigger.side), trigger.quoted.priceMicros, this.config.slippageTicks);
    return { priceMicros, source: trigger.quoted.source, slippageTicks: this.config.slippageTicks };
  }

  private exitOrder(position: Position, qtyContracts: number, purpose: FillReason, price: FillPrice,
    targetIndex: number | null, signalId: string | null, atMs: number, out: EngineEvent[], fromTrigger = false): void {
    const seq = this.nextSeq();
    const order = newOrder({ signalId, positionId: position.positionId, symbol: position.symbol,
      side: exitSide(position.side), qtyContracts, purpose, targetIndex, exitPlan: null }, this.id('O', seq), seq, atMs);
    this.fillOrder(order, price, atMs, out, fromTrigger);
  }

  private fillOrder(order: Order, price: FillPrice, atMs: number, out: EngineEvent[], fromTrigger = false): void {
    const filled = filledOrder(order, atMs);
    this.orders.set(filled.orderId, filled);
    out.push({ type: 'order', order: filled });
    const seq = this.nextSeq();
    const commission = this.config.commissionCents[this.spec(order.symbol).assetClass];
    this.applyFill(fillFor(filled, price, commission, this.id('F', seq), seq, atMs), fromTrigger, out);
  }

  /** The one place a fill changes state — live and in replay. Trigger fills were already counted by the exit manager. */
  private applyFill(fill: Fill, fromTrigger: boolean, out: EngineEvent[] | null): void {
    const { position, change } = this.book.apply(fill);
    out?.push({ type: 'fill', fill }, { type: 'position', change, position });
    if (fill.reason !== 'entry') {
      if (!fromTrigger) this.exits.reduce(position.positionId, fill.qtyContracts, fill.targetIndex);
      return;
    }
    if (change !== 'opened') return this.exits.addContracts(position.positionId, fill.qtyContracts, averageEntryMicros(position));
    this.exits.track({ positionId: position.positionId, symbol: position.symbol, side: position.side,
      spec: this.spec(position.symbol), qtyContracts: position.qtyContracts, entryMicros: averageEntryMicros(position),
      plan: this.orders.get(fill.orderId)?.exitPlan ?? NO_EXITS });
  }

  private replay(journal: EngineJournal): void {
    let maxSeq = 0;
    for (const order of journal.orders) {
      this.orders.set(order.orderId, order);
      maxSeq = Math.max(maxSeq, order.seq);
    }
    type Entry = { seq: number; fill?: Fill; move?: StopMove };
    const entries: Entry[] = [...journal.fills.map((fill) => ({ seq: fill.seq, fill })),
      ...journal.stopMoves.map((move) => ({ seq: move.seq, move }))].sort((a, b) => a.seq - b.seq);
    for (const entry of entries) {
      if (entry.fill) this.applyFill(entry.fill, false, null);
      if (entry.move) this.exits.applyStopMove(entry.move);
      maxSeq = Math.max(maxSeq, entry.seq);
    }
    this.seq = maxSeq + 1;
  }

  private reject(order: Order, rejection: EngineRejection, atMs: number, out: EngineEvent[]): void {
    const rejected = rejectedOrder(order, rejection.code, atMs);
    this.orders.set(rejected.orderId, rejected);
    out.push({ type: 'order', order: rejected }, this.rejection(order.signalId, order.orderId, atMs, rejection));
  }

  private rejection(signalId: string | null, orderId: string | null, atMs: number, rejection: EngineRejection): EngineEvent {
    return { type: 'rejected', signalId, orderId, atMs, rejection };
  }

  private journalStopMove(d: ExitAction & { kind: 'stop_moved' }): EngineEvent {
    // Field by field rather than a spread: this runs on every trailing ratchet.
    const move: StopMove = { kind: 'stop_moved', positionId: d.positionId, fromMicros: d.fromMicros, toMicros: d.toMicros,
      bestMicros: d.bestMicros, cause: d.cause, atMs: d.atMs, seq: this.nextSeq() };
    return { type: 'stop_moved', move };
  }

  private matching(target: PositionSelector, side: PositionSide | null): Position[] {
    return this.book.open().filter((p) => selects(target, p.symbol) && (side === null || p.side === side));
  }

  private referencePrice(symbol: string, atMs: number): Micros | null {
    return marketReference(this.quotes.fresh(symbol, atMs), 'buy')?.priceMicros ?? null;
  }

  private spec(symbol: string): InstrumentSpec {
    const spec = specForSymbol(symbol);
    if (!spec) throw new Error(`no instrument spec for ${symbol}`);
    return spec;
  }

  private nextSeq(): number {
    const seq = this.seq;
    this.seq += 1;
    return seq;
  }

  private id(kind: 'O' | 'F' | 'P', seq: number): string {
    return `${this.config.idPrefix}${kind}${seq}`;
  }
}
