import type { Alert } from '../../domain/alerts/types.js';
import { commandFromAlert, type PaperEngine, type Position } from '../../domain/trading/index.js';
import { selects } from '../../domain/trading/position-selector.js';
import type { PositionRecord } from '../ports.js';
import type { TradingDesk } from './desk.js';

/**
 * The open positions an exit or stop-move alert would act on if it were executed now (`ES out`:
 * the ES positions; `stopped out`: every futures position); none for an opening alert.
 */
export function positionsAlertActsOn(engine: PaperEngine, alert: Alert): Position[] {
  const result = commandFromAlert(alert, null, engine.config);
  if (!result.ok || result.command.type === 'open') return [];
  const { target, side } = result.command;
  return engine.openPositions().filter((p) => selects(target, p.symbol) && (side === null || p.side === side));
}

/** The same, as the desk's read model. */
export function openPositionsFor(desk: Pick<TradingDesk, 'paperEngine' | 'position'>, alert: Alert): PositionRecord[] {
  return positionsAlertActsOn(desk.paperEngine, alert).flatMap((p) => desk.position(p.positionId) ?? []);
}
