import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, secretsOf } from '../../../src/config/env.js';

const TOKEN = { DISCORD_TOKEN: 't0ken' };

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig({ ...TOKEN, ...env });
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

/**
 * URLs and the listen host are checked as the libraries that use them will parse them, so a value
 * that used to throw only later — at listen, in the postgres driver, at `new WebSocket` after the
 * Discord login — is one more line in the start-up message listing every problem.
 */
describe('URL and host settings', () => {
  it.each([
    ['HTTP_HOST', 'not a host'], ['HTTP_HOST', '999.1.1.1'], ['HTTP_HOST', '[::1]'],
    ['QUOTE_FEED_URL', 'ws://'], ['QUOTE_FEED_URL', 'ws://a b'], ['QUOTE_FEED_URL', 'ws://quotes:0/x'],
    ['QUOTE_FEED_URL', 'wss://quotes.example.com/#live'], ['QUOTE_FEED_URL', 'http://quotes.example.com'],
    ['DATABASE_URL', 'postgres://u:hunter22@127.0.0.1:99999/db'], ['DATABASE_URL', 'postgres://u:hunter22%zz@host/db'],
    ['DATABASE_URL', 'postgres://u:hunter22@h1:5432,h2:70000/db'], ['DATABASE_URL', 'postgres://u:hunter22@host:0/db'],
    ['DATABASE_URL', 'mysql://u:hunter22@host/db'],
    ['DISCORD_API_BASE', 'http://127.0.0.1:65536/api'], ['DISCORD_API_BASE', 'ftp://discord.example'],
    ['WEBHOOK_PUBLIC_URL', 'https://bot.example.com/a b'], ['WEBHOOK_PUBLIC_URL', 'https://'],
    ['QUICKCHART_HOST', 'http://127.0.0.1:99999'],
  ])('GIVEN %s=%s WHEN loaded THEN it is the one listed problem, and the value (a password, maybe) is not echoed', (name, value) => {
    const problems = problemsOf({ [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${name} must be `));
    expect(problems[0]).not.toContain('hunter22');
  });

  it('GIVEN several bad URLs and a bad host WHEN loaded THEN one message lists each of them', () => {
    const problems = problemsOf({
      HTTP_HOST: 'not a host', QUOTE_FEED_URL: 'ws://', DATABASE_URL: 'postgres://u:p@127.0.0.1:99999/db',
    });
    expect(problems).toEqual([
      'DATABASE_URL must be a postgres:// or postgresql:// URL such as postgres://user:password@127.0.0.1:5432/tradestream '
        + '(a port from 1 to 65535; in the user name and password % only as %XX: write % as %25)',
      'HTTP_HOST must be an IP address (0.0.0.0 for every interface, 127.0.0.1, ::) or a host name such as localhost',
      'QUOTE_FEED_URL must be a ws:// or wss:// URL such as wss://quotes.example.com/stream (a host, a port from 1 to 65535 if any, no spaces)',
    ]);
  });

  it.each([
    ['HTTP_HOST', '::'], ['HTTP_HOST', '127.0.0.1'], ['HTTP_HOST', 'localhost'], ['HTTP_HOST', 'tradestream_bot'],
    ['QUOTE_FEED_URL', 'wss://quotes.example.com:8443/stream?symbols=ES,NQ'], ['QUOTE_FEED_URL', 'ws://127.0.0.1:9000'],
    ['DATABASE_URL', 'postgresql://u:s3cr%40t@db.internal:5432/tradestream?sslmode=require'],
    ['DATABASE_URL', 'postgres://u:p@h1:5432,h2:5433/tradestream'], ['DATABASE_URL', 'postgres:///tradestream'],
    ['DISCORD_API_BASE', 'http://127.0.0.1:8080/api'], ['WEBHOOK_PUBLIC_URL', 'https://bot.example.com/tv'],
    ['QUICKCHART_HOST', 'http://[::1]:3400'],
  ])('GIVEN %s=%s WHEN loaded THEN it is accepted', (name, value) => {
    expect(problemsOf({ [name]: value })).toEqual([]);
  });

  it('GIVEN a multi-host DATABASE_URL WHEN secrets are listed THEN its password is one of them', () => {
    const config = loadConfig({ ...TOKEN, DATABASE_URL: 'postgres://u:s3cr%40t@h1:5432,h2:5433/x' });
    expect(secretsOf(config)).toContain('s3cr@t');
  });
});
