import type { Alert } from '../domain/alerts/types.js';
import { EQUITY_OPTION, futuresSpec, occSymbol, type InstrumentSpec } from '../domain/trading/instruments.js';
import { formatMicros, parseDecimal, snapToTick } from '../domain/trading/money.js';
import type { AppDeps, StoredSignal } from './ports.js';
import { entryQuantity } from './sizing.js';

export interface ExecutionConfig {
  mode: 'paper' | 'live' | 'concurrent';
  baseContracts: number;
  commissionFuturesCents: number;
  commissionOptionsCents: number;
}

interface Instrument {
  symbol: string;
  spec: InstrumentSpec;
  price: string | null;
  stop: string | null;
  targets: string[];
}

/**
 * Execute a routed alert on the paper broker. This slice fills an opening alert at its own
 * price snapped to the tick; quote-driven fills, exits and risk arrive with the paper engine.
 */
export async function executeAlert(deps: AppDeps, config: ExecutionConfig, signal: StoredSignal, alert: Alert): Promise<void> {
  const { signals, trades } = deps.stores;
  if (alert.action !== 'open') {
    await signals.setStatus(signal.id, 'rejected', 'UNSUPPORTED_ACTION', `"${alert.action}" alerts are not executed yet`);
    return;
  }
  const instrument = resolveInstrument(alert);
  if (!instrument) {
    await reject(deps, signal, alert, 'UNKNOWN_SYMBOL', 'no instrument spec for this symbol');
    return;
  }
  const entryMicros = instrument.price === null ? null : parseDecimal(instrument.price);
  if (entryMicros === null || entryMicros <= 0) {
    await reject(deps, signal, alert, 'NO_PRICE', 'the alert has no entry price and there is no quote yet');
    return;
  }
  const qty = entryQuantity(alert, config.baseContracts);
  const perContract = instrument.spec.assetClass === 'option' ? config.commissionOptionsCents : config.commissionFuturesCents;
  const fill = {
    qty,
    price: formatMicros(snapToTick(entryMicros, instrument.spec.tick), 0),
    priceSource: 'alert',
    commissionCents: perContract * qty,
    realizedPnlCents: 0,
    filledAtMs: deps.clock.nowMs(),
  };
  const { created, position } = await trades.recordEntry({
    signalId: signal.id, clientOrderId: `sig-${signal.id}-entry`, broker: 'paper', mode: 'paper',
    symbol: instrument.symbol, assetClass: instrument.spec.assetClass, side: alert.side ?? 'long', qty,
    stop: instrument.stop, targets: instrument.targets, fill,
  });
  if (created) await deps.notifier.notify({ kind: 'entry_filled', signal, alert, position, fill });
}

function resolveInstrument(alert: Alert): Instrument | null {
  if (alert.kind === 'option') {
    const strike = parseDecimal(alert.strike);
    if (strike === null) return null;
    return { symbol: occSymbol(alert.underlying, alert.expiry, alert.right, strike), spec: EQUITY_OPTION,
      price: alert.price, stop: null, targets: [] };
  }
  const spec = futuresSpec(alert.symbol);
  if (!spec) return null;
  return { symbol: spec.root, spec, price: alert.entry, stop: alert.stop, targets: alert.targets };
}

async function reject(deps: AppDeps, signal: StoredSignal, alert: Alert, code: string, reason: string): Promise<void> {
  await deps.stores.signals.setStatus(signal.id, 'rejected', code, reason);
  await deps.notifier.notify({ kind: 'order_rejected', signal, alert, reasonCode: code, reason });
}
