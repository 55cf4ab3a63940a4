import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatabaseUnavailableError, openDatabase } from '../../src/adapters/store/database.js';

/** Opening a database that cannot be opened ends in DatabaseUnavailableError (one line to show), never a raw error. */
describe('openDatabase with settings that cannot work', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ts-open-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const failureOf = (options: { url: string | null; dataDir: string }) => openDatabase(options).then(
    async (db) => { await db.close(); return null; }, (err: unknown) => err);

  it('GIVEN DATA_DIR is a file WHEN the embedded database is opened THEN DatabaseUnavailableError says to change DATA_DIR', async () => {
    const file = path.join(dir, 'not-a-directory');
    writeFileSync(file, 'x');
    const failure = await failureOf({ url: null, dataDir: file });
    expect(failure).toBeInstanceOf(DatabaseUnavailableError);
    expect((failure as Error).message).toMatch(new RegExp(`^Could not open the embedded database in ${file}: ENOTDIR: .*\\. Set DATA_DIR to a directory the bot may write to\\.$`));
  });

  it.each([
    ['a port out of range', 'postgres://u:hunter22@127.0.0.1:99999/db'],
    ['a malformed %-escape in the password', 'postgres://u:hunter22%zz@127.0.0.1/db'],
  ])('GIVEN a DATABASE_URL with %s WHEN opened THEN DatabaseUnavailableError, without the password', async (_what, url) => {
    const failure = await failureOf({ url, dataDir: ':memory:' });
    expect(failure).toBeInstanceOf(DatabaseUnavailableError);
    expect((failure as Error).message).toMatch(/^DATABASE_URL cannot be used: .*Check its host, port \(1–65535\) and %-escapes/);
    expect((failure as Error).message).not.toContain('hunter22');
  });
});
