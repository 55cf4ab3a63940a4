/**
 * An open-loop load generator: requests leave on a fixed schedule of Poisson arrivals (mean
 * rate `rate`), whatever the server is doing, over a pool of keep-alive connections. Each
 * latency runs from the request's *scheduled* departure to the end of its response, so a
 * stall in the server — or in this generator — counts against the figure instead of quietly
 * delaying the next request (no coordinated omission).
 *
 * Why not autocannon's `overallRate`: autocannon spreads the rate over its connections and
 * lets each send its whole per-second quota back to back at the start of every second
 * (lib/httpClient.js, `reqsMadeThisSecond`), so "1,000 req/s over 32 connections" is a
 * 32-deep burst at full speed followed by silence — a saturation test, not a steady rate.
 *
 * Like autocannon, it writes prebuilt HTTP/1.1 requests on raw sockets and reads only the
 * status line and Content-Length of each answer: on a 2-core machine the generator's own CPU
 * is taken from the server under test, and node:http's client costs several times more.
 */
import net from 'node:net';

export interface PacedOptions {
  url: string;
  /** Mean requests per second. */
  rate: number;
  seconds: number;
  /** The body of request i (unique ids, say). */
  body(i: number): string;
  headers: Record<string, string>;
  /** Most connections (and so requests in flight); a request due while all are busy waits for one. */
  maxSockets?: number;
  /** Seed of the arrival schedule (xorshift32), so every run offers the same load. */
  seed?: number;
}

export interface PacedResult {
  sent: number;
  ok: number;
  /** Non-2xx responses and failed requests. */
  failed: number;
  /** Latency of every 2xx response, ms, from its scheduled departure. */
  latenciesMs: number[];
  /** Requests per second actually completed over the run. */
  achieved: number;
  /** How late the generator itself sent requests: p99 of (actual − scheduled), ms. */
  sendLagP99Ms: number;
}

/** Departure times in ms from the start: exponential gaps with mean 1000 / rate. */
export function poissonSchedule(rate: number, seconds: number, seed: number): number[] {
  const out: number[] = [];
  let x = seed >>> 0 || 1;
  let t = 0;
  for (;;) {
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
    const u = ((x >>> 0) + 1) / 4_294_967_297; // (0, 1)
    t += (-Math.log(u) * 1000) / rate;
    if (t >= seconds * 1000) return out;
    out.push(t);
  }
}

/** The status code and total length of the first complete response in `buf`, or null if incomplete. */
export function completeResponse(buf: Buffer): { status: number; length: number } | null {
  const headEnd = buf.indexOf('\r\n\r\n');
  if (headEnd < 0) return null;
  const head = buf.toString('latin1', 0, headEnd);
  const status = Number(head.slice(9, 12));
  const match = /\r\ncontent-length:\s*(\d+)/i.exec(head);
  const length = headEnd + 4 + (match ? Number(match[1]) : 0);
  return buf.length >= length ? { status, length } : null;
}

interface Conn {
  socket: net.Socket;
  buf: Buffer;
  /** Scheduled departure (performance.now() ms) of the request in flight; NaN when idle. */
  dueAt: number;
}

export async function pacedLoad(options: PacedOptions): Promise<PacedResult> {
  const schedule = poissonSchedule(options.rate, options.seconds, options.seed ?? 0x2545f491);
  const target = new URL(options.url);
  const head = `POST ${target.pathname} HTTP/1.1\r\nhost: ${target.host}\r\nconnection: keep-alive\r\n`
    + Object.entries(options.headers).map(([k, v]) => `${k}: ${v}\r\n`).join('');
  const latenciesMs: number[] = [];
  const lags: number[] = [];
  const idle: Conn[] = [];
  const waiting: { i: number; dueAt: number }[] = [];
  let ok = 0, failed = 0, done = 0, next = 0, open = 0;
  const maxSockets = options.maxSockets ?? 64;
  const start = performance.now();

  const write = (conn: Conn, i: number, dueAt: number): void => {
    lags.push(performance.now() - dueAt);
    conn.dueAt = dueAt;
    const body = options.body(i);
    conn.socket.write(`${head}content-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  };
  const finish = (conn: Conn | null, status: number, dueAt: number): void => {
    if (status >= 200 && status < 300) { ok++; latenciesMs.push(performance.now() - dueAt); } else failed++;
    done++;
    if (conn === null) return;
    conn.dueAt = Number.NaN;
    const queued = waiting.shift();
    if (queued) write(conn, queued.i, queued.dueAt); else idle.push(conn);
  };
  const connect = (): Conn => {
    open++;
    const conn: Conn = { socket: net.connect(Number(target.port), target.hostname), buf: Buffer.alloc(0), dueAt: Number.NaN };
    conn.socket.setNoDelay(true);
    conn.socket.on('data', (chunk: Buffer) => {
      conn.buf = conn.buf.length === 0 ? chunk : Buffer.concat([conn.buf, chunk]);
      const res = completeResponse(conn.buf);
      if (res === null) return;
      conn.buf = conn.buf.subarray(res.length);
      finish(conn, res.status, conn.dueAt);
    });
    conn.socket.on('close', () => {
      open--;
      if (!Number.isNaN(conn.dueAt)) finish(null, 0, conn.dueAt);
      const at = idle.indexOf(conn);
      if (at >= 0) idle.splice(at, 1);
    });
    conn.socket.on('error', () => undefined); // 'close' follows and accounts for the request
    return conn;
  };
  const send = (i: number, dueAt: number): void => {
    const conn = idle.pop() ?? (open < maxSockets ? connect() : null);
    if (conn) write(conn, i, dueAt); else waiting.push({ i, dueAt });
  };

  await new Promise<void>((resolve) => {
    const tick = (): void => {
      const now = performance.now() - start;
      while (next < schedule.length && (schedule[next] as number) <= now) {
        send(next, start + (schedule[next] as number));
        next++;
      }
      if (next >= schedule.length) { resolve(); return; }
      // Node's timers have ~1 ms resolution, so a request may leave up to ~1 ms late; it is timed from
      // its scheduled departure all the same (the lag counts against the server). No busy-waiting:
      // spinning here would take a core from the server under test.
      setTimeout(tick, Math.max(0, (schedule[next] as number) - now - 0.5));
    };
    tick();
  });
  while (done < schedule.length) await new Promise((r) => setTimeout(r, 5));
  const elapsedS = (performance.now() - start) / 1000;
  for (const conn of idle) conn.socket.destroy();
  lags.sort((a, b) => a - b);
  return {
    sent: schedule.length, ok, failed, latenciesMs, achieved: ok / elapsedS,
    sendLagP99Ms: lags[Math.floor(lags.length * 0.99)] ?? 0,
  };
}
