import { K } from './lexicon.js';
import { REASON } from './reasons.js';
import type { Scorecard } from './score.js';
import { NUM, PUNCT, WORD, type Token } from './tokenize.js';

/**
 * Whole-message judgement shared by every grammar: is this text calling a trade, or talking
 * about one? Questions, hedges, conditions, negations, references to the past, forwards,
 * quotes, cancellations and loose text around the call lower the `message` field.
 *
 * Tokens on the other side of a quote boundary from the anchor are ignored: a reply that
 * quotes an old alert and adds a new one is judged on the new one.
 */
export type Mode = 'open' | 'exit' | 'exit-implied';

export interface MessageScan {
  toks: readonly Token[];
  /** Index of the token the alert hangs on (symbol, direction or verb). */
  anchor: number;
  /** Tokens the grammar used: they are never "extra text". */
  used: Uint8Array;
  mode: Mode;
}

/** Exits may carry a few words of commentary ("ES out, nice"); opens a little more. */
const FREE_TRAILING: Record<Mode, number> = { open: 8, exit: 2, 'exit-implied': 0 };
const TRAILING_DECAY: Record<Mode, number> = { open: 0.97, exit: 0.8, 'exit-implied': 0.75 };
const FREE_LEADING = 3;

/** Past-tense markers that after an exit are commentary ("ES out, was a good one"), not a recap. */
const WEAK_PAST = new Set(['WAS', 'WERE', 'HAD']);

export function scoreMessage(scan: MessageScan, card: Scorecard): void {
  const { toks, anchor, used, mode } = scan;
  const a = toks[anchor] as Token;
  if (a.quoted) card.penalize('message', 0.2, REASON.QUOTED_TEXT, 'the alert is quoted, not posted');
  if (a.struck) card.penalize('message', 0.1, REASON.CANCELLED, 'the alert is struck through');
  let leading = 0, trailing = 0;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i] as Token;
    if (t.quoted !== a.quoted && !a.quoted) continue;
    if (t.kind === PUNCT) {
      if (t.text === '?') card.penalize('message', 0.3, REASON.QUESTION, 'the message asks a question');
      continue;
    }
    if (t.kind === NUM && Number.isNaN(t.micros) && used[i] !== 1) {
      // `ES LONG 4750.1234567`: not "no entry" (a market order) but a price nobody can read exactly.
      card.penalize('message', 0.3, REASON.INVALID_NUMBER, `"${t.text.length > 24 ? `${t.text.slice(0, 24)}…` : t.text}" cannot be read as an exact price`);
      continue;
    }
    if (t.kind !== WORD || used[i] === 1) continue;
    switch (t.kw) {
      case K.HEDGE: card.penalize('message', 0.4, REASON.HEDGED, `hedged ("${t.text.toLowerCase()}")`); break;
      case K.QUESTION_WORD: card.penalize('message', 0.3, REASON.QUESTION, `a question ("${t.text.toLowerCase()}")`); break;
      case K.CONDITION: card.penalize('message', 0.4, REASON.CONDITIONAL, `conditional ("${t.text.toLowerCase()}")`); break;
      case K.NEGATION: card.penalize('message', 0.3, REASON.NEGATED, `negated ("${t.text.toLowerCase()}")`); break;
      case K.STATUS:
        card.penalize('message', 0.4, REASON.STATUS_UPDATE, `about a position already on ("${t.text.toLowerCase()}")`);
        break;
      case K.FORWARD: card.penalize('message', 0.2, REASON.FORWARDED_TEXT, 'forwarded or reposted text'); break;
      case K.CANCEL: card.penalize('message', 0.1, REASON.CANCELLED, `cancelled ("${t.text.toLowerCase()}")`); break;
      case K.PAST:
        if (mode === 'open' || i < anchor || !WEAK_PAST.has(t.text)) {
          card.penalize('message', 0.3, REASON.PAST_REFERENCE, `refers to the past ("${t.text.toLowerCase()}")`);
        }
        break;
      case K.TOMORROW: // unused, so not an expiry: an open planned for later is not a call to act now
        if (mode !== 'open') trailing++;
        else if (plannedForLater(toks, i)) card.penalize('message', 0.4, REASON.CONDITIONAL, `planned for later ("${t.text.toLowerCase()}"), not now`);
        break;
      case K.NONE:
        if (i < anchor && mode === 'open') leading++;
        else trailing++;
        break;
      default:
        // Exits are short: any unused word but a filler is extra ("ES flat on the day").
        if (mode !== 'open' && t.kw !== K.FILLER) trailing++;
    }
  }
  if (leading > FREE_LEADING) {
    card.penalize('message', Math.max(0.6, 0.95 ** (leading - FREE_LEADING)), REASON.LEADING_TEXT,
      `${words(leading)} of other text before the alert`);
  }
  const free = FREE_TRAILING[mode];
  if (trailing > free) {
    const floor = mode === 'open' ? 0.7 : 0.2;
    card.penalize('message', Math.max(floor, TRAILING_DECAY[mode] ** (trailing - free)), REASON.EXTRA_TEXT,
      `${words(trailing)} of other text around the alert`);
  }
}

const LATER_BEFORE = new Set(['FOR', 'TIL', 'TILL', 'UNTIL']);
const LATER_AFTER = new Set(['AT', 'OPEN', 'MORNING', 'AM', 'PREMARKET', 'PM', 'NIGHT']);

/**
 * `tomorrow` at i planning an order for later — `for tomorrow`, `tomorrow at open`, `Tmrw: …` —
 * rather than commentary (`tomorrow we ride`).
 */
function plannedForLater(toks: readonly Token[], i: number): boolean {
  const prev = toks[i - 1], next = toks[i + 1];
  if (i === 0 || (next?.kind === PUNCT && next.text === ':')) return true; // `Tomorrow: ES long …`
  return (prev?.kind === WORD && LATER_BEFORE.has(prev.text)) || (next?.kind === WORD && LATER_AFTER.has(next.text));
}

function words(n: number): string {
  return n === 1 ? '1 word' : `${n} words`;
}
