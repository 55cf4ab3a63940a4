import { z } from 'zod';
import { TIME_ZONE } from './fields.js';

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Base32 (RFC 4648), at least 16 bytes (26 characters), as authenticator apps take it. */
const TOTP_SECRET = z.string().transform((s) => s.replace(/[\s=]/g, '').toUpperCase())
  .refine((s) => /^[A-Z2-7]{26,}$/.test(s), { message: 'must be a Base32 secret of at least 26 characters (16 bytes), e.g. from an authenticator setup' })
  .optional();

/** The control half: guarding the switch to live trading, and the daily summary DM. */
export const CONTROL_ENV = {
  LIVE_MODE_TOTP_SECRET: TOTP_SECRET,
  DAILY_SUMMARY_TIME: z.string().regex(HH_MM, 'must be a local time HH:MM such as 16:15').optional(),
  DAILY_SUMMARY_TIME_ZONE: TIME_ZONE.default('America/New_York'),
};

type ControlEnv = z.infer<ReturnType<typeof z.object<typeof CONTROL_ENV>>>;

export interface ControlConfig {
  /** Base32; null → /mode live needs no code. */
  liveModeTotpSecret: string | null;
  /** null → no daily summary. */
  dailySummary: { time: string; timeZone: string } | null;
}

export function toControlConfig(env: ControlEnv): ControlConfig {
  return {
    liveModeTotpSecret: env.LIVE_MODE_TOTP_SECRET ?? null,
    dailySummary: env.DAILY_SUMMARY_TIME ? { time: env.DAILY_SUMMARY_TIME, timeZone: env.DAILY_SUMMARY_TIME_ZONE } : null,
  };
}
