import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { replayQuotes } from '../../src/adapters/market/replay.js';
import type { QuoteUpdate } from '../../src/domain/alerts/index.js';
import { ROOT } from '../support/spawn-bot.js';

describe('replaying history', () => {
  it('GIVEN a recorded day of alerts and quotes WHEN replayed offline THEN the same engine trades it, exact to the cent', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/replay.ts', 'test/fixtures/replay/es-day.jsonl'], {
      cwd: ROOT, env: { PATH: process.env.PATH ?? '', BASE_CONTRACTS: '2' }, encoding: 'utf8',
    });
    const lines = out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.event ?? 'summary')).toEqual(['entry_filled', 'exit_filled', 'stop_moved', 'exit_filled', 'entry_filled', 'summary']);
    expect(lines[1]).toMatchObject({ reason: 'target', qty: 1, price: '4755', realizedNet: '236.88' });
    // The breakeven stop at 4750.25 is crossed by a bid of 4749: filled there less one tick.
    expect(lines[3]).toMatchObject({ reason: 'stop', price: '4748.75', realizedNet: '-75.62', positionRealizedNet: '160.02' });
    expect(lines[5]).toEqual({ summary: { alerts: 3, quotes: 5, realizedNet: '158.78', unrealized: '0.00', equity: '25158.78', openPositions: 1 } });
  });

  it('GIVEN a quotes file WHEN replayed into a sink THEN every valid line arrives in order and bad lines are counted', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ts-replay-'));
    const file = path.join(dir, 'quotes.jsonl');
    writeFileSync(file, [
      '{"symbol":"ES","bid":"4750","ask":"4750.25","ts":"2026-11-20T15:00:00Z"}',
      'not json',
      '{"symbol":"SPY270129C00480000","last":2.5,"ts":"2026-11-20T15:00:01Z"}',
      '{"bid":"1"}',
      '',
    ].join('\n'));
    const seen: QuoteUpdate[] = [];
    const result = await replayQuotes(file, { push: (q) => seen.push(q) });
    rmSync(dir, { recursive: true, force: true });
    expect(result).toEqual({ sent: 2, skipped: 2 });
    expect(seen.map((q) => [q.symbol, q.bid, q.ask, q.last])).toEqual([['ES', '4750', '4750.25', null], ['SPY270129C00480000', null, null, '2.5']]);
  });
});
