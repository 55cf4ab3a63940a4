import { describe, expect, it } from 'vitest';
import { contentKind } from '../../src/adapters/http/webhook-body.js';
import { isTradingViewAddress } from '../../src/adapters/http/webhook-source.js';
import { deliveryKey, webhookLinkIdOf } from '../../src/app/webhooks/idempotency.js';
import { validateBody, type TradingViewAlertPayload } from '../../src/app/webhooks/payload.js';
import { RateLimiter } from '../../src/app/webhooks/rate-limiter.js';
import { TOKEN_PATTERN, hashToken, linkUrl } from '../../src/app/webhooks/tokens.js';
import { newLinkToken } from '../../src/app/webhooks/tokens.js';

/** The pure rules under the webhook endpoint: validation, keys, limits, addresses. */
const check = (body: unknown) => validateBody(JSON.stringify(body), body);

describe('webhook payload validation', () => {
  it.each([
    [{ ticker: 'ES1!', action: 'buy' }, 'alert'],
    [{ symbol: 'CME_MINI:MES1!', action: 'Short', contracts: '2', price: '5001.25', stop: 4990, target: '5020' }, 'alert'],
    [{ ticker: 'SPY', action: 'SELL_PUT', quantity: 1, id: 42 }, 'alert'],
    [{ ticker: 'NQ1!', action: 'exit-long', exchange: 'CME', interval: '5' }, 'alert'],
    [{ ticker: 'ES1!', action: 'flat', strategy: 'SuperTrend', timenow: '2026-11-20T15:00:00Z' }, 'alert'],
    [{ type: 'quote', ticker: 'ES1!', bid: 4750, ask: '4750.25' }, 'quote'],
    [{ type: 'Bar', symbol: 'NQ1!', close: 16250.5 }, 'quote'],
  ])('GIVEN %j THEN it is a valid %s', (body, kind) => {
    expect(check(body).kind).toBe(kind);
  });

  it.each([
    [{ action: 'buy' }, ['ticker']],
    [{ ticker: 'ES 1', action: 'buy' }, ['ticker']],
    [{ ticker: 'ES1!', action: 'hodl' }, ['action']],
    [{ ticker: 'ES1!', action: 7 }, ['action']],
    [{ ticker: 'ES1!', action: 'buy', price: 'NaN', quantity: 0, stop: '', target: '{{plot_0}}' }, ['price', 'quantity', 'stop', 'target']],
    [{ ticker: 'ES1!', action: 'buy', price: Infinity }, ['price']],
    [{ ticker: 'ES1!', action: 'buy', id: { a: 1 }, strategy: '' }, ['id', 'strategy']],
    [{ ticker: 'ES1!', action: 'buy', type: 'order' }, ['type']],
    [{ ticker: 'ES1!', action: 'buy', id: '{{strategy.order.id}}', timenow: '{{timenow}}' }, ['id', 'timenow']],
    [{ type: 'quote', ticker: 'ES1!' }, ['last']],
    // PostgreSQL cannot store U+0000 (nor an unpaired surrogate); no control character belongs in a key or a name.
    [{ ticker: 'ES1!', action: 'buy', id: 'a\u0000b', timenow: '2026-11-20T15:00:00Z\u0000' }, ['id', 'timenow']],
    [{ ticker: 'ES1!', action: 'buy\u0000', strategy: 'Super\tTrend' }, ['action', 'strategy']],
    [{ ticker: 'ES1!', action: 'buy', id: 'x\ud800', timenow: 'a\u007fb' }, ['id', 'timenow']],
    [{ type: 'quote', ticker: 'ES1!', last: 4750, strategy: 'S\u001b' }, ['strategy']],
  ])('GIVEN %j THEN 400 names %j', (body, fields) => {
    const result = check(body);
    expect(result.kind).toBe('invalid');
    expect(Object.keys(result.kind === 'invalid' ? result.fields : {}).sort()).toEqual(fields);
  });

  it('GIVEN a JSON value that is not an object, or text that is blank or binary THEN the body is named', () => {
    for (const [text, json] of [['[]', []], ['"x"', 'x'], ['3', 3], ['null', null]] as const) {
      expect(validateBody(text, json)).toEqual({ kind: 'invalid', fields: { body: 'must be a JSON object' } });
    }
    expect(validateBody('  \n', undefined)).toMatchObject({ kind: 'invalid', fields: { body: 'must not be empty' } });
    expect(validateBody('ES\u0000LONG', undefined).kind).toBe('invalid');
    expect(validateBody('ES LONG 4750 STOP 4745', undefined).kind).toBe('text');
  });

  it('GIVEN a key field with a control character THEN the message names the rule, and surrounding whitespace is still trimmed', () => {
    expect(check({ ticker: 'ES1!', action: 'buy', id: 'a\u0000b' })).toEqual({ kind: 'invalid',
      fields: { id: 'must be plain text: no control characters (U+0000–U+001F, U+007F) or unpaired surrogates' } });
    expect(check({ ticker: 'ES1!', action: 'buy', timenow: '2026-11-20T15:00:00Z\n', id: '\ta-1 ' }).kind).toBe('alert');
  });
});

