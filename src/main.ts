import { ConfigError, loadConfig, secretsOf } from './config/env.js';
import { createLogger } from './adapters/log/logger.js';
import { startTradeStream } from './bootstrap.js';
import { reportStartupFailure } from './startup-failure.js';

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
    const app = await startTradeStream(config, { log });
    const shutdown = (signal: string) => {
      log.info({ signal }, 'shutting down: finishing work under way');
      app.stop().then(() => process.exit(0), (err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      });
    };
    process.once('SIGINT', () => shutdown('SIGINT'));
    process.once('SIGTERM', () => shutdown('SIGTERM'));
  } catch (err) {
    reportStartupFailure(err, log, secretsOf(config), (line) => process.stderr.write(line));
    process.exit(1);
  }
}

void main();
