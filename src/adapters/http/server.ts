import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Log } from '../../app/ports.js';

export type RouteHandler = (req: http.IncomingMessage, res: http.ServerResponse, params: Record<string, string>) => Promise<void>;

interface Route {
  method: string;
  pattern: RegExp;
  keys: string[];
  handler: RouteHandler;
}

/** A small router over node:http: exact methods, `:param` path segments, JSON errors. */
export class HttpServer {
  private readonly routes: Route[] = [];
  private readonly server: http.Server;

  constructor(private readonly log: Log) {
    this.server = http.createServer((req, res) => {
      void this.dispatch(req, res);
    });
    this.server.keepAliveTimeout = 65_000;
  }

  route(method: string, path: string, handler: RouteHandler): this {
    const keys: string[] = [];
    const pattern = new RegExp(`^${path.replace(/:([a-zA-Z]+)/g, (_, key: string) => {
      keys.push(key);
      return '([^/]+)';
    })}$`);
    this.routes.push({ method, pattern, keys, handler });
    return this;
  }

  async listen(port: number, host: string): Promise<AddressInfo> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    return this.server.address() as AddressInfo;
  }

  async close(): Promise<void> {
    this.server.closeIdleConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async dispatch(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const matching = this.routes.filter((r) => r.pattern.test(path));
    const route = matching.find((r) => r.method === req.method);
    if (!route) {
      sendJson(res, matching.length > 0 ? 405 : 404, { error: matching.length > 0 ? 'method not allowed' : 'not found' });
      return;
    }
    const values = route.pattern.exec(path)?.slice(1) ?? [];
    let params: Record<string, string>;
    try {
      params = Object.fromEntries(route.keys.map((k, i) => [k, decodeURIComponent(values[i] ?? '')]));
    } catch {
      // A malformed %-escape (URIError) is bad input: answer 400, never an unhandled rejection.
      sendJson(res, 400, { error: 'malformed URL' });
      return;
    }
    try {
      await route.handler(req, res, params);
    } catch (err) {
      this.log.error({ err, path: route.pattern.source }, 'http handler failed');
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
      else res.end();
    }
  }
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(payload), ...headers });
  res.end(payload);
}
