import type { Clock } from '../../domain/clock.js';
import { onceMoreOnConflict } from '../conflicts.js';
import { requestedStopMicros, stopThroughMarket, type StopRequest } from '../../domain/trading/manual-stop.js';
import { formatMicros, parseDecimal } from '../../domain/trading/money.js';
import { exitableQuote } from '../../domain/trading/quotes.js';
import { specForSymbol } from '../../domain/trading/symbols.js';
import type { Actor } from '../permissions.js';
import type { AuditLog, PositionRecord } from '../ports.js';
import { targeted, type CloseTarget } from './close.js';
import type { TradingDesk } from './desk.js';

export interface StopMove {
  position: PositionRecord;
  /** Decimal strings: the stop before (null: none) and after. */
  from: string | null;
  to: string;
}

/** One position the stop cannot go on: it would fill at once against the price it could close at now. */
export interface ThroughMarket {
  position: PositionRecord;
  stop: string;
  mark: string;
}

export type StopMoveResult =
  | { status: 'nothing_open'; symbol: string }
  | { status: 'through_market'; symbol: string; problems: ThroughMarket[] }
  | {
    status: 'done'; symbol: string; moved: StopMove[]; unchanged: PositionRecord[];
    /** Closed between the check and the move (a stop or target filled meanwhile). */
    gone: PositionRecord[];
    unmarked: PositionRecord[];
  };

export type StopDesk = Pick<TradingDesk, 'openPositionIds' | 'position' | 'moveStops' | 'paperEngine' | 'catchUp'>;

export interface StopMoveDeps {
  desk: StopDesk;
  audit: AuditLog;
  clock: Clock;
}

interface Planned { position: PositionRecord; stopMicros: number; markMicros: number | null }

/** A stop move checked and ready to apply (planStopMove), or why it cannot be made. */
export type StopMovePlan =
  | Exclude<StopMoveResult, { status: 'done' }>
  | { status: 'ready'; symbol: string; to: StopRequest; planned: Planned[] };

/**
 * /move-stop: every open position on the symbol (or the one position the target names) gets the
 * stop (on its tick grid, or its breakeven).
 * All or none: when the stop would fill at once on any of them (a long's at or above its bid, a
 * short's at or below its ask), nothing moves and each such position is reported. A position
 * with no quote yet is moved unchecked, and reported as such. No I/O: the command answers a
 * refusal before it defers.
 */
export function planStopMove(desk: StopDesk, symbol: string, to: StopRequest,
  target: CloseTarget = { kind: 'symbol', symbol }): StopMovePlan {
  const positions = targeted(desk, target);
  if (positions.length === 0) return { status: 'nothing_open', symbol };
  const planned = positions.map((p) => plan(desk, p, to));
  const through = planned.filter((p) => stopThroughMarket(p.position.side, p.stopMicros, p.markMicros));
  if (through.length === 0) return { status: 'ready', symbol, to, planned };
  return { status: 'through_market', symbol, problems: through.map((p) => ({
    position: p.position, stop: formatMicros(p.stopMicros, 0), mark: formatMicros(p.markMicros ?? 0, 0) })) };
}

/**
 * Apply a ready plan through the desk (journaled, DM'd to subscribers as a stop move). A planned
 * position another bot on the database closed meanwhile is reported gone (desk.catchUp). The
 * caller has checked that the actor is an admin; what was done is written to the audit log.
 */
export async function applyStopMove(deps: StopMoveDeps, actor: Actor, ready: Extract<StopMovePlan, { status: 'ready' }>): Promise<Extract<StopMoveResult, { status: 'done' }>> {
  const { symbol, to, planned } = ready;
  const { parts } = await onceMoreOnConflict(async () => {
    await deps.desk.catchUp();
    return deps.desk.moveStops(planned.map((p) => ({ positionId: p.position.id, to: to === 'breakeven' ? to : p.stopMicros })));
  });
  const after = new Map(parts.batch.positions.map((p) => [p.id, p]));
  const moved: StopMove[] = [];
  const unchanged: PositionRecord[] = [];
  const gone: PositionRecord[] = [];
  for (const { position } of planned) {
    const now = after.get(position.id);
    if (now?.stop && now.stop !== position.stop) moved.push({ position: now, from: position.stop, to: now.stop });
    else if ((deps.desk.position(position.id)?.qtyOpen ?? 0) === 0) gone.push(position);
    else unchanged.push(position);
  }
  const unmarked = planned.filter((p) => p.markMicros === null).map((p) => p.position);
  await deps.audit.record({
    atMs: deps.clock.nowMs(), actorId: actor.userId, actorName: actor.userName, action: 'positions.move_stop', allowed: true,
    interactionId: actor.interactionId, detail: { symbol, to: to === 'breakeven' ? to : formatMicros(to, 0), moved: moved.map((m) => m.position.id) },
  });
  return { status: 'done', symbol, moved, unchanged, gone, unmarked };
}

function plan(desk: StopDesk, position: PositionRecord, to: StopRequest): Planned {
  const spec = specForSymbol(position.symbol);
  const entry = parseDecimal(position.avgEntry) ?? 0;
  const stopMicros = spec ? requestedStopMicros(position.side, spec, entry, to) : to === 'breakeven' ? entry : to;
  const quote = desk.paperEngine.latestQuote(position.symbol);
  const exit = quote ? exitableQuote(quote, position.side) : null;
  return { position, stopMicros, markMicros: exit ? exit.priceMicros : null };
}
