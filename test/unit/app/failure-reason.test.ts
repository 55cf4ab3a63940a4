import { describe, expect, it } from 'vitest';
import { failureReason } from '../../../src/app/failure-reason.js';

/** The reason stored on a signal whose processing threw: storable, readable, bounded. */
describe('failureReason', () => {
  it.each([
    [new Error('no quote for ES'), 'no quote for ES'],
    [new Error('Failed query: …\nparams: 2027\u0000', { cause: new Error('unsupported Unicode escape sequence') }), 'unsupported Unicode escape sequence'],
    [new Error('outer', { cause: new Error('middle', { cause: new Error('root\tcause') }) }), 'root cause'],
    [new Error('a\u0000b\r\nc \ud800d'), 'a b c \ufffdd'],
    [new Error('lone \udc00 low, paired \ud83d\ude80 kept'), 'lone \ufffd low, paired \ud83d\ude80 kept'],
    ['thrown text', 'thrown text'],
    [new Error('\u0000'), 'processing failed'],
  ])('GIVEN %s THEN the reason is %j', (err, reason) => {
    expect(failureReason(err)).toBe(reason);
  });

  it('GIVEN a very long message THEN it is cut to 300 characters', () => {
    expect(failureReason(new Error('x'.repeat(5000)))).toHaveLength(300);
  });

  it('GIVEN a message cut between the two halves of an emoji THEN no unpaired half is left', () => {
    const reason = failureReason(new Error(`${'x'.repeat(299)}\ud83d\ude80 and more`));
    expect(reason).toBe(`${'x'.repeat(299)}\ufffd`);
    expect(reason.isWellFormed()).toBe(true);
  });
});
