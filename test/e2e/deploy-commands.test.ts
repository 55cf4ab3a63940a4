import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDiscordDouble, type DiscordDouble } from '../support/discord-double/index.js';
import { ROOT } from '../support/spawn-bot.js';
import { COMMANDS } from '../../commands/index.js';

const run = promisify(execFile);

describe('npm run deploy-commands', () => {
  let double: DiscordDouble;
  beforeAll(async () => {
    double = await startDiscordDouble();
  });
  afterAll(async () => {
    await double.close();
  });

  const deploy = (env: Record<string, string>) => run(process.execPath, ['--import', 'tsx', 'scripts/deploy-commands.ts'], {
    cwd: ROOT, env: { PATH: process.env.PATH ?? '', DISCORD_TOKEN: double.token, DISCORD_API_BASE: double.apiBase, ...env },
  });

  it('GIVEN a guild id WHEN run twice THEN every command is registered to the guild by bulk overwrite, once each', async () => {
    const first = await deploy({ DISCORD_GUILD_ID: double.guilds.guildId });
    await deploy({ DISCORD_GUILD_ID: double.guilds.guildId });
    expect(first.stdout).toBe(`Registered ${COMMANDS.length} commands in guild ${double.guilds.guildId}.\n`);
    const names = double.registeredCommands(double.guilds.guildId).map((c) => c.name).sort();
    expect(names).toEqual(COMMANDS.map((c) => c.data.name).sort());
    expect(double.requests.filter((r) => r.method === 'PUT' && r.path.includes('/commands'))).toHaveLength(2);
  });

  it('GIVEN no guild id WHEN run THEN the commands are registered globally', async () => {
    const result = await deploy({});
    expect(result.stdout).toBe(`Registered ${COMMANDS.length} commands globally.\n`);
    expect(double.registeredCommands().length).toBe(COMMANDS.length);
  });

  it('GIVEN a bad token WHEN run THEN it exits 1 with one line', async () => {
    const failed = await deploy({ DISCORD_TOKEN: 'wrong' }).then(() => null, (err: { code: number; stderr: string }) => err);
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toMatch(/^Could not register commands: .*401/);
    expect(failed?.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('GIVEN a guild the bot is not in WHEN run THEN it exits 1 with one line saying to invite it or unset DISCORD_GUILD_ID', async () => {
    const failed = await deploy({ DISCORD_GUILD_ID: '123456789012345678' }).then(() => null, (err: { code: number; stderr: string }) => err);
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toMatch(/^Could not register commands: the bot is not in guild 123456789012345678 \(DISCORD_GUILD_ID\): invite it/);
    expect(failed?.stderr.trim().split('\n')).toHaveLength(1);
  });
});
