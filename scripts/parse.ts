/**
 * `npm run --silent parse` — the parse contract (shared/DESIGN.md, "Parse command").
 *
 * stdin: JSON lines `{"channel": "futures"|"options"|"tradingview", "text": "...", "postedAt": "ISO-8601"}`
 *   (optional `"lastPrices": {"ES": "4750.25"}` feeds the far-from-market check; for `tradingview`,
 *   `text` may also be the payload object itself). Blank lines are skipped.
 * stdout: one JSON line per input line, in input order, flushed by EOF:
 *   `{"ok":true,"confidence":0.93,"alert":{...},"fields":{...},"reasons":[...]}` or
 *   `{"ok":false,"confidence":0.1,"reasons":[...]}`.
 *   `reasons` are objects `{"code","message","field"?}` with stable SCREAMING_SNAKE codes.
 *   A line that is not such an object gives `{"ok":false,"confidence":0,"reasons":[{"code":"BAD_INPUT",…}]}`.
 */
import { createInterface } from 'node:readline';
import { parseAlert, parseTradingViewPayload, type ParseResult } from '../src/domain/alerts/index.js';

const CHANNELS = new Set(['futures', 'options', 'tradingview']);
const FLUSH_CHARS = 64 * 1024;

function badInput(message: string): ParseResult {
  return { ok: false, confidence: 0, reasons: [{ code: 'BAD_INPUT', message }] };
}

function parseLine(line: string): ParseResult {
  let input: unknown;
  try {
    input = JSON.parse(line);
  } catch {
    return badInput('not valid JSON');
  }
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return badInput('not a JSON object');
  const { channel, text, postedAt, lastPrices } = input as Record<string, unknown>;
  if (typeof channel !== 'string' || !CHANNELS.has(channel)) return badInput('"channel" must be futures, options or tradingview');
  if (typeof postedAt !== 'string' || Number.isNaN(Date.parse(postedAt))) return badInput('"postedAt" must be an ISO-8601 time');
  const lastPrice = lastPriceLookup(lastPrices);
  if (channel === 'tradingview' && text !== null && typeof text === 'object') {
    const parsed = parseTradingViewPayload(text, postedAt, lastPrice ? { lastPrice } : undefined);
    if (parsed.kind === 'signal') return parsed.result;
    return { ok: false, confidence: 0, reasons: [{ code: 'NOT_AN_ALERT', message: 'a quote update, not a trade alert' }] };
  }
  if (typeof text !== 'string') return badInput('"text" must be a string');
  return parseAlert({ channel: channel as 'futures', text, postedAt, ...(lastPrice ? { lastPrice } : {}) });
}

function lastPriceLookup(v: unknown): ((symbol: string) => string | null) | undefined {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const table = v as Record<string, unknown>;
  return (symbol) => {
    const p = table[symbol];
    return typeof p === 'string' ? p : typeof p === 'number' ? String(p) : null;
  };
}

function render(line: string): string {
  let result: ParseResult;
  try {
    result = parseLine(line);
  } catch (err) {
    // The parsers do not throw; if one ever does, the line still gets its answer.
    result = { ok: false, confidence: 0, reasons: [{ code: 'PARSE_ERROR', message: String((err as Error).message) }] };
  }
  return JSON.stringify(result);
}

function main(): void {
  let pending = '';
  const flush = (): void => {
    if (pending.length === 0) return;
    process.stdout.write(pending);
    pending = '';
  };
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  rl.on('line', (line) => {
    if (line.trim().length === 0) return;
    pending += render(line) + '\n';
    if (pending.length >= FLUSH_CHARS) flush();
  });
  rl.on('close', flush);
}

main();
