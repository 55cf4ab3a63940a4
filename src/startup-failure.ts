import type { Logger } from './adapters/log/logger.js';
import { redactSecrets } from './adapters/log/logger.js';
import { DiscordLoginError } from './adapters/discord/client.js';
import { DiscordGuildAccessError } from './adapters/discord/register.js';
import { DatabaseUnavailableError } from './adapters/store/database.js';
import { InstanceRunningError } from './adapters/store/instance-lock.js';
import { HttpListenError } from './adapters/http/listen-error.js';

/** Start-up failures whose message is already one line saying what to fix. */
const EXPLAINED = [DiscordLoginError, DiscordGuildAccessError, DatabaseUnavailableError, InstanceRunningError, HttpListenError];

/**
 * Report why the bot could not start: one plain line on stderr — whatever LOG_LEVEL is, even
 * `silent` — and a fatal log entry (with the stack when the failure was not foreseen).
 */
export function reportStartupFailure(err: unknown, log: Logger, secrets: string[], stderr: (line: string) => void): void {
  if (EXPLAINED.some((kind) => err instanceof kind)) {
    const known = err as Error & { code: string };
    log.fatal({ code: known.code }, known.message);
    stderr(`TradeStream could not start: ${redactSecrets(known.message, secrets)}\n`);
    return;
  }
  log.fatal({ err }, 'unexpected start-up failure');
  stderr(`TradeStream could not start: unexpected ${redactSecrets(oneLine(err), secrets)}\n`);
}

/**
 * Report a shutdown that failed or did not finish in time: one plain line on stderr, whatever
 * LOG_LEVEL is, so a supervisor's log says why the exit code is 1.
 */
export function reportShutdownFailure(err: unknown, log: Logger, secrets: string[], stderr: (line: string) => void): void {
  log.fatal({ err }, 'shutdown failed');
  stderr(`TradeStream did not shut down cleanly: ${redactSecrets(oneLine(err), secrets)}\n`);
}

/**
 * Report that the bot stopped itself (another TradeStream took its database): one plain line on
 * stderr, whatever LOG_LEVEL is, so a supervisor's log says why it stopped.
 */
export function reportFatalStop(reason: Error, log: Logger, secrets: string[], stderr: (line: string) => void): void {
  log.fatal({ err: reason }, 'TradeStream stopped');
  stderr(`TradeStream stopped: ${redactSecrets(reason.message.split('\n')[0] ?? '', secrets)}\n`);
}

/** `Name: first line of the message`, e.g. `DiscordAPIError[50035]: Invalid Form Body`. */
function oneLine(err: unknown): string {
  if (!(err instanceof Error)) return `failure: ${String(err).split('\n')[0] ?? ''}`;
  return `${err.name}: ${err.message.split('\n')[0] ?? ''}`;
}
