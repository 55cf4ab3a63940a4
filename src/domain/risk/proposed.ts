/** Turn an engine command into the ProposedOrder that risk checks, with a duplicate fingerprint. */
import type { EngineCommand } from '../trading/alert-commands.js';
import type { Micros } from '../trading/money.js';
import { notionalCents } from '../trading/pnl.js';
import { describeSelector } from '../trading/position-selector.js';
import { specForSymbol } from '../trading/symbols.js';
import { calendarFor, type CalendarName } from '../sessions/calendars.js';
import { isOpen, sessionStart } from '../sessions/market-hours.js';
import type { ProposedOrder } from './snapshot.js';

/**
 * Same trade content ⇒ same fingerprint: one alert reposted, or the same call from Discord and
 * TradingView. Prices are micros on the tick grid, so "4750" and "4750.00" agree.
 */
export function commandFingerprint(command: EngineCommand): string {
  if (command.type === 'open') {
    const { plan } = command;
    return ['open', command.symbol, command.side, command.alertPriceMicros ?? '-', plan.stopMicros ?? '-',
      plan.targetsMicros.join(',')].join('|');
  }
  const target = describeSelector(command.target);
  const detail = command.type === 'close' ? JSON.stringify(command.amount) : String(command.to);
  return [command.type, target, command.side ?? '-', detail].join('|');
}

function calendarOf(command: EngineCommand): CalendarName {
  if (command.type === 'open') return specForSymbol(command.symbol)?.calendar ?? 'us-equity-options';
  const t = command.target;
  if (t.kind === 'symbol') return specForSymbol(t.symbol)?.calendar ?? 'us-equity-options';
  if (t.kind === 'asset_class') return t.assetClass === 'futures' ? 'cme-globex' : 'us-equity-options';
  return 'us-equity-options';
}

/**
 * Where the age of a released alert (one held while its market was closed) starts: the open
 * of the session it is released into, or its post if that is later. Null while the market is
 * still closed: it waits again. A bot that was down for days releases it into a session that
 * opened long after the open it waited for, and the age says so (STALE_ALERT).
 */
export function releasedAlertAt(command: EngineCommand, postedAtMs: number, nowMs: number): number | null {
  const calendar = calendarFor(calendarOf(command));
  if (!isOpen(calendar, nowMs)) return null;
  return Math.max(postedAtMs, sessionStart(calendar, nowMs));
}

export interface ProposalMeta {
  readonly signalKey: string | null;
  readonly alertAtMs: number | null;
  /** Market price for notional (e.g. the ask for a long); falls back to the alert's price. */
  readonly marketPriceMicros: Micros | null;
}

export function proposedOrderFor(command: EngineCommand, meta: ProposalMeta): ProposedOrder {
  const base = { signalKey: meta.signalKey, fingerprint: commandFingerprint(command), calendar: calendarOf(command),
    alertAtMs: meta.alertAtMs };
  if (command.type !== 'open') {
    const symbol = command.target.kind === 'symbol' ? command.target.symbol : describeSelector(command.target);
    return { ...base, intent: command.type === 'close' ? 'close' : 'adjust', symbol, qtyContracts: 0, priceMicros: null, notionalCents: null };
  }
  const spec = specForSymbol(command.symbol);
  const priceMicros = meta.marketPriceMicros ?? command.alertPriceMicros;
  const notional = spec && priceMicros !== null ? notionalCents(spec, priceMicros, command.qtyContracts) : null;
  return { ...base, intent: 'open', symbol: command.symbol, qtyContracts: command.qtyContracts, priceMicros, notionalCents: notional };
}
