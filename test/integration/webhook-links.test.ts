import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { HttpServer } from '../../src/adapters/http/server.js';
import { registerWebhook } from '../../src/adapters/http/webhook.js';
import { createLogger } from '../../src/adapters/log/logger.js';
import {
  createWebhookLink, hashToken, LinkDirectory, listWebhookLinks, RateLimiter, revokeWebhookLink, type WebhookIntake,
} from '../../src/app/webhooks/index.js';
import { TestClock } from '../../src/domain/clock.js';
import { testDatabaseKinds, type TestDatabase } from '../support/databases.js';
import { ADMIN, START_MS, post, rows, startWebhookServer, useWebhookServer } from './webhook-harness.js';

const TRADER = { userId: '100000000000000003', userName: 'trader', roleIds: [], interactionId: 'i-1' };
const ALERT = JSON.stringify({ ticker: 'ES1!', action: 'buy', price: 4750, id: 'x' });

describe.each(testDatabaseKinds())('webhook links and source checks on $name', (kind) => {
  const { test, server: s } = useWebhookServer(kind);

  it('GIVEN an admin WHEN a link is created THEN the URL carries a 43-character token that is stored only as its sha-256', async () => {
    const result = await createWebhookLink(s.admin, ADMIN, {
      name: 'ST Trend Bot', strategy: 'SuperTrend', stopLossPct: 1.5, targetPct: '3', trailingPct: 0.75, paper: false, rateLimitPerMinute: 30,
    });
    if (result.status !== 'success') throw new Error(result.status);
    expect(result.url).toMatch(/^https:\/\/bot\.example\.com\/webhooks\/tradingview\/[A-Za-z0-9_-]{43}$/);
    const token = result.url.split('/').pop() as string;
    expect(result.link).toMatchObject({
      name: 'ST Trend Bot', strategy: 'SuperTrend', stopLossPct: '1.5', targetPct: '3', trailingPct: '0.75', paper: false,
      rateLimitPerMinute: 30, createdBy: ADMIN.userId, createdAtMs: START_MS, revokedAtMs: null,
    });
    const stored = await rows<Record<string, unknown>>(test, sql`select * from webhook_links`);
    expect(stored[0]?.token_hash).toBe(hashToken(token));
    expect(JSON.stringify(stored)).not.toContain(token);
    const audit = await s.stores.audit.recent(5);
    expect(audit[0]).toMatchObject({ action: 'webhook.create', allowed: true, actorId: ADMIN.userId });
    expect(JSON.stringify(audit)).not.toContain(token);
  });

  it('GIVEN a non-admin WHEN they create, list or revoke THEN refused, and every attempt is audited', async () => {
    const { link } = await s.createLink();
    expect(await createWebhookLink(s.admin, TRADER, { name: 'mine' })).toMatchObject({ status: 'refused', code: 'NOT_ADMIN' });
    expect(await listWebhookLinks(s.admin, TRADER, false)).toMatchObject({ status: 'refused' });
    expect(await revokeWebhookLink(s.admin, TRADER, link.id)).toMatchObject({ status: 'refused' });
    const audit = (await s.stores.audit.recent(10)).filter((a) => a.actorId === TRADER.userId);
    expect(audit.map((a) => [a.action, a.allowed])).toEqual([['webhook.revoke', false], ['webhook.list', false], ['webhook.create', false]]);
    expect((await s.admin.links.get(link.id))?.revokedAtMs).toBeNull();
  });

  it('GIVEN bad settings WHEN a link is created THEN invalid with the field named, and nothing stored', async () => {
    const result = await createWebhookLink(s.admin, ADMIN, { name: ' ', stopLossPct: 150 });
    expect(result).toMatchObject({ status: 'invalid', code: 'INVALID_INPUT' });
    expect(result.status === 'invalid' && result.message).toMatch(/name .*; stopLossPct/);
    expect(await s.admin.links.list(true)).toHaveLength(0);
  });

  it('GIVEN links WHEN listed THEN revoked ones only on request; revoking twice says so; an unknown id is not found', async () => {
    const a = await s.createLink({ name: 'a' });
    await s.createLink({ name: 'b' });
    expect(await revokeWebhookLink(s.admin, ADMIN, a.link.id)).toMatchObject({ status: 'success', changed: true });
    expect(await revokeWebhookLink(s.admin, ADMIN, a.link.id)).toMatchObject({ status: 'success', changed: false });
    expect(await revokeWebhookLink(s.admin, ADMIN, 999)).toMatchObject({ status: 'not_found', code: 'LINK_NOT_FOUND' });
    const active = await listWebhookLinks(s.admin, ADMIN, false);
    const all = await listWebhookLinks(s.admin, ADMIN, true);
    expect(active.status === 'success' && active.links.map((l) => l.name)).toEqual(['b']);
    expect(all.status === 'success' && all.links.map((l) => l.name)).toEqual(['b', 'a']);
    expect(JSON.stringify(all)).not.toMatch(/token|hash/i);
  });

  it('GIVEN a link created in another process WHEN the directory is refreshed THEN its token works', async () => {
    const other = new LinkDirectory(s.admin.links);
    await other.refresh();
    const { token } = await s.createLink();
    expect(other.authenticate(token)).toBeNull();
    await other.refresh();
    expect(other.authenticate(token)?.name).toBe('test link');
  });
});

