/**
 * `npm run --silent replay -- <events.jsonl>`: replay recorded alerts and quotes through the paper
 * engine offline (embedded database in memory, no Discord) and print what happened as JSON lines.
 * Each input line is an alert `{"channel":"futures","text":"ES LONG 4750 STOP 4745","postedAt":"…"}`
 * or a quote `{"symbol":"ES","bid":"4750","ask":"4750.25","ts":"…"}`. Settings come from the
 * environment as for `npm start` (DISCORD_TOKEN is not needed); market hours are not enforced
 * unless ENFORCE_MARKET_HOURS=true.
 */
import { readFileSync } from 'node:fs';
import { ConfigError, loadConfig } from '../src/config/env.js';
import { coreConfigFrom } from '../src/config/core-config.js';
import { openDatabase } from '../src/adapters/store/database.js';
import { createStores } from '../src/adapters/store/index.js';
import { createLogger } from '../src/adapters/log/logger.js';
import { parseQuoteFrame } from '../src/adapters/market/ws-quote-feed.js';
import { startTradingCore } from '../src/app/core.js';
import { replaySession, type ReplayEvent } from '../src/app/replay/session.js';
import { realizedNetOf, type Notice } from '../src/app/ports.js';
import { TestClock } from '../src/domain/clock.js';
import { centsToDecimal } from '../src/domain/trading/money.js';

function readEvents(path: string): ReplayEvent[] {
  return readFileSync(path, 'utf8').split('\n').flatMap((line, i): ReplayEvent[] => {
    if (line.trim() === '') return [];
    const json = JSON.parse(line) as Record<string, unknown>;
    if (typeof json.text === 'string') {
      const channel = json.channel === 'options' || json.channel === 'tradingview' ? json.channel : 'futures';
      return [{ kind: 'alert', atMs: Date.parse(String(json.postedAt)), channel, text: json.text }];
    }
    const quote = parseQuoteFrame(line, 0);
    if (!quote || !Number.isFinite(Date.parse(quote.ts))) throw new Error(`line ${i + 1}: neither an alert nor a quote with a ts`);
    return [{ kind: 'quote', atMs: Date.parse(quote.ts), quote }];
  });
}

async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) throw new Error('usage: npm run --silent replay -- <events.jsonl>');
  const events = readEvents(file);
  const config = loadConfig({ ENFORCE_MARKET_HOURS: 'false', ...process.env, DISCORD_TOKEN: 'replay', DATABASE_URL: '' });
  const database = await openDatabase({ url: null, dataDir: ':memory:' });
  const clock = new TestClock(events.reduce((min, e) => Math.min(min, e.atMs), Number.POSITIVE_INFINITY));
  const stores = createStores(database, () => clock.nowMs());
  const out = (obj: unknown) => process.stdout.write(`${JSON.stringify(obj)}\n`);
  const notifier = { notify: (n: Notice) => Promise.resolve(printNotice(n, out)) };
  const core = await startTradingCore({ stores, notifier, clock }, coreConfigFrom(config), createLogger({ level: 'error' }));
  const result = await replaySession(core, stores.signals, clock, events);
  const account = core.desk.account();
  out({ summary: { alerts: result.alerts, quotes: result.quotes, realizedNet: centsToDecimal(account.realizedNetCents),
    unrealized: centsToDecimal(account.unrealizedCents), equity: centsToDecimal(account.equityCents), openPositions: account.openPositions } });
  await database.close();
}

function printNotice(n: Notice, out: (obj: unknown) => void): void {
  if (n.kind === 'entry_filled' || n.kind === 'exit_filled') {
    out({ event: n.kind, symbol: n.position.symbol, side: n.position.side, qty: n.fill.qty, price: n.fill.price, reason: n.fill.reason,
      at: new Date(n.fill.filledAtMs).toISOString(), realizedNet: centsToDecimal(n.fill.realizedNetCents),
      positionRealizedNet: centsToDecimal(realizedNetOf(n.position)) });
  } else if (n.kind === 'order_rejected') {
    out({ event: 'rejected', text: n.signal.rawText, code: n.reasonCode, reason: n.reason });
  } else if (n.kind === 'stop_moved') {
    out({ event: 'stop_moved', symbol: n.position.symbol, from: n.from, to: n.to, cause: n.cause });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof ConfigError ? err.message : `replay failed: ${(err as Error).message}`}\n`);
  process.exit(1);
});
