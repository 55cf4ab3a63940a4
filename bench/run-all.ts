/**
 * Every benchmark, one after another, each in its own process (so one's heap and JIT state do
 * not colour the next); each writes its section of docs/benchmarks.md. `npm run bench`.
 *
 * Alert-to-DM runs on the embedded database, and also on PostgreSQL when BENCH_DATABASE_URL is
 * set; the webhook benchmark uses BENCH_DATABASE_URL or starts a throwaway server itself
 * (scripts/test-postgres.sh, PostgreSQL from the system's packages). Run on a quiet machine:
 * the figures are the machine's as much as the code's.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const pg = process.env.BENCH_DATABASE_URL;

const runs: { name: string; args: string[]; env?: Record<string, string | undefined> }[] = [
  { name: 'parser', args: ['bench/parse.bench.ts'] },
  { name: 'exit manager', args: ['bench/exit-manager.bench.ts'] },
  { name: 'alert to DM (PGlite)', args: ['bench/alert-to-dm.bench.ts'], env: { BENCH_DATABASE_URL: undefined } },
  ...(pg ? [{ name: 'alert to DM (PostgreSQL)', args: ['bench/alert-to-dm.bench.ts'] }] : []),
  { name: 'webhook', args: ['bench/webhook.bench.ts'] },
];

let failed = 0;
for (const run of runs) {
  process.stdout.write(`\n=== ${run.name}: npx tsx ${run.args.join(' ')}\n`);
  const env = { ...process.env, ...run.env };
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete env[key];
  const result = spawnSync(process.execPath, ['--import', 'tsx', ...run.args], { cwd: ROOT, env, stdio: 'inherit' });
  if (result.status !== 0) {
    failed += 1;
    process.stderr.write(`${run.name} failed (exit ${String(result.status ?? result.signal)})\n`);
  }
}
if (!pg) process.stdout.write('\nAlert to DM on PostgreSQL skipped: set BENCH_DATABASE_URL to run it.\n');
process.exitCode = failed === 0 ? 0 : 1;
