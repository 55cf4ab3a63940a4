import { formatUsd } from '../../domain/trading/money.js';
import type { Period } from '../../domain/analytics/index.js';

/** "+$12.50" / "-$3.10" / "$0.00". */
export function signedUsd(cents: number): string {
  return cents > 0 ? `+${formatUsd(cents)}` : formatUsd(cents);
}

/** A ratio with two decimals, or "—" when it is undefined (no losses, too few days). */
export function ratio(value: number | null): string {
  return value === null || !Number.isFinite(value) ? '—' : value.toFixed(2);
}

export function percent(fraction: number | null): string {
  return fraction === null ? '—' : `${(fraction * 100).toFixed(1)}%`;
}

/** Discord renders <t:…> in each reader's own time zone. */
export function discordTime(ms: number, style: 'R' | 'f' | 'd' = 'R'): string {
  return `<t:${Math.floor(ms / 1000)}:${style}>`;
}

export const PERIOD_LABELS: Record<Period, string> = {
  today: 'Today', week: 'This week', month: 'This month', all: 'All time',
};

export function periodLabel(period: Period, fromMs: number | null): string {
  return fromMs === null ? PERIOD_LABELS[period] : `${PERIOD_LABELS[period]} (since ${discordTime(fromMs, 'f')})`;
}
