/**
 * A QuickChart double on 127.0.0.1 speaking the real wire format: POST /chart with JSON
 * {chart, width, height, format, backgroundColor, …} → image/png. It records every chart it was
 * asked to draw, so tests can read back the series. Nothing reaches the internet.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// A 1×1 PNG.
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

export interface ChartRequest {
  method: string;
  body: Record<string, unknown> | null;
  /** The Chart.js config, parsed from the `chart` field (a JSON string or an object). */
  chart: unknown;
}

export interface QuickChartDouble {
  host: string;
  requests: ChartRequest[];
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startQuickChartDouble(): Promise<QuickChartDouble> {
  const requests: ChartRequest[] = [];
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/chart') return void res.writeHead(404).end();
    const text = req.method === 'POST' ? await readBody(req) : '';
    const body = text ? (JSON.parse(text) as Record<string, unknown>) : null;
    const raw = body ? body.chart : url.searchParams.get('c');
    requests.push({ method: req.method ?? '', body, chart: typeof raw === 'string' ? JSON.parse(raw) : raw });
    res.writeHead(200, { 'content-type': 'image/png', 'content-length': PNG.length }).end(PNG);
  };
  const server: Server = createServer((req, res) => void handle(req, res).catch(() => res.writeHead(400).end()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    host: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
