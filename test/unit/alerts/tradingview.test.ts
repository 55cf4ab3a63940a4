import { describe, expect, it } from 'vitest';
import { parseTradingViewPayload, type ParseResult, type TradingViewParse } from '../../../src/domain/alerts/index.js';

const AT = '2025-01-15T15:30:00Z';

function signal(parsed: TradingViewParse): ParseResult {
  if (parsed.kind !== 'signal') throw new Error(`expected a signal, got ${parsed.kind}`);
  return parsed.result;
}

function codes(r: ParseResult): string[] {
  return r.reasons.map((x) => x.code);
}

describe('parseTradingViewPayload', () => {
  it('GIVEN an already-parsed object body WHEN parsed THEN it reads like the same JSON text', () => {
    const body = { ticker: 'ES1!', action: 'buy', contracts: 2, price: 4750.25, stop: '4745', targets: [4755, '4760'] };
    const fromObject = signal(parseTradingViewPayload(body, AT));
    const fromText = signal(parseTradingViewPayload(JSON.stringify(body), AT));
    expect(fromObject).toStrictEqual(fromText);
    expect(fromObject.ok && fromObject.alert).toMatchObject({
      kind: 'futures', symbol: 'ES', side: 'long', entry: '4750.25', stop: '4745', targets: ['4755', '4760'], quantity: 2,
    });
  });

  it('GIVEN a quote message WHEN parsed THEN it is a quote with normalised prices and the root symbol, not a signal', () => {
    const parsed = parseTradingViewPayload({ type: 'quote', symbol: 'CME_MINI:ES1!', bid: '4750.00', ask: 4750.25, last: '4750.25', ts: '2025-01-15T15:29:59Z' }, AT);
    expect(parsed).toStrictEqual({
      kind: 'quote',
      result: { ok: true, quote: { symbol: 'ES', bid: '4750', ask: '4750.25', last: '4750.25', ts: '2025-01-15T15:29:59Z' } },
    });
  });

  it('GIVEN a bar message without a timestamp WHEN parsed THEN its close is the last price and the receive time stamps it', () => {
    const parsed = parseTradingViewPayload('{"type":"bar","ticker":"NQ1!","close":"21450.5"}', AT);
    expect(parsed).toStrictEqual({
      kind: 'quote', result: { ok: true, quote: { symbol: 'NQ', bid: null, ask: null, last: '21450.5', ts: AT } },
    });
  });

  it('GIVEN an option quote by OCC symbol WHEN parsed THEN the OCC symbol is kept', () => {
    const parsed = parseTradingViewPayload({ type: 'quote', symbol: 'SPY270131C00480000', bid: '2.40', ask: '2.45' }, AT);
    expect(parsed.kind === 'quote' && parsed.result.ok && parsed.result.quote.symbol).toBe('SPY270131C00480000');
  });

  it('GIVEN a quote whose price is an unrendered placeholder WHEN parsed THEN it fails naming the field', () => {
    const parsed = parseTradingViewPayload('{"type":"quote","symbol":"ES1!","last":{{close}}}', AT);
    expect(parsed.kind).toBe('quote');
    if (parsed.kind !== 'quote' || parsed.result.ok) throw new Error('expected a failed quote');
    expect(parsed.result.reasons.map((r) => r.code)).toEqual(['PLACEHOLDER_UNRENDERED', 'INVALID_NUMBER']);
    expect(parsed.result.reasons[0]?.message).toContain('"last"');
  });

  it('GIVEN an unquoted placeholder in a numeric field WHEN parsed THEN the reason names that field', () => {
    const r = signal(parseTradingViewPayload('{"ticker":"ES1!","action":"buy","contracts":{{strategy.order.contracts}},"price":4750}', AT));
    const placeholder = r.reasons.find((x) => x.code === 'PLACEHOLDER_UNRENDERED');
    expect(placeholder?.message).toContain('"contracts"');
    expect(placeholder?.field).toBe('quantity');
    expect(r.ok && r.alert.kind === 'futures' && r.alert.quantity).toBeNull();
  });

  it('GIVEN an unrendered placeholder in a field the parser does not use (the order id) WHEN parsed THEN it still lowers confidence, naming the field', () => {
    const r = signal(parseTradingViewPayload({ ticker: 'ES1!', action: 'buy', price: 4750, stop: 4745, id: '{{strategy.order.id}}' }, AT));
    expect(r.ok).toBe(true);
    expect(r.reasons).toContainEqual({ code: 'PLACEHOLDER_UNRENDERED', message: '"id" holds an unrendered placeholder', field: 'message' });
    expect(r.confidence).toBeLessThan(0.8);
  });

  it('GIVEN NaN and Infinity from a broken template WHEN parsed THEN each is an INVALID_NUMBER on its field', () => {
    const r = signal(parseTradingViewPayload('{"ticker":"ES1!","action":"sell","price":NaN,"stop":Infinity}', AT));
    expect(r.reasons.filter((x) => x.code === 'INVALID_NUMBER').map((x) => x.field)).toEqual(['entry', 'stop']);
    expect(r.ok && r.confidence < 0.8).toBe(true);
  });

  it('GIVEN a secret in the body WHEN the parse fails THEN no reason repeats it', () => {
    const r = signal(parseTradingViewPayload({ secret: 's3cr3t-value', ticker: 'ES1!', action: 'moonwalk' }, AT));
    expect(r.ok).toBe(false);
    expect(JSON.stringify(r)).not.toContain('s3cr3t-value');
  });

  it('GIVEN TradingView sell with position flat WHEN parsed THEN it closes the long rather than opening a short', () => {
    const r = signal(parseTradingViewPayload({ ticker: 'MNQ1!', action: 'sell', market_position: 'flat', contracts: '1' }, AT));
    expect(r.ok && r.alert).toMatchObject({ kind: 'futures', action: 'close', symbol: 'MNQ', side: 'long', fraction: '1' });
  });

  it('GIVEN BUY_PUT with strike and expiry WHEN parsed THEN it buys to open a put', () => {
    const r = signal(parseTradingViewPayload({ ticker: 'QQQ', action: 'BUY_PUT', strike: 380, expiry: '2025-01-31', price: '1.75' }, AT));
    expect(r.ok && r.alert).toStrictEqual({
      kind: 'option', action: 'open', side: 'long', underlying: 'QQQ', expiry: '2025-01-31', strike: '380', right: 'put',
      price: '1.75', quantity: null, fraction: null, tags: [],
    });
  });

  it('GIVEN option actions in every spelling WHEN parsed THEN verb and right are read; near-spellings are not option actions', () => {
    const read = (action: string, extra: Record<string, unknown> = {}) => {
      const r = signal(parseTradingViewPayload({ ticker: 'SPY', action, strike: 480, expiry: '2025-01-31', price: '2.5', ...extra }, AT));
      return r.ok ? `${r.alert.action} ${r.alert.kind === 'option' ? `${r.alert.side} ${r.alert.right}` : ''}` : codes(r).join(',');
    };
    expect(['BUY_CALL', 'Buy Calls', 'bto_call', 'STO_PUT', 'sell_puts', 'BTC-PUT', 'stc call'].map((a) => read(a))).toEqual([
      'open long call', 'open long call', 'open long call', 'open short put', 'close long put', 'close short put', 'close long call',
    ]);
    expect(read('buy', { right: 'P' })).toBe('open long put');
    expect(read('BUY_CALLSS')).toBe('NOT_AN_ALERT,ACTION_AMBIGUOUS');
    expect(read('BUYS_CALL')).toBe('NOT_AN_ALERT,ACTION_AMBIGUOUS');
  });

  it('GIVEN expiries in every written form WHEN parsed THEN each pins the same date; a malformed one is INVALID_EXPIRY', () => {
    const expiry = (written: string) => {
      const r = signal(parseTradingViewPayload({ ticker: 'SPY', action: 'BUY_CALL', strike: 480, expiry: written, price: '2.5' }, AT));
      return r.ok && r.alert.kind === 'option' && r.alert.expiry !== '' ? r.alert.expiry : codes(r).join(',');
    };
    expect(['2025-01-31', '2025-1-31', '20250131', '250131', '1/31/2025', '1/31', '2025-01-31T20:00:00Z'].map(expiry))
      .toEqual(Array(7).fill('2025-01-31'));
    expect(expiry('2025-0a-31')).toBe('INVALID_EXPIRY');
  });

  it('GIVEN a number, null or an array as the body WHEN parsed THEN it is not an alert and says why', () => {
    for (const body of [42, null, [{ ticker: 'ES1!', action: 'buy' }]]) {
      const r = signal(parseTradingViewPayload(body, AT));
      expect(r.ok).toBe(false);
      expect(codes(r)).toEqual(['NOT_AN_ALERT', 'INVALID_PAYLOAD']);
    }
  });
});