describe('source address allow-list and availability', () => {
  let test: TestDatabase;

  beforeAll(async () => {
    test = await testDatabaseKinds()[0]!.open();
  });
  afterAll(async () => {
    await test.dispose();
  });

  it('GIVEN the allow-list WHEN a request comes from 127.0.0.1 THEN 401, same body as a bad token', async () => {
    const s = await startWebhookServer(test, { route: { ipAllowlist: true } });
    const { token } = await s.createLink({ name: 'allow' });
    const res = await s.post(token, ALERT);
    expect(res.status).toBe(401);
    expect(res.json).toEqual({ ok: false, error: 'UNAUTHORIZED' });
    await s.close();
  });

  it('GIVEN the allow-list behind a trusted proxy WHEN X-Forwarded-For ends in a TradingView address THEN accepted; a spoofed left entry is not', async () => {
    const s = await startWebhookServer(test, { route: { ipAllowlist: true, trustProxy: true } });
    const { token } = await s.createLink({ name: 'proxy' });
    expect((await s.post(token, ALERT, 'application/json', { 'x-forwarded-for': '52.89.214.238' })).status).toBe(200);
    expect((await s.post(token, ALERT, 'application/json', { 'x-forwarded-for': '52.89.214.238, 10.0.0.7' })).status).toBe(401);
    expect((await s.post(token, ALERT, 'application/json')).status).toBe(401);
    await s.close();
  });

  it('GIVEN the allow-list without TRUST_PROXY WHEN X-Forwarded-For claims a TradingView address THEN it is ignored: 401', async () => {
    const s = await startWebhookServer(test, { route: { ipAllowlist: true, trustProxy: false } });
    const { token } = await s.createLink({ name: 'no-proxy' });
    expect((await s.post(token, ALERT, 'application/json', { 'x-forwarded-for': '52.89.214.238' })).status).toBe(401);
    await s.close();
  });

  it('GIVEN the bot still starting, or a store that fails WHEN posted THEN 503 with Retry-After (TradingView retries), no stack trace', async () => {
    const log = createLogger({ level: 'silent' });
    let intake: WebhookIntake | null = null;
    const http = new HttpServer(log);
    registerWebhook(http, () => intake, { ipAllowlist: false, trustProxy: false, log });
    const { port } = await http.listen(0, '127.0.0.1');
    const url = `http://127.0.0.1:${port}/webhooks/tradingview/${'A'.repeat(43)}`;
    const starting = await post(url, ALERT, 'application/json');
    expect(starting.status).toBe(503);
    expect(starting.headers.get('retry-after')).toBe('5');

    const directory = new LinkDirectory({
      activeWithHashes: () => Promise.resolve([{ tokenHash: hashToken('A'.repeat(43)), link: {
        id: 1, name: 'x', strategy: null, stopLossPct: null, targetPct: null, trailingPct: null, paper: true,
        rateLimitPerMinute: null, createdBy: 'x', createdAtMs: 0, revokedAtMs: null } }]),
    } as never);
    await directory.refresh();
    intake = {
      directory, limiter: new RateLimiter(), clock: new TestClock(START_MS), quotes: { push: () => undefined }, defaultRateLimitPerMinute: 60, dedupeWindowSec: 60,
      ingest: () => Promise.reject(new Error('connection terminated unexpectedly at /secret/path.ts:12')),
    };
    const failing = await post(url, ALERT, 'application/json');
    expect(failing.status).toBe(503);
    expect(failing.json).toEqual({ ok: false, error: 'UNAVAILABLE' });
    expect(failing.text).not.toContain('secret');
    await http.close();
  });
});
