import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { testDatabaseKinds, type TestDatabase } from '../support/databases.js';
import { rows, startWebhookServer, truncateWebhookTables, type WebhookServer } from './webhook-harness.js';

/**
 * 10,000 random and mutated bodies (seeded: the same run every time) against the endpoint over a
 * real socket: no 5xx, no stack trace, no crash, and no order from anything but a well-formed,
 * confidently parsed alert that was acknowledged with a 200.
 */
const TOTAL = 10_000;
const CONCURRENCY = 16;
const SEED = 20261120;

const TEMPLATES: Record<string, unknown>[] = [
  { ticker: 'ES1!', action: 'buy', contracts: 1, price: '4750.25', stop: 4745, target: 4760 },
  { symbol: 'CME_MINI:MNQ1!', action: 'sell', quantity: '2', price: 16250.5, timenow: '2026-11-20T15:00:00Z' },
  { ticker: 'SPY', action: 'BUY_CALL', strike: 480, expiry: '2027-01-15', price: 2.5, id: 'opt' },
  { type: 'quote', ticker: 'ES1!', bid: '4750', ask: '4750.25', last: 4750.25 },
  { ticker: 'NQ1!', action: 'exit', strategy: 'SuperTrend', qty: 1 },
];
const TEXTS = ['ES LONG 4750 STOP 4745 T1 4755 T2 4760', 'BTO QQQ 380C 1/31 @ 1.75', 'order buy @ 1 filled on ES1!. New strategy position is 1'];

type Case = { body: string; contentType: string | null; path: 'good' | 'bad'; origin: 'random' | 'mutated' };

const jsonish = fc.oneof(fc.jsonValue(), fc.string(), fc.double(), fc.constantFrom('NaN', '', '{{close}}', null, -1, 1e308, '4750.25'));
const mutation = (rng: () => number, template: Record<string, unknown>): string => {
  const keys = Object.keys(template);
  const copy: Record<string, unknown> = { ...template };
  const pickKey = () => keys[Math.floor(rng() * keys.length)] ?? 'ticker';
  const [value] = fc.sample(jsonish, { seed: Math.floor(rng() * 2 ** 31), numRuns: 1 });
  const text = JSON.stringify(template);
  const at = Math.floor(rng() * text.length);
  switch (Math.floor(rng() * 7)) {
    case 0: copy[pickKey()] = value; return JSON.stringify(copy);
    case 1: delete copy[pickKey()]; return JSON.stringify(copy);
    case 2: return text.slice(0, at);
    case 3: return `${text.slice(0, at)}${String.fromCharCode(Math.floor(rng() * 0x2fff))}${text.slice(at + 1)}`;
    case 4: return text.replace(/"([\d.]+)"|(\d+(\.\d+)?)/, '{{strategy.order.price}}');
    case 5: copy[`k${Math.floor(rng() * 1e6)}`] = value; copy.action = typeof value === 'string' ? value : JSON.stringify(value); return JSON.stringify(copy);
    default: return JSON.stringify({ ...copy, id: rng() < 0.5 ? value : 'x'.repeat(200) });
  }
};

function cases(): Case[] {
  const randomBodies = fc.sample(fc.oneof(
    fc.jsonValue().map((v) => JSON.stringify(v)),
    fc.string({ unit: 'binary', maxLength: 300 }),
    fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString('latin1')),
    fc.constantFrom('', '{', '[]', 'null', '{"__proto__":{"x":1}}', '{"ticker":{"$gt":""},"action":["buy"]}', '\uFEFF{}'),
  ), { seed: SEED, numRuns: TOTAL / 2 });
  let state = SEED;
  const rng = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const types = ['application/json', 'text/plain', 'text/plain; charset=utf-8', 'application/json; charset=latin1', 'text/html', null];
  const out: Case[] = [];
  for (let i = 0; i < TOTAL; i += 1) {
    const random = i % 2 === 0;
    const oversize = i % 500 === 499 ? JSON.stringify({ ticker: 'ES1!', action: 'buy', pad: 'x'.repeat(70_000) }) : null;
    const body = oversize ?? (random ? (randomBodies[i / 2] ?? '') : rng() < 0.15
      ? `${TEXTS[i % TEXTS.length]}${rng() < 0.5 ? ` ${String.fromCharCode(Math.floor(rng() * 0xffff))}` : ''}`
      : mutation(rng, TEMPLATES[i % TEMPLATES.length] ?? {}));
    const contentType = rng() < 0.9 ? (rng() < 0.6 ? 'application/json' : 'text/plain') : types[Math.floor(rng() * types.length)] ?? null;
    out.push({ body, contentType, path: rng() < 0.03 ? 'bad' : 'good', origin: random ? 'random' : 'mutated' });
  }
  return out;
}

