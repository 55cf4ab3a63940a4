import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDiscordDouble, type DiscordDouble } from '../support/discord-double/index.js';
import { expectOneClearLine, freePort, killSpawnedBots, spawnBot } from '../support/spawn-bot.js';

/** The real entry point as a process: what an operator sees on a good and a bad start. */
describe('npm start as a process', () => {
  let double: DiscordDouble;
  let dataDir: string;

  beforeAll(async () => {
    double = await startDiscordDouble();
    dataDir = mkdtempSync(path.join(tmpdir(), 'ts-start-'));
  });
  afterAll(async () => {
    await killSpawnedBots();
    await double.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const baseEnv = (port: number) => ({
    DISCORD_TOKEN: double.token, DISCORD_API_BASE: double.apiBase, HTTP_HOST: '127.0.0.1', HTTP_PORT: String(port),
    DATA_DIR: dataDir, LOG_LEVEL: 'warn',
  });

  it('GIVEN a good config WHEN started THEN /healthz says 503 or nothing before ready, 200 once ready, and SIGTERM exits 0', async () => {
    const port = await freePort();
    const startedAt = performance.now();
    const { child, exited } = spawnBot(baseEnv(port));
    let readyMs = -1;
    while (performance.now() - startedAt < 30_000) {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null);
      if (res?.status === 200) {
        readyMs = performance.now() - startedAt;
        break;
      }
      if (res) expect(res.status).toBe(503);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(readyMs).toBeGreaterThan(0);
    console.info(`start-up to ready (process spawn → /healthz 200): ${Math.round(readyMs)} ms`);
    child.kill('SIGTERM');
    expect((await exited).code).toBe(0);
  }, 45_000); // the wait above allows 30 s to ready; vitest's default 20 s cut it short on a busy machine

  it('GIVEN several bad variables WHEN started THEN one message lists every problem and the exit code is 2', async () => {
    const { exited } = spawnBot({ HTTP_PORT: 'eighty', TRADING_MODE: 'yolo' });
    const result = await exited;
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Invalid configuration (3 problems)');
    for (const name of ['DISCORD_TOKEN', 'HTTP_PORT', 'TRADING_MODE']) expect(result.stderr).toContain(name);
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it('GIVEN a bad token WHEN started THEN one line says to reset the token, exit 1', async () => {
    const { exited } = spawnBot({ ...baseEnv(await freePort()), DISCORD_TOKEN: 'not-the-token' });
    const result = await exited;
    expect(result.code).toBe(1);
    expectOneClearLine(result.stderr, /DISCORD_TOKEN was rejected by Discord/);
    expect(result.stdout + result.stderr).not.toContain('not-the-token');
  });

  it('GIVEN the Message Content intent is not enabled WHEN started THEN one line says where to enable it, exit 1', async () => {
    const strict = await startDiscordDouble({ privilegedIntentsAllowed: false });
    try {
      const { exited } = spawnBot({ ...baseEnv(await freePort()), DISCORD_TOKEN: strict.token, DISCORD_API_BASE: strict.apiBase });
      const result = await exited;
      expect(result.code).toBe(1);
      expectOneClearLine(result.stderr, /Message Content Intent/);
    } finally {
      await strict.close();
    }
  });

  it('GIVEN an unreachable database WHEN started THEN one line names the host and says connection refused, exit 1', async () => {
    const deadPort = await freePort();
    const { exited } = spawnBot({ ...baseEnv(await freePort()), DATABASE_URL: `postgres://u:hunter22@127.0.0.1:${deadPort}/tradestream` });
    const result = await exited;
    expect(result.code).toBe(1);
    expectOneClearLine(result.stderr, new RegExp(`Could not connect to the database at 127\\.0\\.0\\.1:${deadPort}/tradestream: connection refused`));
    expect(result.stdout + result.stderr).not.toContain('hunter22');
  });
});
