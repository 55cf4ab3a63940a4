import { describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { InstanceRunningError } from '../../src/adapters/store/instance-lock.js';
import { createPostgresDatabase } from '../support/databases.js';
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
      // The bot's lock session drops and another bot takes the lock before the bot can take it back.
      for (let tries = 0; ; tries++) {
        await admin`select pg_terminate_backend(pid) from pg_stat_activity where application_name like 'tradestream pid%' and datname = current_database()`;
        const [taken] = await admin<{ locked: boolean }[]>`select pg_try_advisory_lock(${LOCK}::int, 1) as locked`;
        if (taken?.locked) break;
        if (tries > 20) throw new Error('could not take the lock from the bot');
      }
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
});
