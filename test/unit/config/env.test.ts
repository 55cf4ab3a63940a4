import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, secretsOf } from '../../../src/config/env.js';

describe('loadConfig', () => {
  it('GIVEN only a token WHEN loaded THEN every default of the design card applies', () => {
    const config = loadConfig({ DISCORD_TOKEN: 'abc.def.ghi' });
    expect(config.tradingMode).toBe('paper');
    expect(config.discord.futuresChannels).toEqual(['twi_futures']);
    expect(config.discord.optionsChannels).toEqual(['twi_options']);
    expect(config.database).toEqual({ url: null, dataDir: './data', instanceLock: true });
    expect(config.confidenceThreshold).toBe(0.8);
    expect(config.paper).toEqual({
      startingBalanceCents: 2_500_000, baseContracts: 1, slippageTicks: 1, commissionFuturesCents: 62,
      commissionOptionsCents: 65, enforceMarketHours: true,
    });
    expect(config.http.port).toBe(8080);
  });

  it('GIVEN lists and ids WHEN loaded THEN they are split and trimmed', () => {
    const config = loadConfig({
      DISCORD_TOKEN: 't0ken', FUTURES_CHANNELS: ' 123456789 , Futures-Alerts ', ADMIN_USER_IDS: '111111,222222',
      ALERT_AUTHORS: 'jmoney, 333333', ENFORCE_MARKET_HOURS: 'false', STARTING_BALANCE: '10000.50', INSTANCE_LOCK: 'false',
    });
    expect(config.database.instanceLock).toBe(false);
    expect(config.discord.futuresChannels).toEqual(['123456789', 'Futures-Alerts']);
    expect(config.discord.adminUserIds).toEqual(['111111', '222222']);
    expect(config.discord.alertAuthors).toEqual(['jmoney', '333333']);
    expect(config.paper.enforceMarketHours).toBe(false);
    expect(config.paper.startingBalanceCents).toBe(1_000_050);
  });

  it('GIVEN several bad variables WHEN loaded THEN one error lists every problem by name', () => {
    let error: unknown;
    try {
      loadConfig({
        HTTP_PORT: 'eighty', TRADING_MODE: 'yolo', CONFIDENCE_THRESHOLD: '1.5', DATABASE_URL: 'mysql://x',
        ADMIN_USER_IDS: 'bob', COMMISSION_FUTURES: '0.625', QUOTE_FEED_URL: 'http://x',
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['DISCORD_TOKEN', 'HTTP_PORT', 'TRADING_MODE', 'CONFIDENCE_THRESHOLD', 'DATABASE_URL', 'ADMIN_USER_IDS',
      'COMMISSION_FUTURES', 'QUOTE_FEED_URL']) {
      expect(problems).toContain(name);
    }
    expect((error as ConfigError).problems).toHaveLength(8);
    expect((error as Error).message).toMatch(/^Invalid configuration \(8 problems\):/);
  });

  it('GIVEN empty strings WHEN loaded THEN they count as unset', () => {
    const config = loadConfig({ DISCORD_TOKEN: 'tok3n', DATABASE_URL: '', HTTP_PORT: '  ' });
    expect(config.database.url).toBeNull();
    expect(config.http.port).toBe(8080);
  });

  it('GIVEN a database URL with a password WHEN secrets are listed THEN the token and the password are', () => {
    const config = loadConfig({ DISCORD_TOKEN: 'token-value-1', DATABASE_URL: 'postgres://u:s3cr%40t@db:5432/x' });
    expect(secretsOf(config)).toEqual(['token-value-1', 's3cr@t']);
  });
});
