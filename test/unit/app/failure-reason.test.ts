import { describe, expect, it } from 'vitest';
import { failureReason } from '../../../src/app/failure-reason.js';

/** The reason stored on a signal whose processing threw: storable, readable, bounded. */
describe('failureReason', () => {
  it.each([
    [new Error('no quote for ES'), 'no quote for ES'],
    [new Error('Failed query: …\nparams: 2027\u0000', { cause: new Error('unsupported Unicode escape sequence') }), 'unsupported Unicode escape sequence'],
    [new Error('outer', { cause: new Error('middle', { cause: new Error('root\tcause') }) }), 'root cause'],
    [new Error('a\u0000b\r\nc \ud800d'), 'a b c d'],
    ['thrown text', 'thrown text'],
    [new Error('\u0000'), 'processing failed'],
  ])('GIVEN %s THEN the reason is %j', (err, reason) => {
    expect(failureReason(err)).toBe(reason);
  });

  it('GIVEN a very long message THEN it is cut to 300 characters', () => {
    expect(failureReason(new Error('x'.repeat(5000)))).toHaveLength(300);
  });
});