describe('idempotency keys', () => {
  const p = (extra: Partial<TradingViewAlertPayload>) => ({ ticker: 'ES1!', action: 'buy', ...extra }) as TradingViewAlertPayload;
  const T = Date.parse('2026-11-20T15:00:30Z');

  it('GIVEN an id THEN the key is the id, whatever else changes, and nothing else names it', () => {
    expect(deliveryKey(p({ id: 'abc' }), 'a', T, 60)).toEqual({ key: 'id:abc', neighbourKeys: [] });
    expect(deliveryKey(p({ id: 7, timenow: 'x' }), 'b', T + 999_999, 60)).toEqual({ key: 'id:7', neighbourKeys: [] });
  });

  it('GIVEN {{timenow}} THEN the key is the second, symbol and action', () => {
    expect(deliveryKey(p({ timenow: '2026-11-20T15:00:00Z' }), 'a', T, 60)).toEqual({ key: 't:2026-11-20T15:00:00Z:ES1!:buy', neighbourKeys: [] });
  });

  it('GIVEN neither THEN the body hash within fixed windows of the configured length, with the windows either side as neighbours', () => {
    const { key, neighbourKeys } = deliveryKey(null, 'ES LONG 4750', T, 60);
    const window = Math.floor(T / 60_000);
    const digest = /^h:([A-Za-z0-9_-]{32}):\d+$/.exec(key)?.[1];
    expect(key).toBe(`h:${digest}:${window}`);
    expect(neighbourKeys).toEqual([`h:${digest}:${window - 1}`, `h:${digest}:${window + 1}`]);
    expect(deliveryKey(null, 'ES LONG 4750', T + 29_000, 60).key).toBe(key);
    // The next window has its own key; that a repeat there is the same signal is the store's check (sameAsRecent).
    expect(deliveryKey(null, 'ES LONG 4750', T + 30_000, 60).key).toBe(neighbourKeys[1]);
    expect(deliveryKey(null, 'ES LONG 4751', T, 60).key).not.toBe(key);
  });

  it('GIVEN a stored TradingView signal THEN its link id comes from the natural key', () => {
    expect(webhookLinkIdOf({ source: 'tradingview', externalId: '12:id:abc' })).toBe(12);
    expect(webhookLinkIdOf({ source: 'discord', externalId: '12:id:abc' })).toBeNull();
    expect(webhookLinkIdOf({ source: 'tradingview', externalId: 'x:1' })).toBeNull();
  });
});

describe('rate limiter (token bucket per link)', () => {
  it('GIVEN 60/min THEN a burst of 60 passes, the 61st waits 1 s, and one token returns each second', () => {
    const limiter = new RateLimiter();
    for (let i = 0; i < 60; i += 1) expect(limiter.take(1, 60, 0).allowed).toBe(true);
    expect(limiter.take(1, 60, 0)).toEqual({ allowed: false, retryAfterSec: 1 });
    expect(limiter.take(2, 60, 0).allowed).toBe(true);
    expect(limiter.take(1, 60, 999).allowed).toBe(false);
    expect(limiter.take(1, 60, 1000).allowed).toBe(true);
  });

  it('GIVEN 1/min exhausted THEN Retry-After counts down the remaining seconds', () => {
    const limiter = new RateLimiter();
    expect(limiter.take(1, 1, 0).allowed).toBe(true);
    expect(limiter.take(1, 1, 0)).toEqual({ allowed: false, retryAfterSec: 60 });
    expect(limiter.take(1, 1, 45_500)).toEqual({ allowed: false, retryAfterSec: 15 });
  });
});

describe('tokens, content types and source addresses', () => {
  it('GIVEN a new token THEN 32 random bytes base64url, hashed with sha-256, and a URL on the public base', () => {
    const { token, tokenHash } = newLinkToken();
    expect(token).toMatch(TOKEN_PATTERN);
    expect(tokenHash).toBe(hashToken(token));
    expect(tokenHash).not.toBe(newLinkToken().tokenHash);
    expect(linkUrl('https://bot.example.com', token)).toBe(`https://bot.example.com/webhooks/tradingview/${token}`);
  });

  it('GIVEN Content-Type headers THEN JSON or text by media type, anything else refused', () => {
    expect(contentKind('application/json')).toBe('json');
    expect(contentKind('Application/JSON; charset=utf-8')).toBe('json');
    expect(contentKind('text/plain;charset=UTF-8')).toBe('text');
    for (const other of [undefined, '', 'text/html', 'application/x-www-form-urlencoded', 'application/jsonp']) expect(contentKind(other)).toBeNull();
  });

  it('GIVEN addresses THEN only TradingView\'s four are allowed', () => {
    for (const ip of ['52.89.214.238', '34.212.75.30', '54.218.53.128', '52.32.178.7']) expect(isTradingViewAddress(ip)).toBe(true);
    for (const ip of ['127.0.0.1', '52.89.214.239', null, '::1']) expect(isTradingViewAddress(ip)).toBe(false);
  });
});
