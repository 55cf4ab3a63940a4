import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAlert } from '../../src/domain/alerts/index.js';
import { inputOf, loadCorpus } from '../unit/alerts/corpus.js';

/**
 * `npm run --silent parse` as a real child process: JSON lines in, one JSON line out per input
 * line, in order, flushed at EOF, never a crash on bad input.
 */
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');

interface Run {
  code: number | null;
  lines: string[];
  stderr: string;
}

function runParse(chunks: string[], delayMs = 0): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'parse'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '', err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => { out += d; });
    child.stderr.setEncoding('utf8').on('data', (d: string) => { err += d; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, lines: out.split('\n').filter((l) => l !== ''), stderr: err }));
    const write = async (): Promise<void> => {
      for (const chunk of chunks) {
        child.stdin.write(chunk);
        if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
      }
      child.stdin.end();
    };
    write().catch(reject);
  });
}

const line = (o: unknown): string => `${JSON.stringify(o)}\n`;
const AT = '2025-01-15T15:30:00Z';

describe('npm run --silent parse', () => {
  it('GIVEN the whole corpus on stdin WHEN parsed by the CLI THEN each output line equals the in-process parse, in input order', async () => {
    const corpus = loadCorpus();
    const input = corpus.map((c) => line({ channel: c.channel, text: c.text, postedAt: c.postedAt, ...(c.lastPrices ? { lastPrices: c.lastPrices } : {}) }));
    const run = await runParse([input.join('')]);
    expect(run.code).toBe(0);
    expect(run.lines).toHaveLength(corpus.length);
    corpus.forEach((c, i) => {
      const expected = JSON.parse(JSON.stringify(parseAlert(inputOf(c)))) as unknown;
      expect(JSON.parse(run.lines[i] as string), c.text).toStrictEqual(expected);
    });
  });

  it('GIVEN a futures alert WHEN parsed by the CLI THEN the line has ok, confidence, the alert and its reasons', async () => {
    const run = await runParse([line({ channel: 'futures', text: 'ES LONG 4750 STOP 4745 T1 4755 T2 4760', postedAt: AT })]);
    expect(JSON.parse(run.lines[0] as string)).toMatchObject({
      ok: true, confidence: 1, reasons: [],
      alert: { kind: 'futures', action: 'open', symbol: 'ES', side: 'long', entry: '4750', stop: '4745', targets: ['4755', '4760'], size: null, quantity: null },
    });
  });

  it('GIVEN malformed lines between good ones WHEN parsed THEN each bad line gets BAD_INPUT with confidence 0 and the run goes on', async () => {
    const good = line({ channel: 'options', text: 'BTO QQQ 380C 1/31 @ 1.75', postedAt: AT });
    const bad = ['not json\n', '[1,2]\n', '"just a string"\n', line({ channel: 'crypto', text: 'x', postedAt: AT }),
      line({ channel: 'futures', text: 42, postedAt: AT }), line({ channel: 'futures', text: 'ES out' }),
      line({ channel: 'futures', text: 'ES out', postedAt: 'yesterday' }), '{"channel":"futures","text":"ES o\n'];
    const run = await runParse([good, ...bad, good]);
    expect(run.code).toBe(0);
    expect(run.lines).toHaveLength(bad.length + 2);
    const parsed = run.lines.map((l) => JSON.parse(l) as { ok: boolean; confidence: number; reasons: { code: string }[] });
    expect(parsed[0]?.ok).toBe(true);
    expect(parsed.at(-1)?.ok).toBe(true);
    for (const p of parsed.slice(1, -1)) {
      expect(p).toMatchObject({ ok: false, confidence: 0 });
      expect(p.reasons[0]?.code).toBe('BAD_INPUT');
    }
  });

  it('GIVEN a line with several bad fields WHEN parsed THEN one BAD_INPUT reason per problem, each naming its field', async () => {
    const run = await runParse([line({ channel: 'crypto', text: 42, postedAt: 'yesterday', lastPrices: ['4750'] }),
      line({ channel: 'futures' }), line({ channel: 'tradingview', text: 7, postedAt: AT })]);
    const reasons = run.lines.map((l) => (JSON.parse(l) as { reasons: { code: string; field?: string }[] }).reasons);
    expect(reasons[0]?.map((r) => [r.code, r.field])).toEqual([
      ['BAD_INPUT', 'channel'], ['BAD_INPUT', 'text'], ['BAD_INPUT', 'postedAt'], ['BAD_INPUT', 'lastPrices']]);
    expect(reasons[1]?.map((r) => r.field)).toEqual(['text', 'postedAt']);
    expect(reasons[2]).toEqual([{ code: 'BAD_INPUT', message: '"text" must be a string or a payload object', field: 'text' }]);
  });

  it('GIVEN input without a final newline, sent slowly in pieces WHEN stdin closes THEN every line is answered and flushed', async () => {
    const a = JSON.stringify({ channel: 'futures', text: 'stopped out', postedAt: AT });
    const b = JSON.stringify({ channel: 'futures', text: 'ES looking strong today', postedAt: AT });
    const run = await runParse([a.slice(0, 10), a.slice(10), '\n\n', b.slice(0, 5), b.slice(5)], 20);
    expect(run.lines.map((l) => (JSON.parse(l) as { ok: boolean }).ok)).toEqual([true, false]);
  });

  it('GIVEN 20,000 lines WHEN parsed THEN 20,000 answers come back in order', async () => {
    const texts = ['ES out', 'who is long?', 'NQ SHORT 16250 STOP 16275', 'good morning'];
    const input = Array.from({ length: 20_000 }, (_, i) => line({ channel: 'futures', text: texts[i % 4], postedAt: AT })).join('');
    const run = await runParse([input]);
    expect(run.lines).toHaveLength(20_000);
    const oks = run.lines.map((l) => (JSON.parse(l) as { ok: boolean }).ok);
    expect(oks.every((ok, i) => ok === (i % 4 === 0 || i % 4 === 2))).toBe(true);
  });

  it('GIVEN a TradingView payload as an object or as JSON text WHEN parsed THEN both give the same alert', async () => {
    const payload = { ticker: 'ES1!', action: 'buy', contracts: '1', price: '4750.25', stop: '4745' };
    const run = await runParse([line({ channel: 'tradingview', text: payload, postedAt: AT }),
      line({ channel: 'tradingview', text: JSON.stringify(payload), postedAt: AT })]);
    expect(run.lines[0]).toBe(run.lines[1]);
    expect(JSON.parse(run.lines[0] as string)).toMatchObject({ ok: true, alert: { symbol: 'ES', entry: '4750.25', quantity: 1 } });
  });
});
