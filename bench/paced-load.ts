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
 */
import http from 'node:http';

export interface PacedOptions {
  url: string;
  /** Mean requests per second. */
  rate: number;
  seconds: number;
  /** The body of request i (unique ids, say). */
  body(i: number): string;
  headers: Record<string, string>;
  /** Most requests in flight at once; a request due while all are busy opens no new one and waits. */
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

export async function pacedLoad(options: PacedOptions): Promise<PacedResult> {
  const schedule = poissonSchedule(options.rate, options.seconds, options.seed ?? 0x2545f491);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 64 });
  const target = new URL(options.url);
  const latenciesMs: number[] = [];
  const lags: number[] = [];
  let ok = 0, failed = 0, done = 0, next = 0;
  const start = performance.now();

  const send = (i: number, dueAt: number): void => {
    lags.push(performance.now() - dueAt);
    const body = options.body(i);
    const req = http.request({
      agent, host: target.hostname, port: target.port, path: target.pathname, method: 'POST',
      headers: { ...options.headers, 'content-length': Buffer.byteLength(body) },
    }, (res) => {
      res.resume();
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        if (status >= 200 && status < 300) { ok++; latenciesMs.push(performance.now() - dueAt); } else failed++;
        done++;
      });
    });
    req.on('error', () => { failed++; done++; });
    req.end(body);
  };

  await new Promise<void>((resolve) => {
    const tick = (): void => {
      const now = performance.now() - start;
      while (next < schedule.length && (schedule[next] as number) <= now) {
        send(next, start + (schedule[next] as number));
        next++;
      }
      if (next >= schedule.length) { resolve(); return; }
      const wait = (schedule[next] as number) - now;
      // Node's timers have ~1 ms resolution, so a request may leave up to ~1 ms late; it is timed from
      // its scheduled departure all the same (the lag counts against the server). No busy-waiting:
      // spinning here would take a core from the server under test.
      setTimeout(tick, Math.max(0, wait - 0.5));
    };
    tick();
  });
  while (done < schedule.length) await new Promise((r) => setTimeout(r, 5));
  const elapsedS = (performance.now() - start) / 1000;
  agent.destroy();
  lags.sort((a, b) => a - b);
  return {
    sent: schedule.length, ok, failed, latenciesMs, achieved: ok / elapsedS,
    sendLagP99Ms: lags[Math.floor(lags.length * 0.99)] ?? 0,
  };
}
