import { beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { testDatabaseKinds } from '../support/databases.js';
import { rows, START_MS, useWebhookServer } from './webhook-harness.js';

/**
 * Quote and bar messages over a real socket: a price for the paper desk, never a signal. A time
 * (`ts`, or `time`/`timenow`/`timestamp`) the desk could not use is answered 400 naming the field,
 * not taken with a 200 and dropped.
 */
const DAY_MS = 24 * 3600 * 1000;
const quote = (extra: Record<string, unknown>) => JSON.stringify({ type: 'quote', ticker: 'ES1!', bid: '4750.00', ask: '4750.25', ...extra });

describe.each(testDatabaseKinds())('TradingView quote webhooks on $name', (kind) => {
  const { test, server: s } = useWebhookServer(kind);
  let token: string;

  beforeEach(async () => {
    token = (await s.createLink()).token;
  });

  it.each([
    ['not a time', 'must be a time'], ['NaN', 'must be a time'], ['+275760-09-13T00:00:00.000Z', 'must be a time'], [-1, 'must be a time'],
    [null, 'must be a time'], ['2026-11-20T15:00:00', 'must be a time'], ['{{time}}', 'must be a time'],
    [new Date(START_MS - DAY_MS - 1).toISOString(), 'more than a day before the quote arrived'],
    [START_MS / 1000, 'read as milliseconds since 1970: more than a day before'],
    ['2099-01-01T00:00:00Z', 'more than a day ahead'],
  ])('GIVEN a quote whose ts is %j WHEN posted THEN 400 naming ts, and the desk has no price', async (ts, why) => {
    const res = await s.post(token, quote({ ts }));
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ ok: false, error: 'INVALID_PAYLOAD', fields: { ts: expect.stringContaining(why) } });
    expect(s.desk.lastPrice('ES')).toBeNull();
  });

  it('GIVEN a bar whose time comes as "time" WHEN it is a day old THEN the field is named as sent; with a good time THEN 200', async () => {
    const stale = await s.post(token, JSON.stringify({ type: 'bar', ticker: 'ES1!', close: '4751.00', time: '2026-11-19T14:00:00Z' }));
    expect(stale.status).toBe(400);
    expect(stale.json.fields).toEqual({ time: expect.stringContaining('more than a day before') });
    const fresh = await s.post(token, JSON.stringify({ type: 'bar', ticker: 'ES1!', close: '4751.00', time: '2026-11-20T14:59:00Z' }));
    expect(fresh.json).toEqual({ ok: true, quote: 'ES' });
    expect(s.desk.lastPrice('ES')).toBe('4751');
  });

  it('GIVEN a quote with neither a usable ts nor a price WHEN posted THEN one 400 names both', async () => {
    const res = await s.post(token, JSON.stringify({ type: 'quote', ticker: 'ES1!', ts: 'yesterday' }));
    expect(res.status).toBe(400);
    expect(res.json.fields).toEqual({ ts: expect.stringContaining('must be a time'), last: expect.stringContaining('at least one of bid, ask, last') });
  });

  it.each([
    ['an ISO time', '2026-11-20T14:59:30Z'], ['milliseconds', START_MS - 30_000], ['milliseconds as text', String(START_MS - 30_000)],
    ['a time a few seconds ahead (stamped with its arrival)', '2026-11-20T15:00:05Z'], ['no time (stamped with its arrival)', undefined],
  ])('GIVEN a quote with %s WHEN posted THEN 200 and the desk has the price; no signal is stored', async (_what, ts) => {
    const res = await s.post(token, quote(ts === undefined ? {} : { ts }));
    expect(res.json).toEqual({ ok: true, quote: 'ES' });
    expect(s.desk.lastPrice('ES')).toBe('4750.25');
    expect(await rows(test, sql`select id from signals`)).toHaveLength(0);
  });
});
