import { ConfigError, loadConfig, secretsOf } from './config/env.js';
import { createLogger } from './adapters/log/logger.js';
import { startTradeStream } from './bootstrap.js';
import { DiscordLoginError } from './adapters/discord/client.js';
import { DatabaseUnavailableError } from './adapters/store/database.js';

/** Entry point: config → logger → start; known failures print one line and exit non-zero. */
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
    if (err instanceof DiscordLoginError || err instanceof DatabaseUnavailableError) {
      log.fatal({ code: err.code }, err.message);
      process.stderr.write(`TradeStream could not start: ${err.message}\n`);
      process.exit(1);
    }
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE' || e.code === 'EACCES') {
      process.stderr.write(`TradeStream could not start: HTTP_HOST/HTTP_PORT cannot be used (${e.code}); choose another port.\n`);
      process.exit(1);
    }
    log.fatal({ err }, 'unexpected start-up failure');
    process.exit(1);
  }
}

void main();
