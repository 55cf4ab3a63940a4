import { generate } from 'otplib';
import { describe, expect, it } from 'vitest';
import { TotpVerifier } from '../../../src/adapters/security/totp.js';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const AT = Date.parse('2026-11-20T15:00:10Z');
const codeAt = (ms: number) => generate({ secret: SECRET, epoch: Math.floor(ms / 1000) });

describe('TotpVerifier (RFC 6238, 30 s steps, one step of drift either way)', () => {
  const verifier = new TotpVerifier(SECRET);

  it('GIVEN the current code WHEN checked THEN valid with its time step', async () => {
    expect(await verifier.check(await codeAt(AT), AT)).toEqual({ step: Math.floor(AT / 30_000) });
  });

  it('GIVEN the previous or next step\'s code WHEN checked THEN still valid (clock drift), with that step', async () => {
    expect(await verifier.check(await codeAt(AT - 30_000), AT)).toEqual({ step: Math.floor(AT / 30_000) - 1 });
    expect(await verifier.check(await codeAt(AT + 30_000), AT)).toEqual({ step: Math.floor(AT / 30_000) + 1 });
  });

  it('GIVEN an old code, a wrong one or junk WHEN checked THEN invalid, never a throw', async () => {
    expect(await verifier.check(await codeAt(AT - 90_000), AT)).toBeNull();
    const right = await codeAt(AT);
    expect(await verifier.check(String((Number(right) + 1) % 1_000_000).padStart(6, '0'), AT)).toBeNull();
    for (const junk of ['', '12345', '1234567', 'abcdef']) expect(await verifier.check(junk, AT)).toBeNull();
    expect(await new TotpVerifier('not base32!').check(right, AT)).toBeNull();
  });
});
