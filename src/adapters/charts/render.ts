/**
 * Chart images from QuickChart (quickchart.io or a self-hosted one at QUICKCHART_HOST).
 * quickchart-js builds the GET url and the POST body; the POST itself goes through fetch with an
 * abort signal, because quickchart-js's toBinary() takes no timeout and would hang on a stalled
 * server. Never throws: every failure is `ok: false` with the reason.
 */
import quickchartModule from 'quickchart-js';
import type { ChartConfig } from './chart-config.js';

// quickchart-js ships CommonJS-style typings (TypeScript sees `{ default: QuickChart }`), while
// Node's ESM import of its .mjs build yields the class itself; accept either shape.
const QuickChart: typeof quickchartModule.default =
  (quickchartModule as unknown as { default?: typeof quickchartModule.default }).default
  ?? (quickchartModule as unknown as typeof quickchartModule.default);

export const DEFAULT_QUICKCHART_HOST = 'https://quickchart.io';
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface RenderOptions {
  /** Base URL such as 'http://127.0.0.1:3400' or 'https://quickchart.io'; no scheme → https. */
  readonly host?: string;
  /** Bounds the whole request, body included. */
  readonly timeoutMs: number;
  readonly widthPx?: number;
  readonly heightPx?: number;
  readonly backgroundColor?: string;
}

export type RenderResult =
  | { readonly ok: true; readonly png: Buffer; readonly url: string }
  | { readonly ok: false; readonly url: string; readonly error: string };

/** Split a base URL into the scheme and the host (+ any path prefix) quickchart-js wants. */
function parseHost(host: string): { scheme: string; hostAndPath: string } | null {
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(host) ? host : `https://${host}`);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  return { scheme: url.protocol.slice(0, -1), hostAndPath: url.host + url.pathname.replace(/\/+$/, '') };
}

function describeError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `timed out after ${timeoutMs} ms`;
  }
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  const message = error instanceof Error ? error.message : String(error);
  return cause ? `${message}: ${cause.code ?? cause.message ?? 'unknown cause'}` : message;
}

async function postForPng(chartUrl: string, body: unknown, timeoutMs: number): Promise<Buffer | string> {
  const response = await fetch(chartUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'image/png' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  if (!response.ok) {
    const detail = response.headers.get('x-quickchart-error');
    return `QuickChart answered HTTP ${response.status}${detail ? `: ${detail}` : ''}`;
  }
  const contentType = response.headers.get('content-type') ?? '';
  if (!contentType.startsWith('image/png') || !bytes.subarray(0, 8).equals(PNG_SIGNATURE)) {
    return `QuickChart answered ${contentType || 'no content type'}, not a PNG image`;
  }
  return bytes;
}

export async function renderChart(config: ChartConfig, options: RenderOptions): Promise<RenderResult> {
  const target = parseHost(options.host ?? DEFAULT_QUICKCHART_HOST);
  if (!target) return { ok: false, url: '', error: `not an http(s) QuickChart host: ${options.host ?? ''}` };
  const chart = new QuickChart()
    // A JSON string (not quickchart-js's JS-literal stringify) keeps the wire body plain JSON.
    .setConfig(JSON.stringify(config))
    .setScheme(target.scheme)
    .setHost(target.hostAndPath)
    .setWidth(options.widthPx ?? 800)
    .setHeight(options.heightPx ?? 400)
    .setBackgroundColor(options.backgroundColor ?? '#ffffff')
    .setFormat('png');
  const url = chart.getUrl();
  const chartUrl = `${target.scheme}://${target.hostAndPath}/chart`;
  try {
    const answer = await postForPng(chartUrl, chart.getPostData(), options.timeoutMs);
    return typeof answer === 'string' ? { ok: false, url, error: answer } : { ok: true, png: answer, url };
  } catch (error) {
    return { ok: false, url, error: describeError(error, options.timeoutMs) };
  }
}
