/** Raised when the health and webhook server cannot listen; its message says which setting to change. */
export class HttpListenError extends Error {
  constructor(readonly code: 'HTTP_PORT_IN_USE' | 'HTTP_PORT_FORBIDDEN' | 'HTTP_HOST_NOT_LOCAL' | 'HTTP_HOST_UNKNOWN',
    message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'HttpListenError';
  }
}

/** The listen failure as one line naming HTTP_HOST or HTTP_PORT; anything unforeseen is returned as it is. */
export function describeListenError(err: unknown, host: string, port: number): unknown {
  const at = `${host}:${port}`;
  switch ((err as NodeJS.ErrnoException).code) {
    case 'EADDRINUSE':
      return new HttpListenError('HTTP_PORT_IN_USE',
        `HTTP_PORT ${port} is already in use on ${host}: stop what is using it or choose another HTTP_PORT.`, { cause: err });
    case 'EACCES':
      return new HttpListenError('HTTP_PORT_FORBIDDEN',
        `not allowed to listen on ${at} (ports below 1024 need privileges): choose another HTTP_PORT.`, { cause: err });
    case 'EADDRNOTAVAIL':
      return new HttpListenError('HTTP_HOST_NOT_LOCAL',
        `HTTP_HOST ${host} is not an address of this machine: use 0.0.0.0 (every interface), 127.0.0.1 or one of its own addresses.`, { cause: err });
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new HttpListenError('HTTP_HOST_UNKNOWN',
        `HTTP_HOST ${host} does not resolve to an address: use 0.0.0.0 (every interface), 127.0.0.1 or a host name this machine knows.`, { cause: err });
    default:
      return err;
  }
}
