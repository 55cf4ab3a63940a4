import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError, unauthorized, unknownRoute } from './api-error.js';
import { GatewayServer } from './gateway.js';
import { parseBody, type ParsedBody } from './multipart.js';
import { decodeSegments, matchRoute, type Route, type RouteResult } from './router.js';
import type { DoubleState } from './state.js';

const API_PREFIX = '/api/v10';

/** One loopback HTTP server carrying the REST API, attachment downloads and the gateway upgrade. */
export class DoubleServer {
  private readonly http: Server;
  readonly gateway: GatewayServer;

  constructor(private readonly state: DoubleState, private readonly routes: Route[]) {
    this.gateway = new GatewayServer(state);
    this.http = createServer((req, res) => void this.onRequest(req, res));
    this.http.on('upgrade', (req, socket, head) => this.gateway.handleUpgrade(req, socket, head));
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = this.http.address() as AddressInfo;
    this.state.origin = `http://127.0.0.1:${port}`;
  }

  async close(): Promise<void> {
    await this.gateway.close();
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.state.origin);
    if (url.pathname.startsWith('/attachments/')) return this.serveAttachment(url.pathname, res);
    const raw = await readAll(req);
    const path = url.pathname.startsWith(API_PREFIX) ? url.pathname.slice(API_PREFIX.length) : url.pathname;
    const segments = decodeSegments(path);
    const entry = { method: req.method ?? 'GET', path: `/${segments.join('/')}`, query: url.search, status: 0,
      body: null as unknown, unmatched: false, atMs: Date.now() };
    let result: RouteResult;
    await this.heldBack(entry.method, entry.path);
    try {
      const body = await parseBody(raw, req.headers['content-type']);
      entry.body = body.json;
      result = await this.route(req, url, segments, body, entry);
    } catch (error) {
      result = errorResult(error);
    }
    entry.status = result.status;
    this.state.requests.push(entry);
    this.state.changed();
    send(res, result);
  }

  private async route(req: IncomingMessage, url: URL, segments: string[], body: ParsedBody,
    entry: { unmatched: boolean }): Promise<RouteResult> {
    const matched = url.pathname.startsWith(API_PREFIX) ? matchRoute(this.routes, req.method ?? 'GET', segments) : undefined;
    if (!matched) {
      entry.unmatched = true;
      throw unknownRoute();
    }
    if (matched.route.auth && req.headers.authorization !== `Bot ${this.state.options.token}`) throw unauthorized();
    return matched.route.handle({
      state: this.state, gateway: this.gateway, params: matched.params, query: url.searchParams, body, headers: req.headers,
    });
  }

  /** Waits while a test holds requests like this one (DiscordDouble.holdRequests). */
  private async heldBack(method: string, path: string): Promise<void> {
    for (const hold of [...this.state.holds]) {
      if (!hold.matches(method, path)) continue;
      hold.caught();
      await hold.released;
    }
  }

  private serveAttachment(pathname: string, res: ServerResponse): void {
    const id = decodeSegments(pathname)[1];
    const attachment = [...this.state.messages.values()].flatMap((m) => m.attachments).find((a) => a.id === id);
    if (!attachment) return send(res, { status: 404, json: { message: '404: Not Found', code: 0 } });
    res.writeHead(200, { 'content-type': attachment.contentType, 'content-length': attachment.data.length });
    res.end(attachment.data);
  }
}

function errorResult(error: unknown): RouteResult {
  if (error instanceof ApiError) return { status: error.status, json: error.body };
  const message = error instanceof Error ? error.message : String(error);
  return { status: 500, json: { message: `discord double internal error: ${message}`, code: 0 } };
}

function send(res: ServerResponse, result: RouteResult): void {
  if (result.status === 204 || result.json === undefined) {
    res.writeHead(result.status);
    res.end();
    return;
  }
  const text = JSON.stringify(result.json);
  res.writeHead(result.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function readAll(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
