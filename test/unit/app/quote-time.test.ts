import { describe, expect, it } from 'vitest';
import { MAX_QUOTE_LAG_MS } from '../../../src/app/market/quote-input.js';
import { readQuoteTime } from '../../../src/app/market/quote-time.js';

const NOW = Date.parse('2026-11-20T15:00:00Z');
const read = (value: unknown) => readQuoteTime(value, NOW);

describe('a quote time a webhook sender wrote', () => {
  it.each([
    ['2026-11-20T14:59:59Z', NOW - 1000],
    ['2026-11-20T14:59:59.250Z', NOW - 750],
    ['2026-11-20T09:59:59-05:00', NOW - 1000],
    ['2026-11-20 14:59:59+0000', NOW - 1000],
    [NOW - 500, NOW - 500],
    [String(NOW - 500), NOW - 500],
    ['2026-11-20T15:00:05Z', NOW + 5000],
  ])('reads %j as %d', (value, atMs) => {
    expect(read(value)).toEqual({ ok: true, atMs });
  });

  it.each([
    'not a time', '', 'NaN', '{{time}}', '2026-11-20T15:00:00', '2026-11-20', 'Nov 20 2026 15:00 GMT', '2026-02-30T00:00:00Z',
    '2026-13-01T00:00:00Z', '+275760-09-13T00:00:00.000Z', '-000001-01-01T00:00:00Z', -1, 8.64e15 + 1, null, true, {}, [],
  ])('refuses %j: it cannot be a time', (value) => {
    expect(read(value)).toEqual({ ok: false, problem: expect.stringMatching(/^must be a time: ISO 8601 with a zone .* or milliseconds since 1970$/) });
  });

  it('refuses a time more than a day before it arrived, and says when it was', () => {
    expect(read(new Date(NOW - MAX_QUOTE_LAG_MS - 1).toISOString())).toEqual({
      ok: false, problem: 'is 2026-11-19T14:59:59.999Z: more than a day before the quote arrived, so it is history, not a price to act on',
    });
    expect(read(new Date(NOW - MAX_QUOTE_LAG_MS).toISOString())).toEqual({ ok: true, atMs: NOW - MAX_QUOTE_LAG_MS });
  });

  it('reads numbers as milliseconds, and says so when that makes them history (epoch seconds)', () => {
    expect(read(Math.floor(NOW / 1000))).toEqual({ ok: false, problem: expect.stringContaining('1970-01-21T') });
    expect(read(Math.floor(NOW / 1000))).toEqual({ ok: false, problem: expect.stringContaining('read as milliseconds since 1970') });
    expect(read(0)).toEqual({ ok: false, problem: expect.stringContaining('1970-01-01T00:00:00.000Z, read as milliseconds since 1970: more than a day') });
  });

  it('refuses a time more than a day ahead of the clock; one less than a day ahead is read (the desk stamps it with its arrival)', () => {
    expect(read('2099-01-01T00:00:00Z')).toEqual({ ok: false, problem: "is 2099-01-01T00:00:00.000Z: more than a day ahead of the bot's clock" });
    expect(read(new Date(NOW + MAX_QUOTE_LAG_MS).toISOString())).toEqual({ ok: true, atMs: NOW + MAX_QUOTE_LAG_MS });
  });
});
