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
 *   A line that is not such an object gives `{"ok":false,"confidence":0,"reasons":[{"code":"BAD_INPUT",…}]}`:
 *   one reason per problem, each naming its `field` (`channel`, `text`, `postedAt`, `lastPrices`).
 */
import { createInterface } from 'node:readline';
import { parseAlert, parseTradingViewPayload, type ParseResult } from '../src/domain/alerts/index.js';

const CHANNELS = new Set(['futures', 'options', 'tradingview']);
const FLUSH_CHARS = 64 * 1024;

type Problem = { message: string; field?: string };

function badInput(...problems: Problem[]): ParseResult {
  return { ok: false, confidence: 0, reasons: problems.map((p) => ({ code: 'BAD_INPUT', ...p })) };
}

function parseLine(line: string): ParseResult {
  let input: unknown;
  try {
    input = JSON.parse(line);
  } catch {
    return badInput({ message: 'not valid JSON' });
  }
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return badInput({ message: 'not a JSON object' });
  const { channel, text, postedAt, lastPrices } = input as Record<string, unknown>;
  const payload = channel === 'tradingview' && text !== null && typeof text === 'object';
  const problems = inputProblems(channel, payload ? '' : text, postedAt, lastPrices);
  if (problems.length > 0) return badInput(...problems);
  const at = postedAt as string;
  const lastPrice = lastPriceLookup(lastPrices);
  if (payload) {
    const parsed = parseTradingViewPayload(text, at, lastPrice ? { lastPrice } : undefined);
    if (parsed.kind === 'signal') return parsed.result;
    return { ok: false, confidence: 0, reasons: [{ code: 'NOT_AN_ALERT', message: 'a quote update, not a trade alert' }] };
  }
  return parseAlert({ channel: channel as 'futures', text: text as string, postedAt: at, ...(lastPrice ? { lastPrice } : {}) });
}

/** Every problem with an input object's fields, each naming its field (none: it can be parsed). */
function inputProblems(channel: unknown, text: unknown, postedAt: unknown, lastPrices: unknown): Problem[] {
  const problems: Problem[] = [];
  if (typeof channel !== 'string' || !CHANNELS.has(channel)) {
    problems.push({ message: '"channel" must be futures, options or tradingview', field: 'channel' });
  }
  if (typeof text !== 'string') {
    problems.push({ message: channel === 'tradingview' ? '"text" must be a string or a payload object' : '"text" must be a string', field: 'text' });
  }
  if (typeof postedAt !== 'string' || Number.isNaN(Date.parse(postedAt))) {
    problems.push({ message: '"postedAt" must be an ISO-8601 time', field: 'postedAt' });
  }
  if (lastPrices !== undefined && (lastPrices === null || typeof lastPrices !== 'object' || Array.isArray(lastPrices))) {
    problems.push({ message: '"lastPrices" must be an object of symbol → price', field: 'lastPrices' });
  }
  return problems;
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