describe('webhook fuzz', () => {
  let test: TestDatabase;
  let s: WebhookServer;
  let token: string;

  beforeAll(async () => {
    test = await testDatabaseKinds()[0]!.open();
    await truncateWebhookTables(test);
    s = await startWebhookServer(test, { rateLimitPerMinute: 1_000_000 });
    token = (await s.createLink()).token;
  });
  afterAll(async () => {
    await s.close();
    await test.dispose();
  });

  it(`GIVEN ${TOTAL.toLocaleString('en-US')} random and mutated bodies WHEN posted THEN no 5xx, no stack trace, no crash, and no order from a bad body`, async () => {
    const all = cases();
    const statuses = new Map<number, number>();
    const acked = new Map<number, Case>();
    const badPaths = ['%E0%A4%A', `${token}%00`, 'A'.repeat(5000), `${token.slice(1)}`, '..%2F..%2Fhealthz'];
    let next = 0;
    const worker = async () => {
      while (next < all.length) {
        const c = all[next] as Case;
        const path = c.path === 'good' ? token : badPaths[next % badPaths.length];
        next += 1;
        const res = await fetch(`${s.baseUrl}/webhooks/tradingview/${path}`, {
          method: 'POST', body: c.contentType === null ? Buffer.from(c.body) : c.body,
          headers: c.contentType === null ? {} : { 'content-type': c.contentType },
        });
        const text = await res.text();
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        expect(res.status, `${res.status} for ${JSON.stringify(c).slice(0, 300)}`).toBeLessThan(500);
        expect(text).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);
        const json = JSON.parse(text) as { id?: number };
        if (res.status === 200 && json.id !== undefined) acked.set(json.id, c);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    await s.pipeline.drain();
    console.info(`webhook fuzz: ${TOTAL} requests → ${JSON.stringify(Object.fromEntries([...statuses].sort()))}; ${acked.size} signals stored`);

    expect([...statuses.keys()].every((code) => [200, 400, 401, 404, 413, 415].includes(code))).toBe(true);
    expect((await s.post(token, JSON.stringify({ ticker: 'ES1!', action: 'buy', price: 4750, id: 'after-fuzz' }))).status).toBe(200);
    await s.pipeline.drain();

    const signals = await rows<{ id: number; status: string; confidence: string | null; reason: string | null }>(test, sql`select id, status, confidence, reason from signals`);
    const failed = signals.filter((r) => r.status === 'failed');
    expect(failed, `processing failed: ${JSON.stringify(failed.slice(0, 3))}`).toHaveLength(0);
    expect(signals.filter((r) => r.status === 'received')).toHaveLength(0);
    const orders = await rows<{ signal_id: number; n: number }>(test, sql`select signal_id, count(*)::int as n from orders group by signal_id`);
    for (const order of orders) {
      const signal = signals.find((r) => Number(r.id) === Number(order.signal_id));
      expect(order.n).toBe(1);
      expect(Number(signal?.confidence)).toBeGreaterThanOrEqual(0.8);
      expect(acked.has(Number(order.signal_id)) || Number(order.signal_id) === Math.max(...signals.map((r) => Number(r.id)))).toBe(true);
      expect(acked.get(Number(order.signal_id))?.origin).not.toBe('random');
    }
    console.info(`webhook fuzz: ${orders.length} orders, each from a distinct, confidently parsed, acknowledged alert`);
  }, 120_000);
});
