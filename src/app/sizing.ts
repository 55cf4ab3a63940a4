import type { Alert } from '../domain/alerts/types.js';

/**
 * Contracts for an entry: an explicit quantity wins; otherwise the size letter maps
 * C = base, B = 2×base, A = 3×base; no letter trades the C size.
 */
export function entryQuantity(alert: Alert, baseContracts: number, defaultOptionContracts = 1): number {
  if (alert.quantity !== null && alert.quantity > 0) return alert.quantity;
  if (alert.kind === 'option') return defaultOptionContracts;
  const multiple = alert.size === 'A' ? 3 : alert.size === 'B' ? 2 : 1;
  return baseContracts * multiple;
}
