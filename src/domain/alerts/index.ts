import { makeContext, type ParseOptions } from './context.js';
import { parseFutures } from './futures.js';
import { parseOptions } from './options.js';
import { REASON, reason } from './reasons.js';
import { failure } from './score.js';
import { tokenize } from './tokenize.js';
import { parseTradingViewBody } from './tradingview.js';
import type { ParseInput, ParseResult } from './types.js';

/**
 * The alert parsers: pure functions of the message, its channel and its post time — no I/O,
 * no clock. Used alike by the Discord channel monitor, the TradingView webhook and replay.
 *
 * `ok: true` means the message is an alert and `alert` says what it calls for; `confidence`
 * (0–1, two decimals) says how sure: at or above the threshold it is routed, below it is kept
 * for review. `fields` scores each alert field; `reasons` lists every doubt (stable codes, see
 * reasons.ts). `ok: false` means no alert; its confidence stays at or below 0.4.
 */
export { DEFAULT_CONFIDENCE_THRESHOLD, MAX_FAILED_CONFIDENCE, isRoutable } from './score.js';
export { REASON, type ReasonCode } from './reasons.js';
export type { ParseOptions } from './context.js';
export {
  parseTradingViewPayload, quoteTimeField, type QuoteResult, type QuoteUpdate, type TradingViewParse,
} from './tradingview.js';
export type * from './types.js';

/** The longest message read; Discord allows 4,000 characters, webhooks are capped upstream. */
export const MAX_MESSAGE_CHARS = 8_000;

export function parseAlert(input: ParseInput, options?: ParseOptions): ParseResult {
  if (typeof input.text !== 'string' || input.text.length > MAX_MESSAGE_CHARS) {
    return failure([reason(REASON.NOT_AN_ALERT, 'no text, or text too long to be an alert')]);
  }
  switch (input.channel) {
    case 'futures':
      return parseFutures(tokenize(input.text), makeContext('futures', input.postedAt, input.lastPrice, options));
    case 'options':
      return parseOptions(tokenize(input.text), makeContext('options', input.postedAt, input.lastPrice, options));
    case 'tradingview': {
      const parsed = parseTradingViewBody(input.text, makeContext('tradingview', input.postedAt, input.lastPrice, options));
      if (parsed.kind === 'signal') return parsed.result;
      return failure([reason(REASON.NOT_AN_ALERT, 'a quote update, not a trade alert')]);
    }
    default:
      return failure([reason(REASON.NOT_AN_ALERT, `unknown channel kind "${String(input.channel)}"`)]);
  }
}
