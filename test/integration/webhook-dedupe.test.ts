import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { testDatabaseKinds, type TestDatabase } from '../support/databases.js';
import { rows, START_MS, startWebhookServer, truncateWebhookTables, type ServerOptions, type WebhookServer } from './webhook-harness.js';

/**
 * A webhook body without `id` or `timenow` is one signal however its repeats fall across the
 * fixed dedupe windows: a repeat less than WEBHOOK_DEDUPE_WINDOW_SECONDS after the stored signal
 * is a duplicate — also when a window ends in between, after a restart, or when two deliveries
 * race — and no second order is made. Over real sockets, on every database kind.
 */
const WINDOW_MS = 60_000;
/** START_MS (15:00:00Z) is a window boundary; so is this one, a window later. */
const BOUNDARY = START_MS + WINDOW_MS;
const BODY = JSON.stringify({ ticker: 'ES1!', action: 'buy', contracts: 1, price: '4750.25', stop: '4745', target: '4760' });

/** Holds the first delivery after its key is made, until a second delivery has made its own. */
function raceGate(): { firstHeld: Promise<void>; beforeIngest: NonNullable<ServerOptions['beforeIngest']> } {
  let held = (): void => undefined;
  let release = (): void => undefined;
  const firstHeld = new Promise<void>((resolve) => { held = resolve; });
  const released = new Promise<void>((resolve) => { release = resolve; });
  let arrivals = 0;
  return {
    firstHeld,
    beforeIngest: async () => {
      arrivals += 1;
      if (arrivals > 1) return release();
      held();
      await released;
    },
  };
}

describe.each(testDatabaseKinds())('webhook dedupe window on $name', (kind) => {
  let test: TestDatabase;
  let s: WebhookServer | undefined;
  let token: string;

  const start = async (options: ServerOptions = {}): Promise<WebhookServer> => {
    await s?.close();
    s = await startWebhookServer(test, options);
    return s;
  };
  const signalIds = () => rows<{ id: number }>(test, sql`select id from signals where raw_text = ${BODY} order by id`).then((r) => r.map((x) => Number(x.id)));
  const orderCount = () => rows<{ n: number }>(test, sql`select count(*)::int as n from orders where purpose = 'entry'`).then((r) => Number(r[0]?.n));

  beforeAll(async () => {
    test = await kind.open();
  });
  beforeEach(async () => {
    await s?.close();
    s = undefined;
    await truncateWebhookTables(test);
    token = (await (await start()).createLink()).token;
  });
  afterAll(async () => {
    await s?.close();
    await test.dispose();
  });

  it('GIVEN a body sent 100 ms before a window ends WHEN sent again 100 ms after THEN the repeat is a duplicate: one signal, one order', async () => {
    const server = s as WebhookServer;
    server.clock.set(BOUNDARY - 100);
    const first = await server.post(token, BODY);
    await server.pipeline.drain();
    server.clock.set(BOUNDARY + 100);
    const again = await server.post(token, BODY);
    expect(first.json).toEqual({ ok: true, id: expect.any(Number), status: 'received' });
    expect(again.json).toEqual({ ok: true, id: first.json.id, duplicate: true, status: 'executed' });
    await server.pipeline.drain();
    expect(await signalIds()).toEqual([first.json.id]);
    expect(await orderCount()).toBe(1);
  });

  it('GIVEN the first delivery stored and executed WHEN the bot restarts and the repeat comes 200 ms later, across the boundary THEN a duplicate, and still one order', async () => {
    const before = s as WebhookServer;
    before.clock.set(BOUNDARY - 100);
    const first = await before.post(token, BODY);
    await before.pipeline.drain();
    expect(await orderCount()).toBe(1);
    const after = await start(); // a new app instance on the same database: nothing carried over in memory
    after.clock.set(BOUNDARY + 100);
    const again = await after.post(token, BODY);
    expect(again.json).toEqual({ ok: true, id: first.json.id, duplicate: true, status: 'executed' });
    await after.pipeline.drain();
    expect(await signalIds()).toEqual([first.json.id]);
    expect(await orderCount()).toBe(1);
    expect(await after.stores.trades.openPositions('ES')).toHaveLength(1);
  });

  it('GIVEN two identical deliveries racing across the boundary, neither stored when the other made its key WHEN both are stored THEN one signal, both answers name it, one order', async () => {
    const gate = raceGate();
    const server = await start({ beforeIngest: gate.beforeIngest });
    server.clock.set(BOUNDARY - 100);
    const first = server.post(token, BODY);
    await gate.firstHeld; // its key is made (the window before the boundary); it is not stored yet
    server.clock.set(BOUNDARY + 100);
    const second = server.post(token, BODY);
    const answers = (await Promise.all([first, second])).map((r) => r.json);
    const ids = await signalIds();
    expect(ids).toHaveLength(1);
    // Whichever reached the store first was stored; the other is its duplicate.
    expect(answers.map((a) => a.id)).toEqual([ids[0], ids[0]]);
    expect(answers.filter((a) => a.duplicate === true)).toHaveLength(1);
    await server.pipeline.drain();
    expect(await orderCount()).toBe(1);
  });

  it('GIVEN two identical deliveries at once in one window WHEN stored THEN one signal (the natural key)', async () => {
    const server = s as WebhookServer;
    server.clock.set(BOUNDARY + 100);
    const answers = await Promise.all([server.post(token, BODY), server.post(token, BODY)]);
    const ids = await signalIds();
    expect(ids).toHaveLength(1);
    expect(answers.map((r) => r.json.id)).toEqual([ids[0], ids[0]]);
  });

  it('GIVEN a stored body WHEN repeated 1 ms inside the window after it, then exactly a window after it THEN a duplicate, then a new signal (repeats of which are its duplicates)', async () => {
    const server = s as WebhookServer;
    const t0 = BOUNDARY - 100;
    server.clock.set(t0);
    const first = await server.post(token, BODY);
    server.clock.set(t0 + WINDOW_MS - 1);
    expect((await server.post(token, BODY)).json).toMatchObject({ id: first.json.id, duplicate: true });
    server.clock.set(t0 + WINDOW_MS);
    const later = await server.post(token, BODY);
    expect(later.json).toEqual({ ok: true, id: expect.any(Number), status: 'received' });
    expect(later.json.id).not.toBe(first.json.id);
    server.clock.set(t0 + WINDOW_MS + 200);
    expect((await server.post(token, BODY)).json).toMatchObject({ id: later.json.id, duplicate: true });
    expect(await signalIds()).toEqual([first.json.id, later.json.id]);
  });

  it('GIVEN the same body through another link WHEN sent across the boundary THEN each link has its own signal', async () => {
    const server = s as WebhookServer;
    const other = await server.createLink({ name: 'other link' });
    server.clock.set(BOUNDARY - 100);
    const first = await server.post(token, BODY);
    server.clock.set(BOUNDARY + 100);
    const fromOther = await server.post(other.token, BODY);
    expect(fromOther.json).toEqual({ ok: true, id: expect.any(Number), status: 'received' });
    expect(fromOther.json.id).not.toBe(first.json.id);
  });
});
