import { createHash } from 'node:crypto';
import type { Clock } from '../../domain/clock.js';
import { onceMoreOnConflict } from '../conflicts.js';
import type { Actor } from '../permissions.js';
import type { AuditLog, FillRecord, PositionRecord } from '../ports.js';
import { matchesSymbol, viewOf, type OpenPositionView } from '../reports/open-positions.js';
import type { TradingDesk } from './desk.js';
import { describeRejection } from './describe.js';

/** What a user asked to close: every open position, one symbol's, or one position. */
export type CloseTarget = { kind: 'all' } | { kind: 'symbol'; symbol: string } | { kind: 'position'; positionId: string };

export type ClosePlan =
  | { status: 'nothing_open'; target: CloseTarget }
  | { status: 'ready'; target: CloseTarget; positions: OpenPositionView[] };

export interface ClosedPosition {
  /** The position after the close (qtyOpen 0, realized P&L final). */
  position: PositionRecord;
  fills: FillRecord[];
  /** What this close realized, net of its own commissions. */
  realizedNetCents: number;
}

export interface CloseFailure {
  position: PositionRecord;
  code: string;
  reason: string;
}

export type CloseResult =
  | { status: 'nothing_open'; target: CloseTarget }
  | { status: 'done'; target: CloseTarget; closed: ClosedPosition[]; failed: CloseFailure[]; realizedNetCents: number };

export type CloseDesk = Pick<TradingDesk, 'openPositionIds' | 'position' | 'closePositions' | 'paperEngine' | 'catchUp'>;

export interface CloseDeps {
  desk: CloseDesk;
  audit: AuditLog;
  clock: Clock;
}

/** The open positions a target covers, by the desk's records. */
export function targeted(desk: Pick<CloseDesk, 'openPositionIds' | 'position'>, target: CloseTarget): PositionRecord[] {
  return desk.openPositionIds().flatMap((id) => {
    const record = desk.position(id);
    if (!record || record.qtyOpen === 0) return [];
    if (target.kind === 'position' && record.id !== target.positionId) return [];
    if (target.kind === 'symbol' && !matchesSymbol(record.symbol, target.symbol)) return [];
    return [record];
  });
}

/**
 * A short fingerprint of the positions a plan covers. A confirmation carries it, so confirming
 * closes exactly what was shown: if positions opened or closed since, the user is asked again.
 */
export function planKey(positionIds: readonly string[]): string {
  return createHash('sha256').update([...positionIds].sort().join(',')).digest('base64url').slice(0, 12);
}

/** The fingerprint of what the target covers right now. */
export function currentPlanKey(desk: CloseDesk, target: CloseTarget): string {
  return planKey(targeted(desk, target).map((p) => p.id));
}

/** What a close would touch right now, with live marks: shown before the user confirms. */
export function planClose(desk: CloseDesk, target: CloseTarget): ClosePlan {
  const positions = targeted(desk, target);
  if (positions.length === 0) return { status: 'nothing_open', target };
  return { status: 'ready', target, positions: positions.map((p) => viewOf(p, desk.paperEngine)) };
}

/**
 * Close the target's positions at the market through the desk (manual close: fills at the bid
 * for longs, the ask for shorts, less slippage). Positions open when confirmed are closed; one
 * without a fresh quote is reported as failed, not guessed at. The positions are those the store
 * holds: another bot on the database may have opened or closed some (desk.catchUp). The caller
 * has checked that the actor is an admin; what was done is written to the audit log.
 */
export async function closeAtMarket(deps: CloseDeps, actor: Actor, target: CloseTarget): Promise<CloseResult> {
  const result = await onceMoreOnConflict(async () => {
    await deps.desk.catchUp();
    const positions = targeted(deps.desk, target);
    return positions.length === 0 ? null : closeNow(deps.desk, target, positions);
  });
  if (result === null) return { status: 'nothing_open', target };
  await deps.audit.record({
    atMs: deps.clock.nowMs(), actorId: actor.userId, actorName: actor.userName, action: 'positions.close', allowed: true,
    interactionId: actor.interactionId, detail: {
      target, closed: result.closed.map((c) => c.position.id), failed: result.failed.map((f) => f.position.id),
      realizedNetCents: result.realizedNetCents,
    },
  });
  return result;
}

async function closeNow(desk: CloseDesk, target: CloseTarget, positions: readonly PositionRecord[]): Promise<Extract<CloseResult, { status: 'done' }>> {
  const { parts } = await desk.closePositions(positions.map((p) => p.id), 'manual');
  const after = new Map(parts.batch.positions.map((p) => [p.id, p]));
  const closed: ClosedPosition[] = [];
  const failed: CloseFailure[] = [];
  for (const before of positions) {
    const fills = parts.fills.filter((f) => f.positionId === before.id);
    if (fills.length > 0) {
      closed.push({ position: after.get(before.id) ?? before, fills, realizedNetCents: fills.reduce((n, f) => n + f.realizedNetCents, 0) });
      continue;
    }
    const rejection = parts.rejections.find((r) => 'symbol' in r.rejection && r.rejection.symbol === before.symbol)?.rejection;
    failed.push({ position: before, code: rejection?.code ?? 'NOT_CLOSED', reason: rejection ? describeRejection(rejection) : 'it was no longer open' });
  }
  return { status: 'done', target, closed, failed, realizedNetCents: closed.reduce((n, c) => n + c.realizedNetCents, 0) };
}
