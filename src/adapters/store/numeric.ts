import { formatMicros, parseDecimal } from '../../domain/trading/money.js';

/** Postgres `numeric(18,6)` comes back as "4750.250000"; normalise to "4750.25" exactly. */
export function numericToDecimal(value: string): string {
  const micros = parseDecimal(value);
  if (micros === null) throw new Error(`unreadable numeric from the database: ${value}`);
  return formatMicros(micros, 0);
}
