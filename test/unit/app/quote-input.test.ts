import { describe, expect, it } from 'vitest';
import { MAX_QUOTE_LAG_MS, toQuote } from '../../../src/app/market/quote-input.js';

const NOW = Date.parse('2026-11-20T15:00:00Z');
const es = (ts: string) => toQuote({ symbol: 'ES', bid: '4750.00', ask: '4750.25', last: null, ts }, NOW);

describe('quote times from a feed', () => {
  it('keeps a time stamped before arrival', () => {
    expect(es('2026-11-20T14:59:59.500Z')?.atMs).toBe(NOW - 500);
  });

  it.each(['2099-01-01T00:00:00Z', '+275760-09-13T00:00:00.000Z', '2026-11-20T15:00:01Z'])(
    'stamps a quote from the future (%s) with its arrival time, so it cannot freeze the book', (ts) => {
      expect(es(ts)?.atMs).toBe(NOW);
    });

  it.each(['not a time', ''])('stamps a quote with no readable time (%j) with its arrival time', (ts) => {
    expect(es(ts)?.atMs).toBe(NOW);
  });

  it.each(['-000001-01-01T00:00:00Z', '1970-01-01T00:00:00Z', new Date(NOW - MAX_QUOTE_LAG_MS - 1).toISOString()])(
    'drops a quote stamped more than a day before it arrived (%s)', (ts) => {
      expect(es(ts)).toBeNull();
    });

  it('keeps one stamped exactly a day before', () => {
    expect(es(new Date(NOW - MAX_QUOTE_LAG_MS).toISOString())?.atMs).toBe(NOW - MAX_QUOTE_LAG_MS);
  });
});
