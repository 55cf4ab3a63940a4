/**
 * Alert → engine command. Split out so the app can size and risk-check a command before the
 * engine executes it: `commandFromAlert` → `checkRisk` → `engine.execute`.
 */
import type { Alert, FuturesAlert, OptionAlert } from '../alerts/types.js';
import type { EngineRejection } from './engine-events.js';
import { NO_EXITS, type ExitPlan } from './exit-rules.js';
import { EQUITY_OPTION, occSymbol, type InstrumentSpec } from './instruments.js';
import { MICROS_PER_UNIT, parseDecimal, snapToTick, type Micros } from './money.js';
import type { ExitDefaults, PaperConfig } from './paper-config.js';
import type { PositionSide } from './pnl.js';
import type { PositionSelector } from './position-selector.js';
import { futuresContracts, optionContracts } from './sizing.js';
import { canonicalSymbol, specForSymbol } from './symbols.js';

export interface OpenCommand {
  readonly type: 'open';
  readonly signalId: string | null;
  readonly symbol: string;
  readonly side: PositionSide;
  readonly qtyContracts: number;
  /** The alert's entry price (on the tick grid), if it gave one: band check and no-quote fallback. */
  readonly alertPriceMicros: Micros | null;
  readonly plan: ExitPlan;
  /** Defaults for what the alert left empty, instead of the config's (e.g. a webhook link's SL/target/trailing %). */
  readonly exitDefaults?: ExitDefaults;
}

/** How much of each matching position to close: a fraction (micros, 1e6 = all) or contracts. */
export type CloseAmount =
  | { readonly kind: 'fraction'; readonly fractionMicros: number }
  | { readonly kind: 'contracts'; readonly qtyContracts: number };

export interface CloseCommand {
  readonly type: 'close';
  readonly signalId: string | null;
  readonly target: PositionSelector;
  /** Only positions on this side; null = every position on the symbol. */
  readonly side: PositionSide | null;
  readonly amount: CloseAmount;
  /** The alert's exit price: used only when no quote has arrived (and only for one symbol/series). */
  readonly alertPriceMicros: Micros | null;
}

export interface AdjustStopCommand {
  readonly type: 'adjust_stop';
  readonly signalId: string | null;
  readonly target: PositionSelector;
  readonly side: PositionSide | null;
  readonly to: Micros | 'breakeven';
}

export type EngineCommand = OpenCommand | CloseCommand | AdjustStopCommand;

export type CommandResult =
  | { readonly ok: true; readonly command: EngineCommand }
  | { readonly ok: false; readonly rejection: EngineRejection };

/** Latest market price for a symbol, used only to cap option size by budget. */
export type PriceLookup = (symbol: string) => Micros | null;

const ALL: CloseAmount = { kind: 'fraction', fractionMicros: MICROS_PER_UNIT };

/** The parser marks "not stated" with '' (symbol, expiry); null is accepted too. */
function present(text: string | null | undefined): string | null {
  return text === null || text === undefined || text.trim() === '' ? null : text;
}

type Parsed<T> = { ok: true; value: T } | { ok: false; rejection: EngineRejection };

/** A positive decimal price snapped to `tickMicros` (1 = leave as written; the engine snaps per position). */
function price(tickMicros: Micros, field: string, raw: string | null): Parsed<Micros | null> {
  if (raw === null) return { ok: true, value: null };
  const micros = parseDecimal(raw);
  if (micros === null || micros <= 0) return { ok: false, rejection: { code: 'INVALID_ALERT', field, value: raw } };
  return { ok: true, value: snapToTick(micros, tickMicros) };
}

function closeAmount(fraction: string | null, quantity: number | null): Parsed<CloseAmount> {
  if (fraction === null) return { ok: true, value: quantity !== null ? { kind: 'contracts', qtyContracts: quantity } : ALL };
  const micros = parseDecimal(fraction);
  if (micros === null || micros <= 0 || micros > MICROS_PER_UNIT) {
    return { ok: false, rejection: { code: 'INVALID_ALERT', field: 'fraction', value: fraction } };
  }
  return { ok: true, value: { kind: 'fraction', fractionMicros: micros } };
}

function futuresPlan(spec: InstrumentSpec, alert: FuturesAlert): Parsed<ExitPlan> {
  const stop = price(spec.tick, 'stop', alert.stop);
  if (!stop.ok) return stop;
  const targets: Micros[] = [];
  for (const raw of alert.targets) {
    const target = price(spec.tick, 'targets', raw);
    if (!target.ok) return target;
    if (target.value !== null) targets.push(target.value);
  }
  return { ok: true, value: { stopMicros: stop.value, targetsMicros: targets, trailing: null } };
}

