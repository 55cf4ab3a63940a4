import { describe, expect, it } from 'vitest';
import { HttpServer } from '../../../src/adapters/http/server.js';
import { describeListenError, HttpListenError } from '../../../src/adapters/http/listen-error.js';

const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const errno = (code: string) => Object.assign(new Error(`listen ${code}`), { code });

describe('why the HTTP server cannot listen, in one line', () => {
  it('GIVEN the port is taken WHEN a second server listens on it THEN HTTP_PORT_IN_USE names the port and HTTP_PORT', async () => {
    const first = new HttpServer(quiet);
    const { port } = await first.listen(0, '127.0.0.1');
    try {
      const failure = await new HttpServer(quiet).listen(port, '127.0.0.1').then(() => null, (err: unknown) => describeListenError(err, '127.0.0.1', port));
      expect(failure).toBeInstanceOf(HttpListenError);
      expect(failure).toMatchObject({ code: 'HTTP_PORT_IN_USE', message: `HTTP_PORT ${port} is already in use on 127.0.0.1: stop what is using it or choose another HTTP_PORT.` });
    } finally {
      await first.close();
    }
  });

  it.each([
    ['EADDRNOTAVAIL', 'HTTP_HOST_NOT_LOCAL', 'HTTP_HOST 203.0.113.9 is not an address of this machine'],
    ['ENOTFOUND', 'HTTP_HOST_UNKNOWN', 'HTTP_HOST 203.0.113.9 does not resolve to an address'],
    ['EAI_AGAIN', 'HTTP_HOST_UNKNOWN', 'HTTP_HOST 203.0.113.9 does not resolve to an address'],
    ['EACCES', 'HTTP_PORT_FORBIDDEN', 'not allowed to listen on 203.0.113.9:80 (ports below 1024 need privileges)'],
  ])('GIVEN %s WHEN described THEN %s, saying what to change', (code, expected, text) => {
    const failure = describeListenError(errno(code), '203.0.113.9', 80) as HttpListenError;
    expect(failure.code).toBe(expected);
    expect(failure.message).toContain(text);
    expect(failure.message).not.toContain('\n');
  });

  it('GIVEN an error it does not know WHEN described THEN it is handed back unchanged', () => {
    const other = errno('EMFILE');
    expect(describeListenError(other, '0.0.0.0', 8080)).toBe(other);
  });
});
