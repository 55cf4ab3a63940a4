import type { Period } from '../../domain/analytics/index.js';
import { centsToDecimal, formatMicros, parseDecimal } from '../../domain/trading/money.js';
import { realizedNetOf } from '../ports.js';
import { csvDocument, csvText, type CsvCell } from './csv.js';
import type { ClosedTrade, ReportStore, StoredFill } from './ports.js';
import { periodTrades, toOutcome, type PeriodInput } from './period-trades.js';

export interface TradeExport {
  period: Period;
  fromMs: number | null;
  tradeCount: number;
  fillCount: number;
  /** One row per closed trade. */
  tradesCsv: string;
  /** One row per fill of those trades, keyed by trade_id. */
  fillsCsv: string;
}

const TRADE_HEADER = [
  'trade_id', 'symbol', 'asset_class', 'side', 'qty', 'avg_entry', 'avg_exit', 'opened_at', 'closed_at', 'gross_pnl',
  'commission', 'net_pnl', 'source', 'channel', 'author', 'signal_id', 'broker', 'mode',
] as const;

const FILL_HEADER = [
  'trade_id', 'fill_id', 'order_id', 'filled_at', 'symbol', 'side', 'qty', 'price', 'price_source', 'reason', 'target',
  'slippage_ticks', 'commission', 'realized_net',
] as const;

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** Quantity-weighted average of the exit fills, to 6 places (the same rounding as avg_entry). */
function averageExit(trade: ClosedTrade, fills: readonly StoredFill[]): string | null {
  const exitSide = trade.position.side === 'long' ? 'sell' : 'buy';
  const exits = fills.filter((f) => f.side === exitSide);
  const qty = exits.reduce((n, f) => n + f.qty, 0);
  if (qty === 0) return null;
  const costMicros = exits.reduce((sum, f) => sum + f.qty * (parseDecimal(f.price) ?? 0), 0);
  return formatMicros(Math.round(costMicros / qty), 0);
}

function tradeRow(trade: ClosedTrade, fills: readonly StoredFill[]): CsvCell[] {
  const p = trade.position;
  const outcome = toOutcome(trade);
  return [
    p.id, p.symbol, p.assetClass, p.side, p.qtyEntered, p.avgEntry, averageExit(trade, fills), iso(p.openedAtMs),
    iso(p.closedAtMs), centsToDecimal(p.realizedGrossCents), centsToDecimal(p.commissionCents), centsToDecimal(realizedNetOf(p)),
    outcome.source, csvText(trade.channelName), csvText(outcome.author), p.signalId, p.broker, p.mode,
  ];
}

function fillRow(f: StoredFill): CsvCell[] {
  return [
    f.positionId, f.fillId, f.orderId, iso(f.filledAtMs), f.symbol, f.side, f.qty, f.price, f.priceSource, f.reason,
    f.targetIndex === null ? null : `T${f.targetIndex + 1}`, f.slippageTicks, centsToDecimal(f.commissionCents),
    centsToDecimal(f.realizedNetCents),
  ];
}

/** /export trades: the period's closed trades and their fills as two CSV documents. */
export async function exportTrades(reports: ReportStore, input: PeriodInput): Promise<TradeExport> {
  const { fromMs, trades } = await periodTrades(reports, input);
  const fills = await reports.fillsOf(trades.map((t) => t.position.id));
  const byPosition = new Map<string, StoredFill[]>();
  for (const fill of fills) {
    const list = byPosition.get(fill.positionId);
    if (list) list.push(fill);
    else byPosition.set(fill.positionId, [fill]);
  }
  return {
    period: input.period, fromMs, tradeCount: trades.length, fillCount: fills.length,
    tradesCsv: csvDocument(TRADE_HEADER, trades.map((t) => tradeRow(t, byPosition.get(t.position.id) ?? []))),
    fillsCsv: csvDocument(FILL_HEADER, trades.flatMap((t) => (byPosition.get(t.position.id) ?? []).map(fillRow))),
  };
}
