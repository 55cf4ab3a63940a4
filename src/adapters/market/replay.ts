import { createReadStream } from 'node:fs';
import readline from 'node:readline';
import type { QuoteSink } from '../../app/ports.js';
import { parseQuoteFrame } from './ws-quote-feed.js';

/**
 * Replay recorded quotes (JSON lines in the quote-feed format) into a sink, in file order.
 * `speed` 0 sends as fast as possible; 1 keeps the recorded spacing; 10 is ten times faster.
 */
export async function replayQuotes(path: string, sink: QuoteSink, speed = 0): Promise<{ sent: number; skipped: number }> {
  const lines = readline.createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  let sent = 0;
  let skipped = 0;
  let previousMs: number | null = null;
  for await (const line of lines) {
    if (line.trim() === '') continue;
    const update = parseQuoteFrame(line, Date.now());
    if (!update) {
      skipped += 1;
      continue;
    }
    const atMs = Date.parse(update.ts);
    if (speed > 0 && previousMs !== null && Number.isFinite(atMs) && atMs > previousMs) {
      await new Promise((r) => setTimeout(r, (atMs - previousMs!) / speed));
    }
    if (Number.isFinite(atMs)) previousMs = atMs;
    sink.push(update);
    sent += 1;
  }
  return { sent, skipped };
}
