/**
 * RFC 4180 CSV: CRLF line ends; a field holding a comma, a double quote, CR or LF is quoted,
 * with inner quotes doubled. Free text (names, channels) that a spreadsheet would run as a
 * formula (leading = + - @, tab or CR) gets a leading apostrophe (OWASP's CSV-injection advice);
 * numbers never pass through that guard.
 */
export type CsvCell = string | number | null;

const NEEDS_QUOTES = /[",\r\n]/;
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: CsvCell): string {
  if (value === null) return '';
  const text = String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Free text from users: neutralise formula starts, then quote as usual. */
export function csvText(value: string | null): string | null {
  if (value === null) return null;
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function csvDocument(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}