/** close / adjust: a named symbol, or — when the alert names none — every futures position. */
function fromFuturesExit(alert: FuturesAlert, signalId: string | null, target: PositionSelector,
  tickMicros: Micros): CommandResult {
  const at = price(tickMicros, 'entry', alert.entry);
  if (!at.ok) return at;
  if (alert.action === 'close') {
    const amount = closeAmount(alert.fraction, alert.quantity);
    if (!amount.ok) return amount;
    const alertPriceMicros = target.kind === 'symbol' ? at.value : null;
    return { ok: true, command: { type: 'close', signalId, target, side: alert.side, amount: amount.value, alertPriceMicros } };
  }
  if (alert.newStop === 'breakeven') return { ok: true, command: { type: 'adjust_stop', signalId, target, side: alert.side, to: 'breakeven' } };
  const to = price(tickMicros, 'newStop', alert.newStop);
  if (!to.ok) return to;
  if (to.value === null) return { ok: false, rejection: { code: 'INVALID_ALERT', field: 'newStop', value: null } };
  return { ok: true, command: { type: 'adjust_stop', signalId, target, side: alert.side, to: to.value } };
}

function fromFutures(alert: FuturesAlert, signalId: string | null, config: PaperConfig): CommandResult {
  const named = present(alert.symbol);
  const symbol = named === null ? null : canonicalSymbol(named);
  const spec = symbol === null ? undefined : specForSymbol(symbol);
  if (alert.action !== 'open' && named === null) {
    // No symbol named ("stopped out"): every futures position; prices stay unsnapped (tick 1 micro).
    return fromFuturesExit(alert, signalId, { kind: 'asset_class', assetClass: 'futures' }, 1);
  }
  if (symbol === null || !spec) return { ok: false, rejection: { code: 'UNKNOWN_SYMBOL', symbol: named ?? '' } };
  if (alert.action !== 'open') return fromFuturesExit(alert, signalId, { kind: 'symbol', symbol }, spec.tick);
  const entry = price(spec.tick, 'entry', alert.entry);
  if (!entry.ok) return entry;
  if (alert.side === null) return { ok: false, rejection: { code: 'INVALID_ALERT', field: 'side', value: null } };
  const plan = futuresPlan(spec, alert);
  if (!plan.ok) return plan;
  const qtyContracts = futuresContracts(alert.size, alert.quantity, config.baseContracts);
  if (!Number.isInteger(qtyContracts) || qtyContracts < 1) {
    return { ok: false, rejection: { code: 'INVALID_ALERT', field: 'quantity', value: String(qtyContracts) } };
  }
  return { ok: true, command: { type: 'open', signalId, symbol, side: alert.side, qtyContracts,
    alertPriceMicros: entry.value, plan: plan.value } };
}

/**
 * An option close: one contract when the alert names it whole, else every position it fits —
 * any expiry when none is named, any strike for `STC SPY calls`.
 */
function fromOptionClose(alert: OptionAlert, signalId: string | null, strikeMicros: Micros | null): CommandResult {
  const expiry = present(alert.expiry);
  const target: PositionSelector = expiry === null || strikeMicros === null
    ? { kind: 'option_series', underlying: alert.underlying.toUpperCase(), right: alert.right, strikeMicros, expiry }
    : { kind: 'symbol', symbol: occSymbol(alert.underlying, expiry, alert.right, strikeMicros) };
  const at = price(EQUITY_OPTION.tick, 'price', alert.price);
  if (!at.ok) return at;
  const amount = closeAmount(alert.fraction, alert.quantity);
  if (!amount.ok) return amount;
  return { ok: true, command: { type: 'close', signalId, target, side: alert.side, amount: amount.value, alertPriceMicros: at.value } };
}

function fromOption(alert: OptionAlert, signalId: string | null, config: PaperConfig, lookup: PriceLookup): CommandResult {
  const named = present(alert.strike);
  const strike = named === null ? null : parseDecimal(named);
  if (alert.action === 'close' && named === null) return fromOptionClose(alert, signalId, null);
  if (strike === null || strike <= 0) return { ok: false, rejection: { code: 'INVALID_ALERT', field: 'strike', value: alert.strike } };
  if (alert.action === 'close') return fromOptionClose(alert, signalId, strike);
  const expiry = present(alert.expiry);
  if (expiry === null) return { ok: false, rejection: { code: 'INVALID_ALERT', field: 'expiry', value: null } };
  const symbol = occSymbol(alert.underlying, expiry, alert.right, strike);
  const alertPrice = price(EQUITY_OPTION.tick, 'price', alert.price);
  if (!alertPrice.ok) return alertPrice;
  const sizing = optionContracts(alert.quantity, lookup(symbol) ?? alertPrice.value, config.defaultOptionContracts,
    config.maxOptionTradeCents);
  if (!sizing.ok) {
    const { priceMicros, costPerContractCents, budgetCents } = sizing;
    return { ok: false, rejection: { code: 'OPTION_BUDGET_TOO_SMALL', priceMicros, costPerContractCents, budgetCents } };
  }
  return { ok: true, command: { type: 'open', signalId, symbol, side: alert.side, qtyContracts: sizing.qtyContracts,
    alertPriceMicros: alertPrice.value, plan: NO_EXITS } };
}

/** Translate a parsed alert. `lookup` gives the market price used to cap option size (optional). */
export function commandFromAlert(alert: Alert, signalId: string | null, config: PaperConfig,
  lookup: PriceLookup = () => null): CommandResult {
  return alert.kind === 'futures' ? fromFutures(alert, signalId, config) : fromOption(alert, signalId, config, lookup);
}
