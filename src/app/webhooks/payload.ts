import { z } from 'zod';

/**
 * What a TradingView alert message may carry (README "Point TradingView at it"). The edge checks
 * shape only — field types, ranges, known actions — and answers 400 naming every bad field; what
 * the alert *means* is the parser's job, later, in the pipeline. Unknown fields are allowed
 * (templates carry `exchange`, `interval`, …).
 */

/** Positive number, or a decimal string: TradingView substitutes placeholders as text. */
const DECIMAL = /^\d{1,12}(\.\d{1,10})?$/;
function isPositiveDecimal(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 && value < 1e12;
  return typeof value === 'string' && DECIMAL.test(value.trim()) && Number(value) > 0;
}
const positive = z.unknown()
  .refine(isPositiveDecimal, { message: 'must be a positive number or decimal string (not empty, not NaN)' })
  .optional();

const SYMBOL = /^[A-Za-z0-9_.:!/&-]{1,64}$/;
const symbol = z.string({ error: 'must be a string' })
  .trim().regex(SYMBOL, 'must be a ticker such as ES1!, CME_MINI:MES1! or SPY (1–64 characters, no spaces)').optional();

/**
 * buy/sell/long/short, exits (exit, close, flat, and their _long/_short forms), and the seed's
 * `BUY_CALL` / `SELL_PUT` style. Case, `_`, `-` and spaces do not matter.
 */
export const WEBHOOK_ACTIONS = ['buy', 'sell', 'long', 'short', 'exit', 'close', 'flat', 'exit_long', 'exit_short',
  'close_long', 'close_short', 'cover', 'buy_call', 'buy_put', 'sell_call', 'sell_put'] as const;
const ACTION_WORDS = new Set(WEBHOOK_ACTIONS.map((a) => a.replace(/_/g, '')));
const OPTION_ACTION = /^(buy|sell|bto|stc|sto|btc)(call|put)s?$/;
export function isWebhookAction(raw: string): boolean {
  const a = raw.toLowerCase().replace(/[^a-z]/g, '');
  return ACTION_WORDS.has(a) || OPTION_ACTION.test(a);
}
/**
 * Fields that become part of the signal's key or are stored as text must be plain text: PostgreSQL
 * refuses U+0000 (and an unpaired surrogate) in text and jsonb, so such a value would fail the
 * insert — and no control character belongs in an id, a time, an action or a strategy name.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const plain = (v: unknown) => typeof v !== 'string' || !CONTROL.test(v);
const NOT_PLAIN = { message: 'must be plain text: no control characters (U+0000–U+001F, U+007F) or unpaired surrogates' };

const action = z.string({ error: `is required: one of ${WEBHOOK_ACTIONS.join(', ')}` })
  .trim().max(40, 'must be at most 40 characters')
  .refine(plain, NOT_PLAIN)
  .refine(isWebhookAction, { message: `must be one of ${WEBHOOK_ACTIONS.join(', ')}` });

/** An unrendered `{{placeholder}}` is the same text on every alert: as a key it would make all but the first duplicates. */
const rendered = (v: unknown) => typeof v !== 'string' || !v.includes('{{');
const UNRENDERED = 'holds an unrendered {{placeholder}}: every alert would share it and all but the first would be duplicates';
const id = z.union([z.string().trim().min(1).max(128), z.number().int().nonnegative()], { error: 'must be a non-empty string (≤ 128 characters) or a whole number' })
  .refine(plain, NOT_PLAIN)
  .refine(rendered, { message: UNRENDERED })
  .optional();
const shortText = (max: number) => z.string({ error: 'must be a string' }).trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`)
  .refine(plain, NOT_PLAIN).optional();

const requireSymbol = (p: { ticker?: string | undefined; symbol?: string | undefined }) => p.ticker !== undefined || p.symbol !== undefined;

export const TradingViewAlertPayload = z.looseObject({
  type: z.string().trim().toLowerCase().refine((t) => t === 'alert', { message: 'must be "alert", "quote" or "bar"' }).optional(),
  ticker: symbol,
  symbol,
  action,
  quantity: positive,
  contracts: positive,
  qty: positive,
  price: positive,
  stop: positive,
  target: positive,
  id,
  timenow: z.string({ error: 'must be a string' }).trim().min(1, 'must not be empty').max(40, 'must be at most 40 characters')
    .refine(plain, NOT_PLAIN).refine(rendered, { message: UNRENDERED }).optional(),
  strategy: shortText(128),
}).refine(requireSymbol, { message: 'is required (ticker or symbol)', path: ['ticker'] });
export type TradingViewAlertPayload = z.infer<typeof TradingViewAlertPayload>;

/** Price messages: `"type": "quote"` (bid/ask/last), or `"bar"` whose close is the last price. */
export const QUOTE_TYPES: readonly string[] = ['quote', 'bar'];
export const TradingViewQuotePayload = z.looseObject({
  type: z.string().trim().toLowerCase().refine((t) => QUOTE_TYPES.includes(t)),
  ticker: symbol,
  symbol,
  bid: positive,
  ask: positive,
  last: positive,
  close: positive,
  price: positive,
  strategy: shortText(128),
}).refine(requireSymbol, { message: 'is required (ticker or symbol)', path: ['ticker'] })
  .refine((q) => [q.bid, q.ask, q.last, q.close, q.price].some((v) => v !== undefined),
    { message: 'a quote needs at least one of bid, ask, last (or close)', path: ['last'] });
export type TradingViewQuotePayload = z.infer<typeof TradingViewQuotePayload>;

/** Free text (e.g. `ES LONG 4750 STOP 4745`, or a JSON template broken by an empty placeholder). */
export const TradingViewTextBody = z.string()
  .refine((t) => t.trim().length > 0, { message: 'must not be empty' })
  // eslint-disable-next-line no-control-regex
  .refine((t) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(t), { message: 'must be text (no control characters)' });

export type ValidatedBody =
  | { kind: 'alert'; payload: TradingViewAlertPayload }
  | { kind: 'quote'; payload: TradingViewQuotePayload }
  | { kind: 'text' }
  | { kind: 'invalid'; fields: Record<string, string> };

/**
 * Validate a body already decoded: `json` is the parsed value when the body was JSON, undefined
 * when it was not (then it must be plain text).
 */
export function validateBody(text: string, json: unknown): ValidatedBody {
  if (json === undefined) {
    const parsed = TradingViewTextBody.safeParse(text);
    return parsed.success ? { kind: 'text' } : invalid(parsed.error, 'body');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { kind: 'invalid', fields: { body: 'must be a JSON object' } };
  }
  if (isQuoteBody(json)) {
    const quote = TradingViewQuotePayload.safeParse(json);
    return quote.success ? { kind: 'quote', payload: quote.data } : invalid(quote.error, 'body');
  }
  const alert = TradingViewAlertPayload.safeParse(json);
  return alert.success ? { kind: 'alert', payload: alert.data } : invalid(alert.error, 'body');
}

/** A JSON object whose `type` is a price message's (`quote`, `bar`), in any case and spacing. */
export function isQuoteBody(json: unknown): boolean {
  const type = typeof json === 'object' && json !== null ? (json as { type?: unknown }).type : undefined;
  return typeof type === 'string' && QUOTE_TYPES.includes(type.trim().toLowerCase());
}

function invalid(error: z.ZodError, root: string): ValidatedBody {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const name = issue.path.length > 0 ? issue.path.join('.') : root;
    fields[name] ??= issue.message;
  }
  return { kind: 'invalid', fields };
}
