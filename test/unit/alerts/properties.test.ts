import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CONFIDENCE_THRESHOLD, MAX_FAILED_CONFIDENCE, isRoutable, parseAlert, type ChannelKind, type ParseResult,
} from '../../../src/domain/alerts/index.js';
import { inputOf, loadCorpus, type CorpusCase } from './corpus.js';

const corpus = loadCorpus();
const POSTED = '2025-01-15T15:30:00Z';
/** Chat messages, not JSON payloads: the ones formatting noise can touch. */
const chatCases = corpus.filter((c) => c.channel !== 'tradingview' || !/^[[{"]/.test(c.text.trimStart()));
const routedCases = corpus.filter((c) => c.expect.routed);

const parse = (channel: ChannelKind, text: string): ParseResult => parseAlert({ channel, text, postedAt: POSTED });
const channelArb = fc.constantFrom<ChannelKind>('futures', 'options', 'tradingview');

// --- Formatting noise -------------------------------------------------------------------------

const NOISE = ['🚀', '🔥', '💰', '🚨', '📈', '✅', '<@123456789012345678>', '<@!123456789012345678>',
  '<@&987654321098765432>', '<#555555555555555555>', '@here', '@everyone', '<:pepe:112233445566778899>',
  '<a:party:112233445566778899>', '❤️', '👀👀'];

/** Random upper/lower case per letter. */
function recase(text: string, flips: boolean[]): string {
  let k = 0;
  return text.replace(/[a-z]/gi, (ch) => {
    const flip = flips[k++ % flips.length] ?? false;
    return flip ? (ch === ch.toUpperCase() ? ch.toLowerCase() : ch.toUpperCase()) : ch;
  });
}

/** Every single space becomes 1–3 spaces or tabs; line breaks stay. */
function respace(text: string, widths: number[]): string {
  let k = 0;
  return text.replace(/ /g, () => {
    const w = widths[k++ % widths.length] ?? 1;
    return w === 3 ? ' \t ' : ' '.repeat(w);
  });
}

/** Insert emojis and mentions at word boundaries (existing spaces, the start, the end). */
function decorate(text: string, picks: number[]): string {
  let k = 0;
  const pick = (): number => picks[k++ % picks.length] ?? 0;
  const noise = (p: number): string => NOISE[p % NOISE.length] as string;
  const body = text.replace(/ /g, () => {
    const p = pick();
    return p % 3 === 0 ? ` ${noise(p)} ` : ' ';
  });
  return `${noise(pick())} ${body} ${noise(pick())}`;
}

describe('formatting noise never changes a parse', () => {
  const caseArb = fc.constantFrom(...chatCases);
  const flipsArb = fc.array(fc.boolean(), { minLength: 1, maxLength: 40 });
  const widthsArb = fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 20 });
  const picksArb = fc.array(fc.nat(), { minLength: 1, maxLength: 30 });

  it('GIVEN any corpus message WHEN its letters change case THEN the parse is identical', () => {
    fc.assert(fc.property(caseArb, flipsArb, (c, flips) => {
      expect(parseAlert({ ...inputOf(c), text: recase(c.text, flips) })).toStrictEqual(parseAlert(inputOf(c)));
    }), { numRuns: 400 });
  });

  it('GIVEN any corpus message WHEN spaces are doubled or turned into tabs THEN the parse is identical', () => {
    fc.assert(fc.property(caseArb, widthsArb, (c, widths) => {
      expect(parseAlert({ ...inputOf(c), text: respace(c.text, widths) })).toStrictEqual(parseAlert(inputOf(c)));
    }), { numRuns: 400 });
  });

  it('GIVEN any corpus message WHEN emojis and mentions are sprinkled between words THEN the parse is identical', () => {
    fc.assert(fc.property(caseArb, picksArb, (c, picks) => {
      expect(parseAlert({ ...inputOf(c), text: decorate(c.text, picks) })).toStrictEqual(parseAlert(inputOf(c)));
    }), { numRuns: 400 });
  });

  it('GIVEN any corpus message WHEN all three kinds of noise combine THEN the parse is identical', () => {
    fc.assert(fc.property(caseArb, flipsArb, widthsArb, picksArb, (c, flips, widths, picks) => {
      const noisy = respace(decorate(recase(c.text, flips), picks), widths);
      expect(parseAlert({ ...inputOf(c), text: noisy })).toStrictEqual(parseAlert(inputOf(c)));
    }), { numRuns: 400 });
  });
});

// --- Chatter never reaches the threshold ------------------------------------------------------

/** Trading words without any call-to-action: symbols, numbers, options words, market talk. */
const TALK = ['ES', 'NQ', 'MES', 'YM', 'RTY', 'SPY', 'QQQ', 'TSLA', 'calls', 'puts', 'strike', 'market', 'today',
  'green', 'red', 'ripping', 'dumping', 'support', 'resistance', 'vwap', 'gap', 'fill', 'the', 'is', 'looks', 'strong',
  'weak', 'nice', 'lol', 'guys', 'chart', 'level', 'at', 'near', 'above', 'morning', 'volume', 'earnings', 'CPI',
  'Fed', 'open', 'candle', 'range', 'trend', '4750', '16250', '480', '2.50', '1/31', '0DTE', '@', ':', '-', '🚀'];
/** Words that make an alert into talk about one. */
const MARKERS = ['?', 'maybe', 'might', 'thinking', 'would', 'should', 'could', 'who', 'anyone', 'why', 'not',
  "don't", 'never', 'yesterday', 'ago', 'remember', 'last week', 'fwd', 'cancelled', 'if', 'unless', 'still holding'];
/** Everything an alert is made of, verbs included. */
const ALERT_WORDS = [...TALK, 'long', 'short', 'buy', 'sell', 'BTO', 'STC', 'STO', 'BTC', 'bought', 'sold', 'stop',
  'T1', 'T2', 'target', 'out', 'flat', 'stopped', 'trim', 'half', '4745', '4760', '470P', '480C', '3.25', 'A', 'B'];

const sentence = (words: string[], min: number, max: number): fc.Arbitrary<string> =>
  fc.array(fc.constantFrom(...words), { minLength: min, maxLength: max }).map((w) => w.join(' '));

describe('nothing that is not an alert reaches the threshold', () => {
  it('GIVEN market talk with no trade verb WHEN parsed on any channel THEN it is no alert at all', () => {
    fc.assert(fc.property(channelArb, sentence(TALK, 1, 14), (channel, text) => {
      const r = parse(channel, text);
      expect(r.ok).toBe(false);
      expect(r.confidence).toBeLessThanOrEqual(MAX_FAILED_CONFIDENCE);
    }), { numRuns: 1500 });
  });

  it('GIVEN trading words in any order with a question, hedge, negation or past reference WHEN parsed THEN never routed', () => {
    const arb = fc.tuple(sentence(ALERT_WORDS, 0, 12), fc.constantFrom(...MARKERS), sentence(ALERT_WORDS, 0, 12));
    fc.assert(fc.property(channelArb, arb, (channel, [before, marker, after]) => {
      expect(isRoutable(parse(channel, `${before} ${marker} ${after}`))).toBe(false);
    }), { numRuns: 3000 });
  });

  it('GIVEN arbitrary unicode text WHEN parsed THEN it never throws and is never routed', () => {
    fc.assert(fc.property(channelArb, fc.string({ unit: 'grapheme', maxLength: 200 }), (channel, text) => {
      const r = parse(channel, text);
      expect(isRoutable(r)).toBe(false);
    }), { numRuns: 2000 });
  });

  const routed = fc.constantFrom(...routedCases.filter((c) => c.channel !== 'tradingview'));
  it('GIVEN a routed corpus alert WHEN it is posted as a > quote THEN it is not routed', () => {
    fc.assert(fc.property(routed, (c) => {
      const quoted = c.text.split('\n').map((l) => `> ${l}`).join('\n');
      const r = parseAlert({ ...inputOf(c), text: quoted });
      expect(isRoutable(r)).toBe(false);
      if (r.ok) expect(r.reasons.map((x) => x.code)).toContain('QUOTED_TEXT');
    }), { numRuns: 300 });
  });

  it('GIVEN a routed corpus alert WHEN it is retold ("yesterday …") or asked about ("…?") THEN it is not routed', () => {
    fc.assert(fc.property(routed, fc.constantFrom('yesterday: %', 'remember % ', '% ?', 'fwd: %', 'not % '), (c, frame) => {
      const r = parseAlert({ ...inputOf(c), text: frame.replace('%', c.text) });
      expect(isRoutable(r)).toBe(false);
    }), { numRuns: 500 });
  });
});

// --- Determinism and bounds ---------------------------------------------------------------------

describe('the same message always gets the same score', () => {
  it('GIVEN any corpus message WHEN parsed twice, with other messages parsed in between THEN the results are equal', () => {
    fc.assert(fc.property(fc.constantFrom(...corpus), fc.constantFrom(...corpus), (a: CorpusCase, b: CorpusCase) => {
      const first = parseAlert(inputOf(a));
      parseAlert(inputOf(b));
      expect(parseAlert(inputOf(a))).toStrictEqual(first);
    }), { numRuns: 500 });
  });

  it('GIVEN any text WHEN parsed THEN confidence is a two-decimal number in [0, 1] and a failure stays at or below 0.4', () => {
    fc.assert(fc.property(channelArb, sentence(ALERT_WORDS, 0, 20), (channel, text) => {
      const r = parse(channel, text);
      expect(r.confidence).toBeGreaterThanOrEqual(0);
      expect(r.confidence).toBeLessThanOrEqual(1);
      expect(Math.round(r.confidence * 100) / 100).toBe(r.confidence);
      if (!r.ok) expect(r.confidence).toBeLessThanOrEqual(MAX_FAILED_CONFIDENCE);
      if (r.ok) for (const v of Object.values(r.fields)) expect(v >= 0 && v <= 1).toBe(true);
    }), { numRuns: 1500 });
    expect(MAX_FAILED_CONFIDENCE).toBeLessThan(DEFAULT_CONFIDENCE_THRESHOLD);
  });
});
