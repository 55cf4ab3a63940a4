import { describe, expect, it } from 'vitest';
import { buildAccountSnapshot } from '../../../src/domain/risk/build-snapshot.js';
import { checkRisk } from '../../../src/domain/risk/check-risk.js';
import { NO_LIMITS } from '../../../src/domain/risk/limits.js';
import { lossStreaks } from '../../../src/domain/risk/loss-streaks.js';
import { commandFingerprint, proposedOrderFor } from '../../../src/domain/risk/proposed.js';
import { commandFromAlert } from '../../../src/domain/trading/alert-commands.js';
import { journalFromEvents, type EngineEvent } from '../../../src/domain/trading/engine-events.js';
import { DEFAULT_PAPER_CONFIG } from '../../../src/domain/trading/paper-config.js';
import { PaperEngine } from '../../../src/domain/trading/paper-engine.js';
import { futuresAlert, px, quote } from '../trading/fixtures.js';

const MON = Date.parse('2026-03-09T14:00:00Z');
const TUE = Date.parse('2026-03-10T14:00:00Z');
const TUE_SESSION = Date.parse('2026-03-09T22:00:00Z'); // CME session for Tuesday opened Monday 18:00 EDT

/** Monday: one ES loser. Tuesday: two ES losers and a still-open ES long, marked −2 ticks. */
function tradingHistory(): { engine: PaperEngine; events: EngineEvent[] } {
  const engine = new PaperEngine();
  const events: EngineEvent[] = [];
  const loser = (atMs: number) => {
    events.push(...engine.onQuote(quote('ES', { bid: '4749.75', ask: '4750' }, atMs)));
    events.push(...engine.submitAlert(futuresAlert({ targets: [] }), `m${atMs}`, atMs + 1));
    events.push(...engine.onQuote(quote('ES', { bid: '4744', ask: '4744.25' }, atMs + 2))); // stop 4745 → fill 4743.75
  };
  loser(MON);
  loser(TUE);
  loser(TUE + 60_000);
  events.push(...engine.onQuote(quote('ES', { bid: '4749.75', ask: '4750' }, TUE + 120_000)));
  events.push(...engine.submitAlert(futuresAlert({ stop: null, targets: [] }), 'm-open', TUE + 120_001));
  events.push(...engine.onQuote(quote('ES', { bid: '4749.75', ask: '4750' }, TUE + 120_002)));
  return { engine, events };
}

describe('the risk snapshot from stored fills', () => {
  it('GIVEN Monday and Tuesday trades WHEN built for Tuesday\'s session THEN only Tuesday\'s fills count toward daily P&L and trades', () => {
    const { engine, events } = tradingHistory();
    const snapshot = buildAccountSnapshot({ fills: journalFromEvents(events).fills, markFor: (p) => engine.markFor(p),
      startingBalanceCents: 2_500_000, sessionStartMs: TUE_SESSION });
    // Each loser: bought 4750.25, sold 4743.75 = −26 ticks = −$325.00, commissions $1.24 → −$326.24.
    // Tuesday also paid $0.62 to open the last long, now marked at 4749.75: −2 ticks = −$25.00.
    expect(snapshot.sessionRealizedNetCents).toBe(2 * -32_624 - 62);
    expect(snapshot.sessionUnrealizedCents).toBe(-2_500);
    expect(snapshot.tradesToday).toBe(3);
    expect(snapshot.equityCents).toBe(engine.account().equityCents);
    expect(snapshot.openPositions).toEqual([{ positionId: expect.any(String), symbol: 'ES', qtyContracts: 1, notionalCents: 23_748_750 }]);
    expect(snapshot.lossStreaks.get('ES')).toEqual({ consecutiveLosses: 3, lastLossAtMs: TUE + 60_002 });
  });

  it('GIVEN three straight ES losses WHEN a new ES alert is checked with a cool-down after 3 THEN SYMBOL_COOLDOWN until 30 min after the last', () => {
    const { engine, events } = tradingHistory();
    const snapshot = buildAccountSnapshot({ fills: journalFromEvents(events).fills, markFor: (p) => engine.markFor(p),
      startingBalanceCents: 2_500_000, sessionStartMs: TUE_SESSION });
    const command = commandFromAlert(futuresAlert(), 'm-next', DEFAULT_PAPER_CONFIG);
    if (!command.ok) throw new Error('alert did not translate');
    const proposed = proposedOrderFor(command.command, { signalKey: 'm-next', alertAtMs: TUE + 180_000, marketPriceMicros: px('4750') });
    const result = checkRisk({ ...NO_LIMITS, cooldown: { afterConsecutiveLosses: 3, durationMs: 1_800_000 } }, snapshot, proposed, TUE + 180_000);
    expect(result).toEqual({ ok: false, denial: { code: 'SYMBOL_COOLDOWN', symbol: 'ES', consecutiveLosses: 3, lossThreshold: 3,
      lastLossAtMs: TUE + 60_002, untilMs: TUE + 60_002 + 1_800_000 } });
  });
});

