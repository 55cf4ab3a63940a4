import { verify } from 'otplib';
import type { CodeVerifier } from '../../app/control-ports.js';

const PERIOD_S = 30;

/**
 * RFC 6238 codes (6 digits, 30 s, SHA-1: what authenticator apps use) from a Base32 secret,
 * accepted one step either side of now for clock drift. Never throws: a malformed code is invalid.
 */
export class TotpVerifier implements CodeVerifier {
  constructor(private readonly secret: string) {}

  async check(code: string, nowMs: number): Promise<{ step: number } | null> {
    if (!/^\d{6}$/.test(code)) return null;
    try {
      const result = await verify({ secret: this.secret, token: code, epoch: Math.floor(nowMs / 1000), epochTolerance: PERIOD_S });
      if (!result.valid) return null;
      return { step: 'timeStep' in result ? result.timeStep : Math.floor(nowMs / 1000 / PERIOD_S) + result.delta };
    } catch {
      return null;
    }
  }
}
