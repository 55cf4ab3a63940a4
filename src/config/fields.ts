import { z } from 'zod';
import { parseCents } from '../domain/trading/money.js';

/** Field parsers shared by the environment schemas: each failure message names what is expected. */
export const list = (fallback: string) =>
  z.string().default(fallback).transform((s) => s.split(',').map((x) => x.trim()).filter((x) => x.length > 0));
export const optionalList = list('');
/**
 * A list that must name something — "," alone would leave nothing to watch — or `none`, to
 * watch no channel of that kind (only options channels, or only webhooks). Empty means unset:
 * the default channel.
 */
export const channelList = (fallback: string) => z.string().default(fallback).transform((s, ctx) => {
  if (s.trim().toLowerCase() === 'none') return [];
  const names = s.split(',').map((x) => x.trim()).filter((x) => x.length > 0);
  if (names.length > 0) return names;
  ctx.addIssue({ code: 'custom', message: 'must name at least one channel (comma-separated channel ids or names), or be "none"' });
  return z.NEVER;
});
export const bool = (fallback: boolean) =>
  z.enum(['true', 'false', '1', '0', 'yes', 'no']).default(fallback ? 'true' : 'false')
    .transform((s) => s === 'true' || s === '1' || s === 'yes');

const clip = (s: string) => (s.length > 40 ? `${s.slice(0, 39)}…` : s);

/** Digits only: z.coerce.number() also took "0x1F90" (8080), "8e3", "0b11" and "80.0". */
function wholeNumber(min: number, max: number) {
  return (s: string, ctx: z.RefinementCtx): number => {
    const n = /^\d{1,16}$/.test(s.trim()) ? Number(s.trim()) : NaN;
    if (n >= min && n <= max) return n;
    ctx.addIssue({ code: 'custom', message: `must be a whole number from ${min} to ${max}, got "${clip(s)}"` });
    return z.NEVER;
  };
}

export const int = (fallback: number, min: number, max: number) => z.string().default(String(fallback)).transform(wholeNumber(min, max));
export const optionalInt = (min: number, max: number) => z.string().transform(wholeNumber(min, max)).optional();

/** A plain decimal ("0.8", "12.5", ".5"): no sign, exponent, hex or "Infinity". */
function plainNumber(expected: string, within: (n: number) => boolean) {
  return (s: string, ctx: z.RefinementCtx): number => {
    const n = /^(\d{1,9}(\.\d{0,9})?|\.\d{1,9})$/.test(s.trim()) ? Number(s.trim()) : NaN;
    if (within(n)) return n;
    ctx.addIssue({ code: 'custom', message: `must be ${expected}, got "${clip(s)}"` });
    return z.NEVER;
  };
}

export const decimal = (fallback: number, expected: string, within: (n: number) => boolean) =>
  z.string().default(String(fallback)).transform(plainNumber(expected, within));
export const optionalPercent = z.string()
  .transform(plainNumber('a percent above 0 and at most 1000, such as 50 or 12.5', (n) => n > 0 && n <= 1000)).optional();

/** USD exact to the cent within [min, max] cents; `expected` says so in words. */
function usdAmount(minCents: number, maxCents: number, expected: string) {
  return (s: string, ctx: z.RefinementCtx): number => {
    const cents = parseCents(s);
    if (cents !== null && cents >= minCents && cents <= maxCents) return cents;
    ctx.addIssue({ code: 'custom', message: `must be ${expected}, exact to the cent, got "${clip(s)}"` });
    return z.NEVER;
  };
}

const ANY_CENTS = Number.MAX_SAFE_INTEGER;
/** Commissions: 0 is a real value. */
export const usd = (fallback: string) => z.string().default(fallback).transform(usdAmount(0, ANY_CENTS, 'a non-negative USD amount'));
/** An amount that must be above 0: a zero balance or cap leaves nothing to trade with. */
export const positiveUsd = (fallback: string) => z.string().default(fallback)
  .transform(usdAmount(1, ANY_CENTS, 'a USD amount above 0'));
export const optionalPositiveUsd = (maxCents = ANY_CENTS, expected = 'a USD amount above 0') =>
  z.string().transform(usdAmount(1, maxCents, expected)).optional();
export const snowflakes = optionalList.refine((ids) => ids.every((id) => /^\d{5,25}$/.test(id)),
  { message: 'must be a comma-separated list of Discord ids (digits)' });

/** An IANA time zone name the runtime knows (America/New_York, Asia/Kolkata). */
export const TIME_ZONE = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, { message: 'must be an IANA time zone such as America/New_York or Asia/Kolkata' });
