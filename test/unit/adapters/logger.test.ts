import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/adapters/log/logger.js';

function capture(): { stream: Writable; lines: () => string[] } {
  const chunks: string[] = [];
  const stream = new Writable({ write(chunk, _enc, done) { chunks.push(String(chunk)); done(); } });
  return { stream, lines: () => chunks.join('').split('\n').filter(Boolean) };
}

const TOKEN = 'MTIz.NDU2.discord-token-value';

describe('logger', () => {
  it('GIVEN a token in a field, a message and an error WHEN logged THEN it never appears in the output', () => {
    const out = capture();
    const log = createLogger({ level: 'info', secrets: [TOKEN], destination: out.stream as never });
    log.info({ token: TOKEN, config: { discord: { token: TOKEN } }, headers: { authorization: `Bot ${TOKEN}` } }, 'starting');
    log.warn(`login with ${TOKEN} failed`);
    log.error({ err: new Error(`bad token ${TOKEN}`), nested: { note: `prefix ${TOKEN} suffix` } }, 'oops');
    const text = out.lines().join('\n');
    expect(out.lines()).toHaveLength(3);
    expect(text).not.toContain(TOKEN);
    expect(text).toContain('[REDACTED]');
    expect(JSON.parse(out.lines()[1] ?? '{}').msg).toBe('login with [REDACTED] failed');
  });

  it('GIVEN the default options WHEN logging THEN each line is JSON with level and message', () => {
    const out = capture();
    const log = createLogger({ level: 'info', destination: out.stream as never });
    log.info({ signalId: 7 }, 'stored');
    const line = JSON.parse(out.lines()[0] ?? '{}') as Record<string, unknown>;
    expect(line).toMatchObject({ level: 30, msg: 'stored', signalId: 7 });
  });

  it('GIVEN an error of a named class, with a cause WHEN logged with secrets to scrub THEN its class name, code and the message of its cause survive, scrubbed', () => {
    class BrokerError extends Error {
      code = 'E_REJECTED';
      constructor(message: string, options?: { cause?: unknown }) {
        super(message, options);
        this.name = 'BrokerError';
      }
    }
    const out = capture();
    const log = createLogger({ level: 'info', secrets: [TOKEN], destination: out.stream as never });
    log.error({ err: new BrokerError(`rejected for ${TOKEN}`, { cause: new TypeError(`inner ${TOKEN}`) }) }, 'order failed');
    const err = (JSON.parse(out.lines()[0] ?? '{}') as { err: Record<string, unknown> }).err;
    expect(err).toMatchObject({ type: 'BrokerError', code: 'E_REJECTED' });
    expect(err.message).toBe('rejected for [REDACTED]: inner [REDACTED]'); // pino appends the cause's message
    expect(String(err.stack)).toContain('rejected for [REDACTED]');
    expect(out.lines().join('\n')).not.toContain(TOKEN);
  });
});
