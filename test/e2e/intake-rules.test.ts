import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignalRepository } from '../../src/adapters/store/signal-repo.js';
import { ADMIN, JMONEY, TRADER, eventually, startHarness, type Harness } from '../support/app-harness.js';
import { createPostgresDatabase } from '../support/databases.js';

async function storedSignal(h: Harness, externalId: string) {
  await h.app.pipeline.drain();
  return h.app.database.db.query.signals.findFirst({ where: (s, { eq }) => eq(s.externalId, externalId) });
}

describe('intake with an author allow-list', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { ALERT_AUTHORS: 'twi_jmoney' } });
  });
  afterAll(async () => {
    await h.close();
  });

  it('GIVEN ALERT_AUTHORS WHEN someone else posts an alert THEN it is not stored, and the listed author\'s is traded', async () => {
    const stranger = h.double.postMessage({ channel: 'twi_futures', author: TRADER, content: 'MES LONG 5000 STOP 4990 T1 5010' });
    const listed = h.double.postMessage({ channel: 'TWI_FUTURES', author: JMONEY, content: 'MES LONG 5000 STOP 4990 T1 5010' });
    await h.double.waitForDm(ADMIN.id, (m) => String(m.embeds[0]?.title).startsWith('MES LONG'));
    expect(await storedSignal(h, stranger.id)).toBeUndefined();
    expect((await storedSignal(h, listed.id))?.status).toBe('executed');
  });
});

const databases: { name: string; open: () => Promise<{ url: string | null; dataDir: string; cleanup: () => Promise<void> }> }[] = [
  { name: 'pglite', open: async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'ts-resume-'));
    return { url: null, dataDir, cleanup: async () => rmSync(dataDir, { recursive: true, force: true }) };
  } },
];
if (process.env.TEST_DATABASE_URL) {
  const base = process.env.TEST_DATABASE_URL;
  databases.push({ name: 'postgres', open: async () => {
    const created = await createPostgresDatabase(base);
    return { url: created.url, dataDir: ':memory:', cleanup: () => created.drop() };
  } });
}

describe.each(databases)('restart on $name', (kind) => {
  let h: Harness;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    const db = await kind.open();
    cleanup = db.cleanup;
    h = await startHarness({ database: { url: db.url, dataDir: db.dataDir } });
  });
  afterAll(async () => {
    await h.close();
    await cleanup();
  });

  it('GIVEN signals stored but unfinished when the process died WHEN it restarts THEN fresh ones are executed and old ones marked stale', async () => {
    // Simulate a crash between "stored" and "processed": rows written straight to the store.
    const repo = new SignalRepository(h.app.database.db, () => Date.now());
    const base = { source: 'discord' as const, channelKind: 'futures' as const, channelId: '1', channelName: 'twi_futures',
      guildId: h.double.guilds.guildId, authorId: JMONEY.id, authorName: 'jmoney', messageUrl: null };
    const fresh = await repo.insert({ ...base, externalId: 'crash-fresh', rawText: 'M2K LONG 2050.5 STOP 2040 T1 2060', postedAtMs: Date.now() });
    const old = await repo.insert({ ...base, externalId: 'crash-old', rawText: 'MYM LONG 39000 STOP 38950', postedAtMs: Date.now() - 600_000 });
    expect([fresh.signal.status, old.signal.status]).toEqual(['received', 'received']);

    await h.restart();
    await h.double.waitForDm(ADMIN.id, (m) => String(m.embeds[0]?.title).startsWith('M2K LONG'));
    const staleRow = await eventually(async () => {
      const row = await storedSignal(h, 'crash-old');
      return row?.status === 'received' ? undefined : row;
    });
    expect(staleRow).toMatchObject({ status: 'stale', reasonCode: 'STALE_ALERT' });
    expect((await storedSignal(h, 'crash-fresh'))?.status).toBe('executed');
    const positions = (await h.app.control.status()).openPositions.map((p) => p.symbol);
    expect(positions).toEqual(['M2K']);
  });
});
