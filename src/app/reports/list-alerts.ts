import type { ChannelKind } from '../../domain/alerts/types.js';
import type { SignalStore, StoredSignal } from '../ports.js';

export const MAX_ALERTS = 100;
export const DEFAULT_ALERTS = 25;

export interface ListAlertsInput {
  channelKind: ChannelKind | null;
  limit: number | null;
}

export type ListAlertsResult =
  | { status: 'success'; channelKind: ChannelKind | null; limit: number; signals: StoredSignal[] }
  | { status: 'failed'; code: 'BAD_LIMIT'; message: string };

/** /alerts: the latest signals (newest first) with their parse, confidence, status and reason. */
export async function listAlerts(signals: SignalStore, input: ListAlertsInput): Promise<ListAlertsResult> {
  const limit = input.limit ?? DEFAULT_ALERTS;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_ALERTS) {
    return { status: 'failed', code: 'BAD_LIMIT', message: `limit must be a whole number from 1 to ${MAX_ALERTS}.` };
  }
  const list = await signals.recent(limit, input.channelKind ?? undefined);
  return { status: 'success', channelKind: input.channelKind, limit, signals: list };
}
