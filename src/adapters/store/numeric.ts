import { formatMicros, parseDecimal, type Micros } from '../../domain/trading/money.js';

/** Postgres `numeric(18,6)` ("4750.250000") in micros; a value that does not read is an error. */
export function numericToMicros(value: string): Micros {
  const micros = parseDecimal(value);
  if (micros === null) throw new Error(`unreadable numeric from the database: ${value}`);
  return micros;
}

/** Postgres `numeric(18,6)` comes back as "4750.250000"; normalise to "4750.25" exactly. */
export function numericToDecimal(value: string): string {
  return formatMicros(numericToMicros(value), 0);
}
