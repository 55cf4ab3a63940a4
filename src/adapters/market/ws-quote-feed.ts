import WebSocket from 'ws';
import { z } from 'zod';
import type { QuoteUpdate } from '../../domain/alerts/index.js';
import type { Log, QuoteSink } from '../../app/ports.js';

/** One message of the quote-feed contract (shared/DESIGN.md): prices as decimal strings or numbers. */
const price = z.union([z.string(), z.number()]).transform(String).nullish();
const QuoteMessage = z.object({
  symbol: z.string().min(1).max(64),
  bid: price, ask: price, last: price,
  ts: z.string().optional(),
});

export type FeedState = 'connecting' | 'connected' | 'reconnecting' | 'stopped';

export interface FeedOptions {
  url: string;
  sink: QuoteSink;
  log: Log;
  /** Backoff after a drop: starts at `minDelayMs`, doubles to `maxDelayMs`, with ±20% jitter. */
  minDelayMs?: number;
  maxDelayMs?: number;
  now?: () => number;
}

/** Parse one frame; a message that is not a quote is counted and dropped, never thrown. */
export function parseQuoteFrame(data: string, nowMs: number): QuoteUpdate | null {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return null;
  }
  const parsed = QuoteMessage.safeParse(json);
  if (!parsed.success) return null;
  const m = parsed.data;
  return { symbol: m.symbol, bid: m.bid ?? null, ask: m.ask ?? null, last: m.last ?? null, ts: m.ts ?? new Date(nowMs).toISOString() };
}

/**
 * The WebSocket quote feed (QUOTE_FEED_URL): one JSON quote per message into the sink,
 * reconnecting with exponential backoff whenever the socket drops.
 */
export class WsQuoteFeed {
  private socket: WebSocket | null = null;
  private timer: NodeJS.Timeout | null = null;
  private attempt = 0;
  private stopped = false;
  state: FeedState = 'connecting';
  received = 0;
  rejected = 0;
  connects = 0;
  /** When the last accepted quote arrived (epoch ms, this process's clock); null before the first. */
  lastQuoteAtMs: number | null = null;

  constructor(private readonly options: FeedOptions) {}

  start(): void {
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.state = 'stopped';
    if (this.timer) clearTimeout(this.timer);
    this.socket?.removeAllListeners();
    this.socket?.on('error', () => undefined);
    this.socket?.terminate();
    this.socket = null;
  }

  private connect(): void {
    const socket = new WebSocket(this.options.url);
    this.socket = socket;
    socket.on('open', () => {
      this.attempt = 0;
      this.connects += 1;
      this.state = 'connected';
      this.options.log.info({ url: this.options.url }, 'quote feed connected');
    });
    socket.on('message', (data) => this.onMessage(String(data)));
    socket.on('error', (err) => this.options.log.warn({ err: err.message }, 'quote feed error'));
    socket.on('close', () => this.scheduleReconnect());
  }

  private onMessage(data: string): void {
    const update = parseQuoteFrame(data, (this.options.now ?? Date.now)());
    if (!update) {
      this.rejected += 1;
      return;
    }
    this.received += 1;
    this.lastQuoteAtMs = (this.options.now ?? Date.now)();
    try {
      this.options.sink.push(update);
    } catch (err) {
      // A listener that throws would take the process down: one bad quote is logged, never fatal.
      this.options.log.error({ err, symbol: update.symbol }, 'a quote could not be applied');
    }
  }

  /** Milliseconds since the last accepted quote; null before the first. */
  lastQuoteAgeMs(): number | null {
    return this.lastQuoteAtMs === null ? null : Math.max(0, (this.options.now ?? Date.now)() - this.lastQuoteAtMs);
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    this.state = 'reconnecting';
    const min = this.options.minDelayMs ?? 500;
    const max = this.options.maxDelayMs ?? 30_000;
    const base = Math.min(max, min * 2 ** this.attempt);
    const delay = Math.round(base * (0.8 + Math.random() * 0.4));
    this.attempt += 1;
    this.options.log.warn({ delayMs: delay, attempt: this.attempt }, 'quote feed dropped; reconnecting');
    this.timer = setTimeout(() => this.connect(), delay);
  }
}
