import { describe, expect, it } from 'vitest';
import { describeAlert as alertLine } from '../../../src/adapters/discord/alert-embeds.js';
import { describeAlert as reviewLine } from '../../../src/adapters/discord/review-embeds.js';
import type { OptionAlert } from '../../../src/domain/alerts/types.js';

const strikeless: OptionAlert = {
  kind: 'option', action: 'close', side: 'long', underlying: 'SPY', expiry: '', strike: '', right: 'call',
  price: '3.25', quantity: null, fraction: '1', tags: [],
};

describe('an option close with no strike, in words', () => {
  it('the /alerts line says any strike, not a blank', () => {
    expect(alertLine(strikeless)).toBe('close long SPY (no expiry) (any strike) call @ 3.25');
  });

  it('the review DM says any strike, not a blank', () => {
    expect(reviewLine(strikeless)).toBe('close long SPY (no expiry) (any strike) call @ 3.25');
  });
});
