import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Alert, ChannelKind, ParseInput } from '../../../src/domain/alerts/index.js';

/**
 * The alert corpus: `test/fixtures/alerts/*.jsonl`, one real-looking message per line with the
 * result a careful human expects. An expected alert lists only what differs from the defaults
 * below (absent → null / []), so every line still pins every field of the parse.
 */
export interface Expectation {
  ok: boolean;
  /** Confidence at or above the default threshold. */
  routed: boolean;
  /** The exact set of reason codes. */
  reasons: string[];
  alert?: Partial<Alert> & Record<string, unknown>;
}

export interface CorpusCase {
  file: string;
  channel: ChannelKind;
  text: string;
  postedAt: string;
  lastPrices?: Record<string, string>;
  expect: Expectation;
}

export const FIXTURE_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/alerts');

export function loadCorpus(): CorpusCase[] {
  const out: CorpusCase[] = [];
  for (const file of readdirSync(FIXTURE_DIR).filter((f) => f.endsWith('.jsonl')).sort()) {
    const lines = readFileSync(join(FIXTURE_DIR, file), 'utf8').split('\n').filter((l) => l.trim() !== '');
    for (const line of lines) out.push({ file, ...(JSON.parse(line) as Omit<CorpusCase, 'file'>) });
  }
  return out;
}

const FUTURES_DEFAULTS = {
  kind: 'futures', action: 'open', side: null, entry: null, stop: null, targets: [], size: null, quantity: null,
  fraction: null, newStop: null, tags: [],
};
const OPTION_DEFAULTS = { kind: 'option', price: null, quantity: null, fraction: null, tags: [] };

/** The whole expected alert: the fixture's fields over the defaults of its kind. */
export function expectedAlert(c: CorpusCase): Record<string, unknown> {
  const given = c.expect.alert ?? {};
  const kind = given.kind ?? (c.channel === 'futures' ? 'futures' : 'option');
  return { ...(kind === 'futures' ? FUTURES_DEFAULTS : OPTION_DEFAULTS), ...given };
}

export function inputOf(c: CorpusCase): ParseInput {
  const prices = c.lastPrices;
  return {
    channel: c.channel, text: c.text, postedAt: c.postedAt,
    ...(prices ? { lastPrice: (s: string) => prices[s] ?? null } : {}),
  };
}

export function describeExpectation(e: Expectation): string {
  if (!e.ok) return `no alert (${e.reasons.join(', ')})`;
  const doubts = e.reasons.length > 0 ? ` with ${e.reasons.join(', ')}` : '';
  return `${e.routed ? 'a routed' : 'a needs-review'} ${String(e.alert?.action ?? 'open')} alert${doubts}`;
}
