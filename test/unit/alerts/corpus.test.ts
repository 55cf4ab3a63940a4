import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIDENCE_THRESHOLD, REASON, parseAlert } from '../../../src/domain/alerts/index.js';
import { describeExpectation, expectedAlert, inputOf, loadCorpus, type CorpusCase } from './corpus.js';

const corpus = loadCorpus();
const byFile = new Map<string, CorpusCase[]>();
for (const c of corpus) byFile.set(c.file, [...(byFile.get(c.file) ?? []), c]);

describe('the alert corpus', () => {
  it('GIVEN the fixture files WHEN counted THEN there are at least 300 messages in every category', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(300);
    for (const name of ['futures-open', 'futures-exit', 'options', 'tradingview', 'near-misses', 'chatter']) {
      expect(byFile.get(`${name}.jsonl`)?.length ?? 0, name).toBeGreaterThanOrEqual(40);
    }
  });

  it('GIVEN the reason codes WHEN listed THEN each is a stable SCREAMING_SNAKE code, and every code the corpus yields is one of them', () => {
    const codes = new Set<string>(Object.values(REASON));
    for (const [key, code] of Object.entries(REASON)) {
      expect(code).toBe(key);
      expect(code).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/);
    }
    for (const c of corpus) for (const r of parseAlert(inputOf(c)).reasons) expect(codes.has(r.code), r.code).toBe(true);
  });

  it('GIVEN every fixture WHEN read THEN it states ok, routed, reasons and (for alerts) the alert', () => {
    for (const c of corpus) {
      expect(typeof c.expect.ok, c.text).toBe('boolean');
      expect(Array.isArray(c.expect.reasons), c.text).toBe(true);
      if (c.expect.ok) expect(c.expect.alert, c.text).toBeDefined();
      else expect(c.expect.routed, c.text).toBe(false);
    }
  });
});

for (const [file, cases] of byFile) {
  describe(file, () => {
    it.each(cases.map((c) => [c.channel, c.text, describeExpectation(c.expect), c] as const))(
      'GIVEN a %s message %j WHEN parsed THEN it is %s',
      (_channel, _text, _summary, c) => {
        const result = parseAlert(inputOf(c));
        const codes = [...new Set(result.reasons.map((r) => r.code))].sort();
        expect(result.ok).toBe(c.expect.ok);
        expect(codes).toEqual([...c.expect.reasons].sort());
        expect(result.ok && result.confidence >= DEFAULT_CONFIDENCE_THRESHOLD).toBe(c.expect.routed);
        expect(result.confidence).toBeGreaterThanOrEqual(0);
        expect(result.confidence).toBeLessThanOrEqual(1);
        if (result.ok) {
          expect(result.alert).toStrictEqual(expectedAlert(c));
          for (const r of result.reasons) expect(r.field === undefined || r.field in result.fields, r.code).toBe(true);
        }
      },
    );
  });
}
