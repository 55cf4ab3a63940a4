import { describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { loadConfig } from '../../src/config/env.js';
import { createLogger } from '../../src/adapters/log/logger.js';
import { InstanceRunningError } from '../../src/adapters/store/instance-lock.js';
import { startTradeStream } from '../../src/bootstrap.js';
import { createPostgresDatabase } from '../support/databases.js';
import { startDiscordDouble } from '../support/discord-double/index.js';
import { freePort } from '../support/spawn-bot.js';
import { ADMIN, JMONEY, eventually, healthUrl, startHarness } from '../support/app-harness.js';

const baseUrl = process.env.TEST_DATABASE_URL;
const LOCK = 0x54534c4b;

/**
 * Two bots on one database would both trade every alert. A bot whose PostgreSQL lock session
 * dropped and whose lock another bot took meanwhile stops: work under way finishes, Discord and
 * HTTP close, and main exits non-zero with the reason (reportFatalStop).
 */
describe.skipIf(!baseUrl)('a bot whose instance lock another bot took', () => {
  it('GIVEN a running bot WHEN another session takes its lock THEN it stops trading and says why', async () => {
    const created = await createPostgresDatabase(baseUrl ?? '');
    const admin = postgres(created.url, { max: 1, onnotice: () => undefined });
    let stoppedFor: Error | null = null;
    const h = await startHarness({
      database: { url: created.url, dataDir: ':memory:' },
      start: { lockCheckEveryMs: 100, onFatalStop: (reason) => { stoppedFor = reason; } },
    });
    try {
      // Trading before: an alert becomes a trade.
      h.double.postMessage({ channel: 'twi_futures', author: JMONEY, content: 'ES LONG 4750 STOP 4745 T1 4755' });
      await h.double.waitForDm(ADMIN.id);
      const health = healthUrl(h.app);
      await takeLock(admin);
      const reason = await eventually(() => stoppedFor ?? undefined, 5_000, 'the bot to stop');
      expect(reason).toBeInstanceOf(InstanceRunningError);
      expect(reason.message).toMatch(/Another TradeStream took this database's instance lock .*This one stops/);
      // Stopped: /healthz no longer answers, and an alert posted now is not read by this bot.
      await expect(fetch(health)).rejects.toThrow();
      const later = h.double.postMessage({ channel: 'twi_futures', author: JMONEY, content: 'NQ SHORT 16250 STOP 16275' });
      await new Promise((r) => setTimeout(r, 500));
      const [row] = await admin<{ n: number }[]>`select count(*)::int as n from signals where external_id = ${later.id}`;
      expect(row?.n).toBe(0);
      expect(h.double.dmsTo(ADMIN.id)).toHaveLength(1);
    } finally {
      await h.close();
      await admin.end();
      await created.drop();
    }
  });

  it('GIVEN a bot whose lock another took WHEN the store shows the other bot\'s write THEN it stops at once, not at its next lock check', async () => {
    const created = await createPostgresDatabase(baseUrl ?? '');
    const admin = postgres(created.url, { max: 1, onnotice: () => undefined });
    let stoppedFor: Error | null = null;
    const h = await startHarness({
      database: { url: created.url, dataDir: ':memory:' },
      start: { lockCheckEveryMs: 3_600_000, onFatalStop: (reason) => { stoppedFor = reason; } },
    });
    try {
      h.double.postMessage({ channel: 'twi_futures', author: JMONEY, content: 'ES LONG 4750 STOP 4745 T1 4755' });
      await h.double.waitForDm(ADMIN.id);
      await takeLock(admin); // the other bot: it holds the lock now…
      await admin`update journal_heads set version = version + 1 where broker = 'paper'`; // …and has written to the journal
      const started = Date.now();
      h.double.postMessage({ channel: 'twi_futures', author: JMONEY, content: 'ES LONG 4751 STOP 4746 T1 4756' });
      const reason = await eventually(() => stoppedFor ?? undefined, 10_000, 'the bot to stop');
      expect(reason).toBeInstanceOf(InstanceRunningError);
      expect(Date.now() - started).toBeLessThan(10_000); // the watchdog alone would take an hour here
      expect(h.app.database.instanceLock?.()).toBe('lost');
    } finally {
      await h.close();
      await admin.end();
      await created.drop();
    }
  });

  it('GIVEN a bot still connecting to Discord WHEN another session takes its lock THEN the start fails with the reason and leaves nothing open', async () => {
    const created = await createPostgresDatabase(baseUrl ?? '');
    const admin = postgres(created.url, { max: 1, onnotice: () => undefined });
    const double = await startDiscordDouble({});
    const port = await freePort();
    const config = loadConfig({
      DISCORD_TOKEN: double.token, DISCORD_API_BASE: double.apiBase, DISCORD_GUILD_ID: double.guilds.guildId, ADMIN_USER_IDS: ADMIN.id,
      HTTP_HOST: '127.0.0.1', HTTP_PORT: String(port), DATABASE_URL: created.url, LOG_LEVEL: 'silent',
    });
    // Start-up waits on the slash-command registration while the lock changes hands.
    const registration = double.holdRequests('PUT', /\/commands$/);
    try {
      const starting = startTradeStream(config, { log: createLogger({ level: 'silent' }), lockCheckEveryMs: 100 })
        .then(() => null, (err: unknown) => err);
      await registration.caught;
      await takeLock(admin);
      await new Promise((r) => setTimeout(r, 400)); // a few of the bot's lock checks
      registration.release();
      const failed = await starting;
      expect(failed).toBeInstanceOf(InstanceRunningError);
      expect((failed as Error).message).toMatch(/Another TradeStream took this database's instance lock/);
      await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
    } finally {
      registration.release();
      await double.close();
      await admin.end();
      await created.drop();
    }
  });
});

/** The bot's lock session drops and another session takes the lock before the bot can take it back. */
async function takeLock(admin: postgres.Sql): Promise<void> {
  for (let tries = 0; ; tries++) {
    await admin`select pg_terminate_backend(pid) from pg_stat_activity where application_name like 'tradestream pid%' and datname = current_database()`;
    const [taken] = await admin<{ locked: boolean }[]>`select pg_try_advisory_lock(${LOCK}::int, 1) as locked`;
    if (taken?.locked) return;
    if (tries > 20) throw new Error('could not take the lock from the bot');
  }
}
