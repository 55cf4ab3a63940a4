import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, TRADER, startHarness, type Harness } from '../support/app-harness.js';
import type { Json } from '../support/discord-double/index.js';

/** /webhook through the Discord test double, and the URL it hands out, on the real bootstrap. */
type Field = { name: string; value: string };
const fieldsOf = (embed: Json | undefined): Field[] => (embed?.fields as Field[] | undefined) ?? [];
const URL_PATTERN = /https:\/\/bot\.example\.com\/webhooks\/tradingview\/([A-Za-z0-9_-]{43})/;

describe('/webhook end to end', () => {
  let h: Harness;
  let token = '';
  let linkId = 0;
  const endpoint = (t: string) => `http://127.0.0.1:${h.app.httpPort}/webhooks/tradingview/${t}`;
  const postAlert = (t: string, body: Record<string, unknown>) => fetch(endpoint(t), {
    method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' },
  });

  beforeAll(async () => {
    h = await startHarness({ env: { WEBHOOK_PUBLIC_URL: 'https://bot.example.com/' } });
  });
  afterAll(async () => {
    await h.close();
  });

  it('GIVEN the bot started WHEN commands are registered THEN /webhook is among them with create, list and revoke', () => {
    const command = h.double.registeredCommands(h.double.guilds.guildId).find((c) => c.name === 'webhook');
    expect((command?.options as Json[]).map((o) => o.name)).toEqual(['create', 'list', 'revoke']);
  });

  it('GIVEN an admin WHEN they run /webhook create THEN an ephemeral embed shows the full URL once, with the settings', async () => {
    const handle = h.double.runCommand({
      name: 'webhook', subcommand: 'create', user: ADMIN,
      options: { name: 'ST Trend Bot', strategy: 'SuperTrend', stop_loss_pct: 1.5, target_pct: 3, trailing_pct: 0.5 },
    });
    const reply = await handle.response();
    expect(reply.ephemeral).toBe(true);
    expect(reply.ackMs).toBeLessThan(3000);
    const embed = reply.embeds[0];
    const match = URL_PATTERN.exec(String(embed?.description));
    expect(match).not.toBeNull();
    token = match?.[1] ?? '';
    linkId = Number(/#(\d+)/.exec(String(embed?.title))?.[1]);
    expect(embed?.title).toBe(`Webhook link #${linkId} "ST Trend Bot" created`);
    expect(fieldsOf(embed)[0]?.value).toBe('strategy SuperTrend · stop 1.5% · target 3% · trailing 0.5% · paper · default/min');
    const carrying = h.double.requests.filter((r) => JSON.stringify(r.body ?? '').includes(token));
    expect(carrying).toHaveLength(1);
  });

  it('GIVEN the URL WHEN TradingView posts an alert for the strategy THEN 200, and the admin gets the fill DM like any alert', async () => {
    const res = await postAlert(token, { ticker: 'MES1!', action: 'buy', contracts: 2, price: 5001.25, stop: 4990, strategy: 'SuperTrend', id: 'e2e-1' });
    expect(res.status).toBe(200);
    const body = await res.json() as { id: number };
    const dm = await h.double.waitForDm(ADMIN.id, (m) => String(m.embeds[0]?.title).startsWith('MES LONG 2'));
    expect(JSON.stringify(dm.embeds[0])).toContain('ST Trend Bot');
    const again = await postAlert(token, { ticker: 'MES1!', action: 'buy', contracts: 2, price: 5001.25, strategy: 'SuperTrend', id: 'e2e-1' });
    expect(await again.json()).toMatchObject({ id: body.id, duplicate: true });
  });

  it('GIVEN links WHEN an admin runs /webhook list THEN an ephemeral embed lists them, without any token', async () => {
    const reply = await h.double.runCommand({ name: 'webhook', subcommand: 'list', user: ADMIN }).response();
    expect(reply.ephemeral).toBe(true);
    expect(fieldsOf(reply.embeds[0]).map((f) => f.name)).toEqual([`#${linkId} ST Trend Bot`]);
    expect(JSON.stringify(reply)).not.toContain(token);
  });

  it('GIVEN a non-admin WHEN they run /webhook create or list THEN an ephemeral refusal, and no link is made', async () => {
    for (const subcommand of ['create', 'list'] as const) {
      const reply = await h.double.runCommand({
        name: 'webhook', subcommand, user: TRADER, roles: ['members'], ...(subcommand === 'create' ? { options: { name: 'sneaky' } } : {}),
      }).response();
      expect(reply.ephemeral).toBe(true);
      expect(reply.content).toBe('⛔ Only TradeStream admins may do that.');
      expect(reply.content).not.toMatch(URL_PATTERN);
    }
    const list = await h.double.runCommand({ name: 'webhook', subcommand: 'list', user: ADMIN }).response();
    expect(JSON.stringify(list.embeds)).not.toContain('sneaky');
  });

  it('GIVEN an admin WHEN /webhook create gets a blank strategy and a stop with 5 decimals THEN the ephemeral refusal names those options in plain words', async () => {
    const reply = await h.double.runCommand({
      name: 'webhook', subcommand: 'create', user: ADMIN, options: { name: 'Sloppy', strategy: '   ', stop_loss_pct: 1.23456 },
    }).response();
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toBe('⛔ No link was created:\n'
      + '`strategy` must be a strategy name of 1 to 128 characters, not only spaces (leave it out to accept any strategy).\n'
      + '`stop_loss_pct` must be a percent above 0 and at most 100, with up to 4 decimals (e.g. 1.5).');
    const list = await h.double.runCommand({ name: 'webhook', subcommand: 'list', user: ADMIN }).response();
    expect(JSON.stringify(list.embeds)).not.toContain('Sloppy');
  });

  it('GIVEN a webhook alert with a U+0000 in a field the parser echoes WHEN it is held for review THEN the admin\'s review DM carries no U+0000', async () => {
    const res = await postAlert(token, { ticker: 'SPY', action: 'BUY_CALL', strike: 480, expiry: '2027\u0000', price: 2.5, strategy: 'SuperTrend', id: 'e2e-nul' });
    const { id } = await res.json() as { id: number };
    const dm = await h.double.waitForDm(ADMIN.id, (m) => m.embeds[0]?.title === `Alert #${id} needs review`);
    const texts = (v: unknown): string[] => (typeof v === 'string' ? [v] : typeof v === 'object' && v !== null ? Object.values(v).flatMap(texts) : []);
    expect(texts(dm).filter((t) => t.includes('\u0000'))).toEqual([]);
    expect(fieldsOf(dm.embeds[0]).find((f) => f.name === 'Why')?.value).toContain('2027 is not a date');
  });

  it('GIVEN the bot is stopped WHEN an alert arrives by webhook THEN it is stored and answered as ignored', async () => {
    await h.double.runCommand({ name: 'bot', subcommand: 'stop', user: ADMIN }).response();
    const res = await postAlert(token, { ticker: 'ES1!', action: 'sell', price: 4750, strategy: 'SuperTrend', id: 'e2e-stopped' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ignored', reasonCode: 'BOT_STOPPED', reason: 'the bot is stopped' });
    await h.double.runCommand({ name: 'bot', subcommand: 'start', user: ADMIN }).response();
  });

  it('GIVEN an admin WHEN they run /webhook revoke THEN the URL answers 401 at once', async () => {
    const reply = await h.double.runCommand({ name: 'webhook', subcommand: 'revoke', user: ADMIN, options: { id: linkId } }).response();
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toBe(`Webhook link #${linkId} "ST Trend Bot" revoked: its URL now answers 401.`);
    const res = await postAlert(token, { ticker: 'ES1!', action: 'buy', price: 4750, strategy: 'SuperTrend', id: 'after-revoke' });
    expect(res.status).toBe(401);
  });
});
