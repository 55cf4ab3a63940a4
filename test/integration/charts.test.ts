/**
 * renderChart against a QuickChart double on 127.0.0.1 speaking the real wire format:
 * POST /chart with JSON {chart, width, height, format, backgroundColor, …} → image/png, and
 * GET /chart?c=…&w=…&h=… → image/png. Nothing here reaches the internet.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chartSeries, dailyPnlChart, equityCurveChart, renderChart } from '../../src/adapters/charts/index.js';
import { dailyPnl, equityCurve, type TradeOutcome } from '../../src/domain/analytics/index.js';

// A 1×1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
const PNG_SIGNATURE = PNG.subarray(0, 8);

type Mode = 'ok' | 'slow' | 'stalled-body' | 'html' | 'error';
interface Received { method: string; body: Record<string, unknown> | null; query: URLSearchParams; chart: unknown }

let mode: Mode = 'ok';
let received: Received[] = [];
let server: Server;
let host: string;

/** QuickChart takes `chart` as a JSON (or JS-literal) string or as an object. */
const parseChart = (chart: unknown): unknown => (typeof chart === 'string' ? JSON.parse(chart) : chart);

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (url.pathname !== '/chart') return void res.writeHead(404).end();
  const text = req.method === 'POST' ? await readBody(req) : '';
  const body = text ? (JSON.parse(text) as Record<string, unknown>) : null;
  received.push({ method: req.method ?? '', body, query: url.searchParams, chart: parseChart(body ? body.chart : url.searchParams.get('c')) });
  if (mode === 'slow') return; // never answers; the client must give up on its own
  if (mode === 'stalled-body') return void res.writeHead(200, { 'content-type': 'image/png', 'content-length': PNG.length }).write(PNG.subarray(0, 8));
  if (mode === 'html') return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html>rate limited</html>');
  if (mode === 'error') return void res.writeHead(500, { 'x-quickchart-error': 'bad chart' }).end('error');
  res.writeHead(200, { 'content-type': 'image/png', 'content-length': PNG.length }).end(PNG);
}

beforeAll(async () => {
  server = createServer((req, res) => void handle(req, res).catch(() => res.writeHead(400).end()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  host = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  mode = 'ok';
  received = [];
});

function closedTrade(i: number, netPnlCents: number): TradeOutcome {
  const closedAtMs = Date.parse('2024-03-08T15:00:00Z') + i * 86_400_000;
  return {
    id: `t${i}`, symbol: 'ES', assetClass: 'futures', source: 'futures', author: null, broker: 'paper',
    openedAtMs: closedAtMs - 60_000, closedAtMs, netPnlCents, commissionCents: 124,
  };
}
const TRADES = [12_345, -6_789, 1, -1, 250_000, 0].map((pnl, i) => closedTrade(i, pnl));

describe('renderChart against a local QuickChart', () => {
  it('GIVEN a daily P&L chart WHEN rendered THEN the POST body carries exactly those figures and a PNG comes back', async () => {
    const days = dailyPnl(TRADES, 'America/New_York');
    const result = await renderChart(dailyPnlChart(days), { host, timeoutMs: 2_000, widthPx: 640, heightPx: 320 });

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request?.method).toBe('POST');
    expect(request?.body).toMatchObject({ width: 640, height: 320, format: 'png', backgroundColor: '#ffffff' });
    const series = chartSeries(request?.chart);
    expect(series.labels).toEqual(days.map((d) => d.date));
    expect(series.data.map((dollars) => Math.round(dollars * 100))).toEqual(days.map((d) => d.netPnlCents));
  });

  it('GIVEN an equity chart WHEN its GET url is fetched THEN the server reads the same series from ?c=', async () => {
    const points = equityCurve(TRADES, 2_500_000);
    const result = await renderChart(equityCurveChart(points), { host, timeoutMs: 2_000 });

    expect(result.ok).toBe(true);
    expect(result.url.startsWith(`${host}/chart?c=`)).toBe(true);
    const response = await fetch(result.url);
    expect(response.headers.get('content-type')).toBe('image/png');
    const viaGet = received.find((r) => r.method === 'GET');
    expect(viaGet?.query.get('w')).toBe('800');
    expect(chartSeries(viaGet?.chart).data).toEqual(points.map((p) => p.equityCents / 100));
    expect(chartSeries(received[0]?.chart)).toEqual(chartSeries(viaGet?.chart));
  });

  it.each(['slow', 'stalled-body'] as const)('GIVEN a %s server WHEN rendered with a 300 ms timeout THEN ok: false within the timeout', async (stall) => {
    mode = stall;
    const startedMs = performance.now();
    const result = await renderChart(dailyPnlChart([]), { host, timeoutMs: 300 });
    const elapsedMs = performance.now() - startedMs;

    expect(result).toMatchObject({ ok: false, error: 'timed out after 300 ms' });
    expect(elapsedMs).toBeGreaterThanOrEqual(250);
    expect(elapsedMs).toBeLessThan(1_500);
  });

  it('GIVEN nothing listening on the port WHEN rendered THEN ok: false with the connection error', async () => {
    const down = createServer();
    await new Promise<void>((resolve) => down.listen(0, '127.0.0.1', resolve));
    const downHost = `http://127.0.0.1:${(down.address() as AddressInfo).port}`;
    await new Promise<void>((resolve) => down.close(() => resolve()));

    const startedMs = performance.now();
    const result = await renderChart(dailyPnlChart([]), { host: downHost, timeoutMs: 2_000 });

    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/ECONNREFUSED/);
    expect(result.url.startsWith(`${downHost}/chart?c=`)).toBe(true);
    expect(performance.now() - startedMs).toBeLessThan(2_000);
  });

  it.each([
    { answer: 'html' as const, error: /text\/html, not a PNG image/ },
    { answer: 'error' as const, error: /HTTP 500: bad chart/ },
  ])('GIVEN the server answers $answer THEN ok: false saying why', async ({ answer, error }) => {
    mode = answer;
    const result = await renderChart(dailyPnlChart([]), { host, timeoutMs: 2_000 });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(error);
  });

  it('GIVEN a host that is not http(s) THEN ok: false without a request', async () => {
    const result = await renderChart(dailyPnlChart([]), { host: 'ftp://127.0.0.1:21', timeoutMs: 500 });
    expect(result).toMatchObject({ ok: false, url: '' });
    expect(received).toHaveLength(0);
  });
});
