import { MAX_QUOTE_LAG_MS } from './quote-input.js';

export type QuoteTime = { ok: true; atMs: number } | { ok: false; problem: string };

/** The latest instant a JavaScript Date can hold (year 275760): a number beyond it is no time. */
const MAX_TIME_MS = 8.64e15;
/** ISO 8601 date and time with a zone, as TradingView's {{time}} and {{timenow}} render (2026-11-20T15:00:00Z). */
const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?([Zz]|[+-]\d{2}:?\d{2})$/;
const MILLIS = /^\d{1,16}$/;
const UNREADABLE = 'must be a time: ISO 8601 with a zone (2026-11-20T15:00:00Z, as {{timenow}} renders it) or milliseconds since 1970';

/**
 * A quote's time as a sender who can be answered wrote it (the TradingView webhook): epoch
 * milliseconds (a number, or a string of digits — Pine's `time`) or an ISO 8601 time with a
 * zone. Unlike the quote feed, which has nobody to tell and so stamps an unreadable time with
 * the arrival time and drops a stale quote (toQuote), a sender is told why: a time that cannot
 * be one, one more than a day before it arrived (MAX_QUOTE_LAG_MS), or more than a day ahead
 * of the bot's clock (a clock or zone that is wrong — a quote a few seconds ahead is fine, and
 * stamped with its arrival time).
 */
export function readQuoteTime(value: unknown, receivedAtMs: number): QuoteTime {
  const atMs = timeOf(value);
  if (atMs === null) return { ok: false, problem: UNREADABLE };
  const at = new Date(atMs).toISOString();
  const unit = typeof value === 'string' && !MILLIS.test(value.trim()) ? '' : ', read as milliseconds since 1970';
  if (receivedAtMs - atMs > MAX_QUOTE_LAG_MS) {
    return { ok: false, problem: `is ${at}${unit}: more than a day before the quote arrived, so it is history, not a price to act on` };
  }
  if (atMs - receivedAtMs > MAX_QUOTE_LAG_MS) {
    return { ok: false, problem: `is ${at}${unit}: more than a day ahead of the bot's clock` };
  }
  return { ok: true, atMs };
}

function timeOf(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 && value <= MAX_TIME_MS ? value : null;
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (MILLIS.test(text)) return timeOf(Number(text));
  const match = ISO_TIME.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // Date.parse rolls 2026-02-30 over into March; a day the month does not have is no time.
  if (new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day) return null;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : null;
}
