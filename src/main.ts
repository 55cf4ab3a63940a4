import { ConfigError, loadConfig, secretsOf } from './config/env.js';
import { createLogger } from './adapters/log/logger.js';
import { SHUTDOWN_TIMEOUT_MS, startTradeStream } from './bootstrap.js';
import { reportFatalStop, reportShutdownFailure, reportStartupFailure } from './startup-failure.js';


/** Entry point: config → logger → start; a failure to start prints one line on stderr and exits non-zero. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\nSee .env.example for every variable.\n`);
      process.exit(2);
    }
    throw err;
  }
  const log = createLogger({ level: config.log.level, pretty: config.log.pretty, secrets: secretsOf(config) });
  try {
    const app = await startTradeStream(config, {
      log,
      onFatalStop: (reason) => {
        reportFatalStop(reason, log, secretsOf(config), (line) => process.stderr.write(line));
        process.exit(1);
      },
    });
    const failed = (err: unknown) => {
      reportShutdownFailure(err, log, secretsOf(config), (line) => process.stderr.write(line));
      process.exit(1);
    };
    const shutdown = (signal: string) => {
      log.info({ signal }, 'shutting down: finishing work under way');
      setTimeout(() => failed(new Error(`work under way did not finish within ${SHUTDOWN_TIMEOUT_MS / 1000} s`)),
        SHUTDOWN_TIMEOUT_MS).unref();
      app.stop().then(() => process.exit(0), failed);
    };
    // once: a second signal ends the process at once (Node's default).
    process.once('SIGINT', () => shutdown('SIGINT'));
    process.once('SIGTERM', () => shutdown('SIGTERM'));
  } catch (err) {
    reportStartupFailure(err, log, secretsOf(config), (line) => process.stderr.write(line));
    process.exit(1);
  }
}

void main();
