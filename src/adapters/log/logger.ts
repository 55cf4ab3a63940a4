import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger };

/** Field paths that carry credentials wherever they appear in a log object. */
const REDACT_PATHS = [
  'token', '*.token', '*.*.token', 'password', '*.password', 'secret', '*.secret', 'apiKey', '*.apiKey',
  'authorization', 'headers.authorization', '*.headers.authorization', 'req.headers.authorization',
  'DISCORD_TOKEN', '*.DISCORD_TOKEN', 'discord.token', 'config.discord.token', 'totpSecret', '*.totpSecret',
];
const CENSOR = '[REDACTED]';

export interface LoggerOptions {
  level: string;
  pretty?: boolean;
  /** Exact secret values (tokens, passwords) scrubbed from every string in every log line. */
  secrets?: string[];
  destination?: DestinationStream;
}

/**
 * JSON logs by default, pretty in development. Secrets are removed twice over: by field path
 * (pino's redact) and by value, so a token pasted into an error message never reaches a log.
 */
export function createLogger(options: LoggerOptions): Logger {
  const secrets = (options.secrets ?? []).filter((s) => s.length >= 4);
  const scrub = (value: unknown): unknown => scrubValue(value, secrets, 0);
  const base = {
    level: options.level,
    redact: { paths: REDACT_PATHS, censor: CENSOR },
    formatters: { log: (obj: Record<string, unknown>) => scrub(obj) as Record<string, unknown> },
    hooks: {
      logMethod(this: Logger, args: Parameters<Logger['info']>, method: (...a: unknown[]) => void) {
        method.apply(this, args.map(scrub));
      },
    },
  };
  if (options.pretty && !options.destination) {
    return pino({ ...base, transport: { target: 'pino-pretty', options: { colorize: true } } });
  }
  return options.destination ? pino(base, options.destination) : pino(base);
}

function scrubValue(value: unknown, secrets: string[], depth: number): unknown {
  if (secrets.length === 0 || depth > 6) return value;
  if (typeof value === 'string') return scrubString(value, secrets);
  if (value instanceof Error) return scrubError(value, secrets, depth);
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, secrets, depth + 1));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = scrubValue(v, secrets, depth + 1);
    return out;
  }
  return value;
}

/** The text with every secret (of 4 characters or more) replaced, for output that bypasses the logger. */
export function redactSecrets(text: string, secrets: string[]): string {
  return scrubString(text, secrets.filter((s) => s.length >= 4));
}

function scrubString(text: string, secrets: string[]): string {
  let out = text;
  for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(CENSOR);
  return out;
}

/**
 * A copy of the error with every secret removed from its message, stack and own fields, on the
 * error's own prototype so pino's serializer still names its class (`"type":"DiscordAPIError"`,
 * not `"Object"`), with its cause scrubbed alike.
 */
function scrubError(err: Error, secrets: string[], depth: number): Error {
  const copy = Object.create(Object.getPrototypeOf(err) as object) as Error & Record<string, unknown>;
  for (const [key, value] of Object.entries(err)) copy[key] = scrubValue(value, secrets, depth + 1);
  copy.message = scrubString(err.message, secrets);
  if (err.stack !== undefined) copy.stack = scrubString(err.stack, secrets);
  if (err.name !== copy.name) copy.name = err.name;
  if (err.cause !== undefined) copy.cause = scrubValue(err.cause, secrets, depth + 1);
  return copy;
}
