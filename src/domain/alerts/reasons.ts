import type { ParseReason } from './types.js';

/**
 * Stable reason codes. Stored with every parse and shown to reviewers; never rename one —
 * add a new code instead. Each says why confidence was lowered or why a message is no alert.
 */
export const REASON = {
  /** Nothing in the message reads as a trade call. */
  NOT_AN_ALERT: 'NOT_AN_ALERT',
  /** The CLI got a line that is not a valid `{channel,text,postedAt}` object. */
  BAD_INPUT: 'BAD_INPUT',
  MISSING_SYMBOL: 'MISSING_SYMBOL',
  /** A close or adjust that names no symbol: it applies to the channel's open position. */
  SYMBOL_IMPLIED: 'SYMBOL_IMPLIED',
  UNKNOWN_SYMBOL: 'UNKNOWN_SYMBOL',
  MISSING_ACTION: 'MISSING_ACTION',
  ACTION_AMBIGUOUS: 'ACTION_AMBIGUOUS',
  MISSING_ENTRY: 'MISSING_ENTRY',
  ENTRY_RANGE: 'ENTRY_RANGE',
  MISSING_STOP: 'MISSING_STOP',
  STOP_WRONG_SIDE: 'STOP_WRONG_SIDE',
  TARGETS_OUT_OF_ORDER: 'TARGETS_OUT_OF_ORDER',
  TARGET_WRONG_SIDE: 'TARGET_WRONG_SIDE',
  PRICE_IMPLAUSIBLE: 'PRICE_IMPLAUSIBLE',
  FAR_FROM_MARKET: 'FAR_FROM_MARKET',
  OFF_TICK: 'OFF_TICK',
  CONFLICTING_VALUES: 'CONFLICTING_VALUES',
  UNLABELLED_NUMBER: 'UNLABELLED_NUMBER',
  MISSING_STRIKE: 'MISSING_STRIKE',
  MISSING_RIGHT: 'MISSING_RIGHT',
  MISSING_EXPIRY: 'MISSING_EXPIRY',
  INVALID_EXPIRY: 'INVALID_EXPIRY',
  EXPIRY_PAST: 'EXPIRY_PAST',
  EXPIRY_FAR: 'EXPIRY_FAR',
  EXPIRY_NOT_TRADING_DAY: 'EXPIRY_NOT_TRADING_DAY',
  EXPIRY_INFERRED: 'EXPIRY_INFERRED',
  MISSING_PRICE: 'MISSING_PRICE',
  QUANTITY_AMBIGUOUS: 'QUANTITY_AMBIGUOUS',
  QUANTITY_IMPLAUSIBLE: 'QUANTITY_IMPLAUSIBLE',
  FRACTION_ASSUMED: 'FRACTION_ASSUMED',
  FRACTION_IMPLAUSIBLE: 'FRACTION_IMPLAUSIBLE',
  QUOTED_TEXT: 'QUOTED_TEXT',
  FORWARDED_TEXT: 'FORWARDED_TEXT',
  QUESTION: 'QUESTION',
  HEDGED: 'HEDGED',
  CONDITIONAL: 'CONDITIONAL',
  NEGATED: 'NEGATED',
  PAST_REFERENCE: 'PAST_REFERENCE',
  /** Talks about a position already on ("my ES long … is doing great", "still holding"). */
  STATUS_UPDATE: 'STATUS_UPDATE',
  CANCELLED: 'CANCELLED',
  MULTIPLE_ALERTS: 'MULTIPLE_ALERTS',
  /** A spread, straddle or other multi-leg order: its price is the net of the legs, never one leg's. */
  MULTI_LEG: 'MULTI_LEG',
  LEADING_TEXT: 'LEADING_TEXT',
  EXTRA_TEXT: 'EXTRA_TEXT',
  /** TradingView: a `{{placeholder}}` reached us unrendered. */
  PLACEHOLDER_UNRENDERED: 'PLACEHOLDER_UNRENDERED',
  /**
   * TradingView: a numeric field is NaN, empty or not a number. Chat: a number that cannot be
   * read exactly (more than 6 decimals, more than 12 digits) where a price could be.
   */
  INVALID_NUMBER: 'INVALID_NUMBER',
  /** TradingView: a body that looks like JSON but is not, even after repair. */
  INVALID_PAYLOAD: 'INVALID_PAYLOAD',
} as const;

export type ReasonCode = (typeof REASON)[keyof typeof REASON];

export function reason(code: ReasonCode, message: string, field?: string): ParseReason {
  return field === undefined ? { code, message } : { code, message, field };
}
