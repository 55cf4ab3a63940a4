/**
 * Alert-to-DM latency through the real discord.js client and the Discord test double:
 * from the double dispatching MESSAGE_CREATE to it receiving the bot's DM (store, parse,
 * fill, persist, render, two REST calls). Embedded database (PGlite) unless BENCH_DATABASE_URL.
 *   npx tsx bench/alert-to-dm.bench.ts [alerts=300]
 */
import { performance } from 'node:perf_hooks';
import { ADMIN, JMONEY, startHarness } from '../test/support/app-harness.js';
import { createPostgresDatabase } from '../test/support/databases.js';
import { machine, maxOf, percentile, writeSection } from './report.js';

const COUNT = Number(process.argv[2] ?? 300);
const WARMUP = 20;
/** 40 alerts a second at most: under the 50 requests a second discord.js allows itself (one DM each). */
const PACE_MS = 25;

async function run(): Promise<void> {
  const base = process.env.BENCH_DATABASE_URL ?? null;
  const fresh = base ? await createPostgresDatabase(base) : null;
  const url = fresh?.url ?? null;
  const h = await startHarness({ database: { url, dataDir: ':memory:' } });
  const latencies: number[] = [];
  try {
    for (let i = 0; i < WARMUP + COUNT; i++) {
      const price = 4000 + i;
      const started = performance.now();
      h.double.postMessage({ channel: 'twi_futures', author: JMONEY, content: `ES LONG ${price} STOP ${price - 5} T1 ${price + 5}` });
      await h.double.waitForDm(ADMIN.id, (m) => String((m.embeds[0]?.fields as { value: string }[] | undefined)?.[3]?.value).startsWith(`${price}.25 `), 10_000);
      const took = performance.now() - started;
      if (i >= WARMUP) latencies.push(took);
      // At most one alert per PACE_MS: see below on Discord's global rate limit.
      if (took < PACE_MS) await new Promise((r) => setTimeout(r, PACE_MS - took));
    }
  } finally {
    await h.close();
    await fresh?.drop();
  }
  const ms = (v: number) => v.toFixed(1);
  const row = `| ${url ? 'PostgreSQL' : 'PGlite (embedded)'} | ${COUNT} | ${ms(percentile(latencies, 50))} | ${ms(percentile(latencies, 95))} | ${ms(percentile(latencies, 99))} | ${ms(maxOf(latencies))} |`;
  console.log(row);
  writeSection(`alert-to-dm-${url ? 'postgres' : 'pglite'}`, `
### Alert-to-DM latency (${url ? 'PostgreSQL' : 'PGlite'})

Alerts posted one at a time into \`twi_futures\` through the Discord test double; latency from dispatch to the admin's DM
arriving back at the double (store first, parse, paper fill, one transaction, embed, DM channel + message REST calls),
after ${WARMUP} warm-up alerts; a new alert at most every ${PACE_MS} ms.

Why the pace: discord.js keeps Discord's global rate limit itself — its REST client sends at most 50 requests a second
(\`globalRequestsPerSecond\` in @discordjs/rest). Posted back to back (~10 ms apart), every 50th DM waited for the next
second: alerts 97, 147, 197, 247 and 297 of an unpaced run took 440–580 ms, which was the whole p99 tail of earlier
runs. Real alert channels are far slower than 40 alerts a second.

| database | alerts | p50 ms | p95 ms | p99 ms | max ms |
| --- | ---: | ---: | ---: | ---: | ---: |
${row}

Command: \`${url ? 'BENCH_DATABASE_URL=postgres://… ' : ''}npx tsx bench/alert-to-dm.bench.ts ${COUNT}\` · ${machine()}
`);
}

run().then(() => process.exit(0), (err: unknown) => {
  console.error(err);
  process.exit(1);
});
