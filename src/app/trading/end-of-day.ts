import { endOfDayCloses, type EndOfDayPolicy } from '../../domain/sessions/index.js';
import { endOfDayCandidates } from '../../domain/trading/index.js';
import type { FillRecord, Notifier, PositionRecord } from '../ports.js';
import type { TradingDesk } from './desk.js';

export interface EndOfDayReport {
  policy: EndOfDayPolicy;
  closed: { position: PositionRecord; fill: FillRecord }[];
  held: PositionRecord[];
}

/**
 * The end-of-day routine: pick the positions the policy closes (flatten all; close losers and
 * hold winners overnight; nothing), close them at the market, and DM one report.
 */
export async function runEndOfDay(desk: TradingDesk, notifier: Notifier, policy: EndOfDayPolicy): Promise<EndOfDayReport> {
  const engine = desk.paperEngine;
  const toClose = endOfDayCloses(policy, endOfDayCandidates(engine.openPositions(), (p) => engine.markFor(p)));
  const { parts } = await desk.closePositions(toClose, 'end_of_day', false);
  const byId = new Map(parts.batch.positions.map((p) => [p.id, p]));
  const closed = parts.fills.flatMap((fill) => {
    const position = byId.get(fill.positionId);
    return position ? [{ position, fill }] : [];
  });
  const held = desk.openPositionIds().flatMap((id) => {
    const record = desk.position(id);
    return record ? [record] : [];
  });
  const report = { policy, closed, held };
  if (policy !== 'none' || held.length > 0) await notifier.notify({ kind: 'end_of_day', ...report });
  return report;
}
