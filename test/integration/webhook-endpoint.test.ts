import { beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { testDatabaseKinds } from '../support/databases.js';
import { ADMIN, rows, useWebhookServer, type Posted } from './webhook-harness.js';

/** POST /webhooks/tradingview/:token over a real socket: every status code, both content types. */
const ES_BUY = { ticker: 'ES1!', action: 'buy', contracts: 2, price: '4750.25', stop: 4745, target: 4760 };
const json = (body: unknown) => JSON.stringify(body);

function expectNoStackTrace(res: Posted): void {
  expect(res.text).not.toMatch(/\n\s+at |Error:|node_modules|\.ts:\d+/);
}

describe.each(testDatabaseKinds())('TradingView webhook endpoint on $name', (kind) => {
  const { test, server: s } = useWebhookServer(kind);
  let token: string;
  let linkId: number;

  beforeEach(async () => {
    const created = await s.createLink();
    token = created.token;
    linkId = created.link.id;
  });

  const signalRow = (id: number) => rows<Record<string, unknown>>(test, sql`select * from signals where id = ${id}`).then((r) => r[0]);

  it('GIVEN a JSON alert WHEN posted THEN 200 carries the stored id, and the signal is stored first, then executed once', async () => {
    const res = await s.post(token, json({ ...ES_BUY, id: 'a-1' }));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.json).toEqual({ ok: true, id: expect.any(Number), status: 'received' });
    const id = res.json.id as number;
    const stored = await signalRow(id);
    expect(stored).toMatchObject({
      source: 'tradingview', channel_kind: 'tradingview', external_id: `${linkId}:id:a-1`, raw_text: json({ ...ES_BUY, id: 'a-1' }),
      channel_name: 'test link', author_name: 'TradingView',
    });
    expect(Number(stored?.webhook_link_id)).toBe(linkId);
    await s.pipeline.drain();
    expect((await signalRow(id))?.status).toBe('executed');
    const positions = await s.stores.trades.openPositions('ES');
    expect(positions).toHaveLength(1);
    // No quote yet: the alert's 4750.25 plus one tick of slippage.
    expect(positions[0]).toMatchObject({ signalId: id, side: 'long', qtyOpen: 2, avgEntry: '4750.5', stop: '4745', targets: ['4760'] });
  });

  it('GIVEN valid JSON sent as text/plain WHEN posted THEN it is read as JSON all the same', async () => {
    const res = await s.post(token, json({ symbol: 'MES1!', action: 'SELL', quantity: '1', price: 5001.5, id: 7 }), 'text/plain; charset=utf-8');
    expect(res.status).toBe(200);
    await s.pipeline.drain();
    expect((await s.stores.trades.openPositions('MES'))[0]).toMatchObject({ side: 'short', qtyOpen: 1 });
  });

  it('GIVEN a plain-text alert WHEN posted as text/plain THEN it is stored and goes through the same parser path', async () => {
    const res = await s.post(token, 'NQ SHORT 16250.50 STOP 16275 T1 16225', 'text/plain');
    expect(res.status).toBe(200);
    await s.pipeline.drain();
    expect((await signalRow(res.json.id as number))?.status).toBe('executed');
  });

  it('GIVEN a JSON template broken by an empty placeholder WHEN it arrives as text/plain THEN it is stored for the parser, not refused', async () => {
    const res = await s.post(token, '{"ticker":"ES1!","action":"buy","price":,"id":"broken-1"}', 'text/plain');
    expect(res.status).toBe(200);
    await s.pipeline.drain();
    expect((await signalRow(res.json.id as number))?.status).not.toBe('executed');
  });

  it('GIVEN the seed\'s BUY_CALL style WHEN posted THEN it is accepted', async () => {
    const res = await s.post(token, json({ symbol: 'SPY', action: 'BUY_CALL', strike: 480, expiry: '2027-01-15', price: 2.5, id: 'opt-1' }));
    expect(res.status).toBe(200);
  });

  it('GIVEN bad fields WHEN posted THEN 400 names every bad field and nothing is stored', async () => {
    const res = await s.post(token, json({ price: 'NaN', quantity: -1, stop: '', action: 'hold', id: '' }));
    expect(res.status).toBe(400);
    expect(res.json.error).toBe('INVALID_PAYLOAD');
    expect(Object.keys(res.json.fields as object).sort()).toEqual(['action', 'id', 'price', 'quantity', 'stop', 'ticker']);
    const missing = await s.post(token, json({ ticker: 'ES1!' }));
    expect(missing.status).toBe(400);
    expect(missing.json.fields).toEqual({ action: expect.stringContaining('required') });
    expect(await rows(test, sql`select id from signals`)).toHaveLength(0);
  });

  it('GIVEN a NUL in the id, timenow or action WHEN posted THEN 400 names the field (not a 503 to retry) and nothing is stored', async () => {
    const bodies = [{ ...ES_BUY, id: 'a-\u0000' }, { ...ES_BUY, timenow: '2026-11-20T15:00:00Z\u0000' }, { ...ES_BUY, action: 'buy\u0000', id: 'n-1' }];
    const replies = await Promise.all(bodies.map((b) => s.post(token, json(b))));
    expect(replies.map((r) => [r.status, r.json.error, Object.keys(r.json.fields as object)])).toEqual([
      [400, 'INVALID_PAYLOAD', ['id']], [400, 'INVALID_PAYLOAD', ['timenow']], [400, 'INVALID_PAYLOAD', ['action']],
    ]);
    expect(await rows(test, sql`select id from signals`)).toHaveLength(0);
  });

  it('GIVEN a U+0000 in a field the parser echoes into its reasons (expiry) WHEN posted THEN the signal is decided and stored without it, not left received', async () => {
    const res = await s.post(token, json({ ticker: 'SPY', action: 'BUY_CALL', strike: 480, expiry: '2027\u0000', price: 2.5 }));
    expect(res.status).toBe(200);
    await s.pipeline.drain();
    const stored = await s.stores.signals.get(res.json.id as number);
    expect(stored?.status).toBe('needs_review');
    expect(stored?.reason).toContain('2027 is not a date');
    expect(JSON.stringify(stored?.parse)).not.toContain('\\u0000');
    expect(await s.stores.signals.unfinished()).toEqual([]); // nothing left for the next start to retry
  });

  it('GIVEN a body that is not JSON under application/json, an array, or empty text WHEN posted THEN 400 names the body', async () => {
    for (const [body, type] of [['{"ticker": "ES1!", ', 'application/json'], ['[1,2]', 'application/json'], ['   ', 'text/plain']] as const) {
      const res = await s.post(token, body, type);
      expect(res.status).toBe(400);
      expect(res.json.fields).toHaveProperty('body');
      expectNoStackTrace(res);
    }
  });

  it('GIVEN an unknown, malformed or revoked token WHEN posted THEN 401 with one body that gives no hint', async () => {
    const unknown = await s.post('A'.repeat(43), json(ES_BUY));
    const malformed = await s.post('nope', json(ES_BUY));
    const nearMiss = await s.post(`${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`, json(ES_BUY));
    const { revokeWebhookLink } = await import('../../src/app/webhooks/index.js');
    await revokeWebhookLink(s.admin, ADMIN, linkId);
    const revoked = await s.post(token, json(ES_BUY));
    for (const res of [unknown, malformed, nearMiss, revoked]) {
      expect(res.status).toBe(401);
      expect(res.text).toBe(unknown.text);
    }
    expect(unknown.json).toEqual({ ok: false, error: 'UNAUTHORIZED' });
    expect(await rows(test, sql`select id from signals`)).toHaveLength(0);
  });

  it('GIVEN a body over 64 KiB WHEN posted (declared or chunked) THEN 413', async () => {
    const big = json({ ...ES_BUY, note: 'x'.repeat(70 * 1024) });
    const declared = await s.post(token, big);
    expect(declared.status).toBe(413);
    expect(declared.json).toEqual({ ok: false, error: 'PAYLOAD_TOO_LARGE', limitBytes: 65536 });
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 9; i += 1) controller.enqueue(new TextEncoder().encode('x'.repeat(8 * 1024)));
        controller.close();
      },
    });
    const streamed = await fetch(`${s.baseUrl}/webhooks/tradingview/${token}`, {
      method: 'POST', body: chunks, headers: { 'content-type': 'text/plain' }, duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    const fits = await s.post(token, json({ ...ES_BUY, note: 'x'.repeat(60 * 1024) }));
    expect(fits.status).toBe(200);
  });

  it('GIVEN another content type or none WHEN posted THEN 415', async () => {
    for (const type of ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', null]) {
      const res = await s.post(token, json(ES_BUY), type);
      expect(res.status).toBe(415);
      expect(res.json.error).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
  });

  it('GIVEN the same id twice WHEN posted THEN the second answers duplicate with the first id, and one order is made', async () => {
    const first = await s.post(token, json({ ...ES_BUY, id: 'dup-1' }));
    await s.pipeline.drain();
    const second = await s.post(token, json({ ...ES_BUY, id: 'dup-1', price: 4751 }));
    expect(second.status).toBe(200);
    expect(second.json).toEqual({ ok: true, id: first.json.id, duplicate: true, status: 'executed' });
    await s.pipeline.drain();
    expect(await s.stores.trades.openPositions('ES')).toHaveLength(1);
  });

  it('GIVEN an alert stored whose sender was told "not stored" WHEN the sender retries THEN duplicate, and the signal is processed now (once), not at the next restart', async () => {
    const body = json({ ...ES_BUY, id: 'lost-1' });
    // What a failed answer after a committed INSERT leaves behind: the row, stored and never queued.
    const { signal } = await s.stores.signals.insert({ source: 'tradingview', externalId: `${linkId}:id:lost-1`, channelKind: 'tradingview',
      channelId: null, channelName: 'test link', guildId: null, authorId: null, authorName: 'TradingView', rawText: body,
      postedAtMs: s.clock.nowMs(), messageUrl: null });
    const retry = await s.post(token, body);
    expect(retry.json).toEqual({ ok: true, id: signal.id, duplicate: true, status: 'received' });
    expect((await s.post(token, body)).status).toBe(200); // and again, while it waits in the queue
    await s.pipeline.drain();
    expect((await signalRow(signal.id))?.status).toBe('executed');
    expect(await s.stores.trades.openPositions('ES')).toHaveLength(1);
  });

  it('GIVEN the same body without id WHEN posted again in the dedupe window THEN duplicate; after the window THEN a new signal', async () => {
    const body = json(ES_BUY);
    const first = await s.post(token, body);
    const again = await s.post(token, body);
    expect(again.json).toMatchObject({ id: first.json.id, duplicate: true });
    s.clock.advance(61_000);
    const later = await s.post(token, body);
    expect(later.json).toMatchObject({ status: 'received' });
    expect(later.json.id).not.toBe(first.json.id);
  });

  it('GIVEN {{timenow}} WHEN the same alert fires twice in that second THEN one signal; another second THEN another', async () => {
    const a = await s.post(token, json({ ...ES_BUY, timenow: '2026-11-20T15:00:00Z' }));
    const b = await s.post(token, json({ ...ES_BUY, price: 4750.5, timenow: '2026-11-20T15:00:00Z' }));
    const c = await s.post(token, json({ ...ES_BUY, timenow: '2026-11-20T15:00:01Z' }));
    expect(b.json).toMatchObject({ id: a.json.id, duplicate: true });
    expect(c.json).toMatchObject({ status: 'received' });
  });

  it('GIVEN a link\'s rate limit WHEN exceeded THEN 429 with Retry-After, and the limit refills with time', async () => {
    const limited = await s.createLink({ name: 'slow', rateLimitPerMinute: 3 });
    for (let i = 0; i < 3; i += 1) expect((await s.post(limited.token, json({ ...ES_BUY, id: `r-${i}` }))).status).toBe(200);
    const refused = await s.post(limited.token, json({ ...ES_BUY, id: 'r-3' }));
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('20');
    expect(refused.json).toEqual({ ok: false, error: 'RATE_LIMITED', retryAfterSeconds: 20 });
    expect((await s.post(token, json({ ...ES_BUY, id: 'other-link' }))).status).toBe(200);
    s.clock.advance(20_000);
    expect((await s.post(limited.token, json({ ...ES_BUY, id: 'r-3' }))).status).toBe(200);
  });

  it('GIVEN a link tied to a strategy WHEN the payload names another or none THEN 400 on strategy; the same strategy THEN 200', async () => {
    const tied = await s.createLink({ name: 'ST Trend Bot', strategy: 'SuperTrend' });
    const other = await s.post(tied.token, json({ ...ES_BUY, strategy: 'MACD' }));
    expect(other.status).toBe(400);
    expect(other.json).toEqual({ ok: false, error: 'STRATEGY_MISMATCH', fields: { strategy: 'must be "SuperTrend" for this link' } });
    expect((await s.post(tied.token, json(ES_BUY))).json.fields).toHaveProperty('strategy');
    expect((await s.post(tied.token, 'ES LONG 4750', 'text/plain')).status).toBe(400);
    expect((await s.post(tied.token, json({ ...ES_BUY, strategy: 'supertrend' }))).status).toBe(200);
  });

  it('GIVEN the bot is stopped WHEN an alert arrives THEN it is stored and answered as ignored, and no order is made', async () => {
    await s.control.stop(ADMIN);
    const res = await s.post(token, json({ ...ES_BUY, id: 'while-stopped' }));
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ ok: true, id: expect.any(Number), status: 'ignored', reasonCode: 'BOT_STOPPED', reason: 'the bot is stopped' });
    await s.pipeline.drain();
    expect((await signalRow(res.json.id as number))?.status).toBe('ignored');
    expect(await s.stores.trades.openPositions()).toHaveLength(0);
  });

  it('GIVEN a quote message WHEN posted THEN the paper desk has the price (ES1! → ES) and no signal is stored', async () => {
    const res = await s.post(token, json({ type: 'quote', ticker: 'CME_MINI:ES1!', bid: '4750.00', ask: 4750.25, last: '4750.25' }));
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ ok: true, quote: 'ES' });
    expect(s.desk.lastPrice('ES')).toBe('4750.25');
    const bad = await s.post(token, json({ type: 'quote', ticker: 'ES1!' }));
    expect(bad.status).toBe(400);
    expect(await rows(test, sql`select id from signals`)).toHaveLength(0);
  });

  it('GIVEN other methods, paths and malformed escapes WHEN requested THEN 405/404/400, never 500', async () => {
    expect((await fetch(`${s.baseUrl}/webhooks/tradingview/${token}`)).status).toBe(405);
    expect((await fetch(`${s.baseUrl}/webhooks/tradingview/${token}/extra`, { method: 'POST' })).status).toBe(404);
    const bad = await fetch(`${s.baseUrl}/webhooks/tradingview/%E0%A4%A`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(bad.status).toBe(400);
  });
});
