import type { IncomingHttpHeaders } from 'node:http';
import type { GatewayServer } from './gateway.js';
import type { ParsedBody } from './multipart.js';
import type { DoubleState } from './state.js';

export interface RouteContext {
  state: DoubleState;
  gateway: GatewayServer;
  params: Record<string, string>;
  query: URLSearchParams;
  body: ParsedBody;
  headers: IncomingHttpHeaders;
}

export interface RouteResult { status: number; json?: unknown }

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path below /api/v10 with `:name` parameters, e.g. `/channels/:channelId/messages`. */
  pattern: string;
  /** Interaction callbacks and webhook routes take no Authorization header. */
  auth: boolean;
  handle: (ctx: RouteContext) => RouteResult | Promise<RouteResult>;
}

export const ok = (json: unknown): RouteResult => ({ status: 200, json });
export const noContent = (): RouteResult => ({ status: 204 });

/** Splits a raw path into decoded segments: `%40original` arrives encoded and must match `@original`. */
export function decodeSegments(rawPath: string): string[] {
  return rawPath.split('/').filter((s) => s.length > 0).map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  });
}

export function matchRoute(routes: Route[], method: string, segments: string[]):
  { route: Route; params: Record<string, string> } | undefined {
  for (const route of routes) {
    if (route.method !== method) continue;
    const params = matchPattern(route.pattern, segments);
    if (params) return { route, params };
  }
  return undefined;
}

function matchPattern(pattern: string, segments: string[]): Record<string, string> | undefined {
  const parts = pattern.split('/').filter((s) => s.length > 0);
  if (parts.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, part] of parts.entries()) {
    const segment = segments[i] ?? '';
    if (part.startsWith(':')) params[part.slice(1)] = segment;
    else if (part !== segment) return undefined;
  }
  return params;
}
