import type http from 'node:http';

/** TradingView alert messages are short; 64 KiB is far above any real template. */
export const MAX_BODY_BYTES = 64 * 1024;
/** A body that has not arrived by then is abandoned (TradingView itself gives up after 3 s). */
export const BODY_TIMEOUT_MS = 10_000;

export type ContentKind = 'json' | 'text';

/** application/json or text/plain (any parameters, e.g. charset); anything else is refused. */
export function contentKind(header: string | undefined): ContentKind | null {
  const type = header?.split(';')[0]?.trim().toLowerCase();
  if (type === 'application/json') return 'json';
  if (type === 'text/plain') return 'text';
  return null;
}

export type BodyRead =
  | { status: 'ok'; text: string }
  | { status: 'too_large' }
  | { status: 'not_utf8' }
  | { status: 'timeout' }
  | { status: 'aborted' };

/** Read the whole body, stopping at `limit` bytes; decoded as strict UTF-8. */
export function readBody(req: http.IncomingMessage, limit: number, timeoutMs = BODY_TIMEOUT_MS): Promise<BodyRead> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve({ status: 'too_large' });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (result: BodyRead) => {
      clearTimeout(timer);
      req.removeListener('data', onData).removeListener('end', onEnd).removeListener('error', onAbort).removeListener('aborted', onAbort);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) finish({ status: 'too_large' });
      else chunks.push(chunk);
    };
    const onEnd = () => finish(decode(Buffer.concat(chunks, size)));
    const onAbort = () => finish({ status: 'aborted' });
    const timer = setTimeout(() => finish({ status: 'timeout' }), timeoutMs);
    req.on('data', onData).on('end', onEnd).on('error', onAbort).on('aborted', onAbort);
  });
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

function decode(bytes: Buffer): BodyRead {
  try {
    return { status: 'ok', text: utf8.decode(bytes) };
  } catch {
    return { status: 'not_utf8' };
  }
}
