import { describe, expect, it } from 'vitest';
import { endOfDayCloses, nextLocalTime } from '../../../src/domain/sessions/end-of-day.js';
import { endOfDayCandidates } from '../../../src/domain/trading/end-of-day-candidates.js';
import { PaperEngine } from '../../../src/domain/trading/paper-engine.js';
import { futuresAlert, quote, T0 } from './fixtures.js';

describe('end-of-day routine over the paper engine (seed 002: hold winners, cut losers at 15:29 IST)', () => {
  it('GIVEN an ES winner and an NQ loser WHEN close_losers runs at 15:29 Asia/Kolkata THEN only the NQ position is closed', () => {
    const engine = new PaperEngine();
    engine.onQuote(quote('ES', { bid: '4749.75', ask: '4750' }, T0));
    engine.onQuote(quote('NQ', { bid: '16999.75', ask: '17000' }, T0));
    engine.submitAlert(futuresAlert({ stop: null, targets: [] }), 'es', T0 + 1);
    engine.submitAlert(futuresAlert({ symbol: 'NQ', entry: '17000', stop: null, targets: [] }), 'nq', T0 + 1);
    engine.onQuote(quote('ES', { bid: '4755', ask: '4755.25' }, T0 + 2));
    engine.onQuote(quote('NQ', { bid: '16990', ask: '16990.25' }, T0 + 2));

    const runAtMs = nextLocalTime('Asia/Kolkata', '15:29', T0);
    const toClose = endOfDayCloses('close_losers', endOfDayCandidates(engine.openPositions(), (p) => engine.markFor(p)));
    for (const positionId of toClose) engine.closePosition(positionId, 'all', 'end_of_day', runAtMs);

    expect(engine.openPositions().map((p) => p.symbol)).toEqual(['ES']);
    expect(runAtMs).toBe(Date.parse('2026-03-11T09:59:00Z'));
  });
});
