import { z } from 'zod';
import { parseCents } from '../domain/trading/money.js';

/** Field parsers shared by the environment schemas: each failure message names what is expected. */
export const list = (fallback: string) =>
  z.string().default(fallback).transform((s) => s.split(',').map((x) => x.trim()).filter((x) => x.length > 0));
export const optionalList = list('');
export const bool = (fallback: boolean) =>
  z.enum(['true', 'false', '1', '0', 'yes', 'no']).default(fallback ? 'true' : 'false')
    .transform((s) => s === 'true' || s === '1' || s === 'yes');
export const int = (fallback: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(fallback);
export const optionalInt = (min: number, max: number) => z.coerce.number().int().min(min).max(max).optional();
export const optionalPercent = z.coerce.number().gt(0).max(1000).optional();

function usdAmount(s: string, ctx: z.RefinementCtx): number {
  const cents = parseCents(s);
  if (cents === null || cents < 0) {
    ctx.addIssue({ code: 'custom', message: `must be a non-negative USD amount exact to the cent, got "${s}"` });
    return z.NEVER;
  }
  return cents;
}

export const usd = (fallback: string) => z.string().default(fallback).transform(usdAmount);
export const optionalUsd = z.string().transform(usdAmount).optional();
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
