import type { Alert } from '../../domain/alerts/types.js';
import type { Notifier, StoredSignal } from '../ports.js';
import type { AlertOutcome } from './desk.js';
import type { BatchParts } from './batch.js';
import { formatMicros } from '../../domain/trading/money.js';

const priceText = (micros: number | null): string | null => (micros === null ? null : formatMicros(micros, 0));

export interface SignalContext {
  signal: StoredSignal;
  alert: Alert | null;
}

/** After a batch is durable: one notice per fill, stop move and rejection. */
export async function notifyBatch(notifier: Notifier, parts: BatchParts, ctx: SignalContext | null, outcome: AlertOutcome): Promise<void> {
  const byId = new Map(parts.batch.positions.map((p) => [p.id, p]));
  for (const fill of parts.fills) {
    const position = byId.get(fill.positionId);
    if (!position) continue;
    if (fill.reason === 'entry') {
      await notifier.notify({ kind: 'entry_filled', signal: ctx?.signal ?? null, alert: ctx?.alert ?? null, position, fill });
    } else {
      await notifier.notify({ kind: 'exit_filled', signal: ctx?.signal ?? null, position, fill });
    }
  }
  for (const move of parts.stopMoves) {
    const position = byId.get(move.positionId);
    if (!position || move.cause === 'initial') continue;
    await notifier.notify({ kind: 'stop_moved', position, from: priceText(move.fromMicros), to: priceText(move.toMicros), cause: move.cause });
  }
  if (ctx && outcome.status === 'rejected') {
    await notifier.notify({ kind: 'order_rejected', signal: ctx.signal, alert: ctx.alert, reasonCode: outcome.code, reason: outcome.reason });
  }
}
