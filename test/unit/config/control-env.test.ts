import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, secretsOf } from '../../../src/config/env.js';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

describe('control settings: the TOTP guard on live mode and the daily summary', () => {
  it('GIVEN nothing set WHEN loaded THEN no code is needed and there is no daily summary', () => {
    expect(loadConfig({ DISCORD_TOKEN: 't0ken' }).control).toEqual({ liveModeTotpSecret: null, dailySummary: null });
  });

  it('GIVEN a secret with spaces and lower case, and a summary time WHEN loaded THEN normalised, and the secret is redacted from logs', () => {
    const config = loadConfig({
      DISCORD_TOKEN: 't0ken', LIVE_MODE_TOTP_SECRET: 'jbsw y3dp ehpk 3pxp jbsw y3dp ehpk 3pxp', DAILY_SUMMARY_TIME: '16:15',
      DAILY_SUMMARY_TIME_ZONE: 'Asia/Kolkata',
    });
    expect(config.control).toEqual({ liveModeTotpSecret: SECRET, dailySummary: { time: '16:15', timeZone: 'Asia/Kolkata' } });
    expect(secretsOf(config)).toContain(SECRET);
    expect(loadConfig({ DISCORD_TOKEN: 't0ken', DAILY_SUMMARY_TIME: '09:00' }).control.dailySummary).toEqual({ time: '09:00', timeZone: 'America/New_York' });
  });

  it('GIVEN bad values WHEN loaded THEN one error names each of them', () => {
    let error: unknown;
    try {
      loadConfig({ DISCORD_TOKEN: 't0ken', LIVE_MODE_TOTP_SECRET: 'SHORT', DAILY_SUMMARY_TIME: '25:00', DAILY_SUMMARY_TIME_ZONE: 'Mars/Olympus' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toContain('LIVE_MODE_TOTP_SECRET must be a Base32 secret of at least 26 characters');
    expect(problems).toContain('DAILY_SUMMARY_TIME must be a local time HH:MM');
    expect(problems).toContain('DAILY_SUMMARY_TIME_ZONE must be an IANA time zone');
  });
});
