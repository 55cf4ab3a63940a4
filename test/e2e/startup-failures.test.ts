import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDiscordDouble, type DiscordDouble } from '../support/discord-double/index.js';
import { expectOneClearLine, freePort, killSpawnedBots, spawnBot } from '../support/spawn-bot.js';

/**
 * The real entry point as a process, started with a setting that cannot work: whatever the
 * cause, the operator gets one plain line on stderr saying what is wrong, exit 1 — never only
 * a stack in a JSON log line, and never silence.
 */
/** A start reaches Discord after migrating the embedded database: seconds, more on a busy machine. */
const START_TIMEOUT_MS = 90_000;

describe('npm start that cannot start', () => {
  let double: DiscordDouble;
  let dataDir: string;

  beforeAll(async () => {
    double = await startDiscordDouble();
    dataDir = mkdtempSync(path.join(tmpdir(), 'ts-fail-'));
  });
  afterAll(async () => {
    await killSpawnedBots();
    await double.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const baseEnv = async (d: DiscordDouble = double) => ({
    DISCORD_TOKEN: d.token, DISCORD_API_BASE: d.apiBase, HTTP_HOST: '127.0.0.1', HTTP_PORT: String(await freePort()),
    DATA_DIR: dataDir, LOG_LEVEL: 'warn',
  });

  it('GIVEN a failure nobody foresaw and LOG_LEVEL=silent WHEN started THEN stderr still says what failed in one line, exit 1', async () => {
    const faulty = await startDiscordDouble({ commandRegistrationError: { status: 400, code: 50035, message: 'Invalid Form Body' } });
    try {
      const { exited } = spawnBot({ ...await baseEnv(faulty), LOG_LEVEL: 'silent' });
      const result = await exited;
      expect(result.code).toBe(1);
      expectOneClearLine(result.stderr, /^TradeStream could not start: unexpected DiscordAPIError\[50035\]: Invalid Form Body$/m);
      expect(result.stdout).toBe('');
    } finally {
      await faulty.close();
    }
  }, START_TIMEOUT_MS);

  it('GIVEN HTTP_HOST is an address this machine does not have WHEN started THEN one line says to use one of its own, exit 1', async () => {
    const { exited } = spawnBot({ ...await baseEnv(), HTTP_HOST: '192.0.2.1' });
    const result = await exited;
    expect(result.code).toBe(1);
    expectOneClearLine(result.stderr, /^TradeStream could not start: HTTP_HOST 192\.0\.2\.1 is not an address of this machine: use 0\.0\.0\.0/m);
  });

  it('GIVEN DISCORD_GUILD_ID names a guild the bot is not in WHEN started THEN one line says to invite it or unset DISCORD_GUILD_ID, exit 1', async () => {
    const { exited } = spawnBot({ ...await baseEnv(), DISCORD_GUILD_ID: '123456789012345678' });
    const result = await exited;
    expect(result.code).toBe(1);
    expectOneClearLine(result.stderr,
      /^TradeStream could not start: the bot is not in guild 123456789012345678 \(DISCORD_GUILD_ID\): invite it .* or unset DISCORD_GUILD_ID\.$/m);
  }, START_TIMEOUT_MS);

  it('GIVEN DATA_DIR is a file WHEN started THEN one line says the embedded database cannot be opened there, exit 1', async () => {
    const file = path.join(dataDir, 'a-file');
    writeFileSync(file, 'not a directory');
    const { exited } = spawnBot({ ...await baseEnv(), DATA_DIR: file });
    const result = await exited;
    expect(result.code).toBe(1);
    expectOneClearLine(result.stderr, /^TradeStream could not start: Could not open the embedded database in .*a-file: ENOTDIR: .* Set DATA_DIR to a directory/m);
  }, START_TIMEOUT_MS);

  it('GIVEN a bot running on DATA_DIR WHEN a second one is started on it THEN one line says another is running and which, exit 1; the first runs on', async () => {
    const env = await baseEnv();
    const first = spawnBot(env);
    try {
      const health = `http://127.0.0.1:${env.HTTP_PORT}/healthz`;
      for (let waited = 0; (await fetch(health).then((r) => r.status, () => 0)) !== 200; waited += 200) {
        if (waited > START_TIMEOUT_MS - 10_000) throw new Error('the first bot never became ready');
        await new Promise((r) => setTimeout(r, 200));
      }
      const second = await spawnBot({ ...env, HTTP_PORT: String(await freePort()) }).exited;
      expect(second.code).toBe(1);
      expectOneClearLine(second.stderr, new RegExp(`^TradeStream could not start: Another TradeStream is running on the embedded database in .* \\(pid ${first.child.pid} on .*\\)\\. Stop it first`, 'm'));
      expect((await fetch(health)).status).toBe(200);
    } finally {
      first.child.kill('SIGTERM');
      await first.exited;
    }
  }, START_TIMEOUT_MS);

  it('GIVEN URLs and a host that used to crash only later WHEN started THEN the config message lists them all, before Discord is called, exit 2', async () => {
    const before = double.requests.length;
    const { exited } = spawnBot({
      ...await baseEnv(), HTTP_HOST: 'not a host', QUOTE_FEED_URL: 'ws://a b', DATABASE_URL: 'postgres://u:hunter22%zz@127.0.0.1/db',
    });
    const result = await exited;
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^Invalid configuration \(3 problems\):\n {2}- DATABASE_URL must be .*\n {2}- HTTP_HOST must be .*\n {2}- QUOTE_FEED_URL must be /);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(result.stdout + result.stderr).not.toContain('hunter22');
    expect(double.requests.length).toBe(before);
  });
});