describe('session P&L of positions carried overnight', () => {
  /** Monday: 2 ES long at 4750.25, marked up to 4790 by the close; Tuesday's session opens at 4790. */
  function carried(): { engine: PaperEngine; events: EngineEvent[] } {
    const engine = new PaperEngine();
    const events: EngineEvent[] = [];
    events.push(...engine.onQuote(quote('ES', { bid: '4749.75', ask: '4750' }, MON)));
    events.push(...engine.submitAlert(futuresAlert({ stop: '4700', targets: [], quantity: 2 }), 'm-carry', MON + 1));
    events.push(...engine.onQuote(quote('ES', { bid: '4790', ask: '4790.25' }, TUE_SESSION + 1)));
    return { engine, events };
  }
  const snapshotAt = (engine: PaperEngine, events: EngineEvent[], sessionMarks?: ReadonlyMap<string, number>) =>
    buildAccountSnapshot({ fills: journalFromEvents(events).fills, markFor: (p) => engine.markFor(p),
      startingBalanceCents: 2_500_000, sessionStartMs: TUE_SESSION, ...(sessionMarks ? { sessionMarks } : {}) });

  it('GIVEN an overnight gain WHEN today gives part of it back THEN today\'s P&L is the give-back, not the gain from entry', () => {
    const { engine, events } = carried();
    const id = engine.openPositions()[0]?.positionId as string;
    events.push(...engine.onQuote(quote('ES', { bid: '4778', ask: '4778.25' }, TUE)));
    // From entry: (4778 − 4750.25) × 2 × $50 = +$2,775. Since the session's first mark 4790: −12 points × 2 × $50 = −$1,200.
    expect(snapshotAt(engine, events).sessionUnrealizedCents).toBe(277_500);
    const s = snapshotAt(engine, events, new Map([[id, px('4790')]]));
    expect(s.sessionUnrealizedCents).toBe(-120_000);
    expect(s.sessionRealizedNetCents).toBe(0);
    expect(s.equityCents).toBe(engine.account().equityCents); // equity itself is unchanged
  });

  it('GIVEN a carried position WHEN it is closed today THEN today counts only the move since the session\'s mark', () => {
    const { engine, events } = carried();
    const id = engine.openPositions()[0]?.positionId as string;
    events.push(...engine.onQuote(quote('ES', { bid: '4780', ask: '4780.25' }, TUE)));
    events.push(...engine.closePosition(id, 'all', 'manual', TUE + 1));
    const s = snapshotAt(engine, events, new Map([[id, px('4790')]]));
    // Sold 2 at 4779.75 (bid − 1 tick): realized from entry +$2,950 less $1.24 commission; the carry-in was +$3,975.
    expect(s.sessionRealizedNetCents).toBe(295_000 - 124);
    expect(s.sessionRealizedNetCents + s.sessionUnrealizedCents).toBe((4779.75 - 4790) * 2 * 5_000 - 124);
  });

  it('GIVEN a position opened today WHEN it has a stray session mark THEN it is still measured from its entry', () => {
    const { engine, events } = carried();
    events.push(...engine.submitAlert(futuresAlert({ stop: '4700', targets: [] }), 'm-today', TUE));
    const today = engine.openPositions().find((p) => p.openedAtMs === TUE)?.positionId as string;
    const marks = new Map([[today, px('4700')]]);
    expect(snapshotAt(engine, events, marks).sessionUnrealizedCents).toBe(snapshotAt(engine, events).sessionUnrealizedCents);
  });
});

describe('loss streaks', () => {
  it('GIVEN loss, win, loss, loss on ES and one NQ loss THEN ES has 2 in a row and NQ 1; a scratch neither adds nor resets', () => {
    const streaks = lossStreaks([
      { symbol: 'ES', closedAtMs: 1, netPnlCents: -10 }, { symbol: 'ES', closedAtMs: 2, netPnlCents: 50 },
      { symbol: 'ES', closedAtMs: 4, netPnlCents: -10 }, { symbol: 'ES', closedAtMs: 3, netPnlCents: -10 },
      { symbol: 'ES', closedAtMs: 5, netPnlCents: 0 }, { symbol: 'NQ', closedAtMs: 6, netPnlCents: -1 },
    ]);
    expect(Object.fromEntries(streaks)).toEqual({ ES: { consecutiveLosses: 2, lastLossAtMs: 4 }, NQ: { consecutiveLosses: 1, lastLossAtMs: 6 } });
  });
});

describe('proposed orders and fingerprints', () => {
  it('GIVEN "ES LONG 4750" and "ES LONG 4750.00" THEN the fingerprints match; a different stop does not', () => {
    const fp = (entry: string, stop: string) => {
      const c = commandFromAlert(futuresAlert({ entry, stop }), null, DEFAULT_PAPER_CONFIG);
      if (!c.ok) throw new Error('bad');
      return commandFingerprint(c.command);
    };
    expect(fp('4750', '4745')).toBe(fp('4750.00', '4745.0'));
    expect(fp('4750', '4745')).not.toBe(fp('4750', '4744'));
  });

  it('GIVEN an A-size ES alert and a 4750 market THEN the proposal is 3 contracts, $712,500 notional, on the CME calendar', () => {
    const c = commandFromAlert(futuresAlert({ size: 'A' }), 'm1', DEFAULT_PAPER_CONFIG);
    if (!c.ok) throw new Error('bad');
    expect(proposedOrderFor(c.command, { signalKey: 'm1', alertAtMs: 5, marketPriceMicros: px('4750') })).toMatchObject({
      intent: 'open', symbol: 'ES', qtyContracts: 3, notionalCents: 71_250_000, calendar: 'cme-globex', alertAtMs: 5 });
  });
});
