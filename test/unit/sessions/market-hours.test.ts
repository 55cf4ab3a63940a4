import { describe, expect, it } from 'vitest';
import { CME_GLOBEX, NSE_EQUITY, US_EQUITY_OPTIONS } from '../../../src/domain/sessions/calendars.js';
import { isOpen, nextClose, nextOpen, sessionStart } from '../../../src/domain/sessions/market-hours.js';

/** Instants are written in UTC with the New York (or Kolkata) wall time beside them. */
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString().replace('.000', '');

describe('CME Globex (Sunday 18:00 – Friday 17:00 New York, daily halt 17:00–18:00)', () => {
  it.each([
    ['Fri 6 Mar 16:59 EST', '2026-03-06T21:59:00Z', true],
    ['Fri 6 Mar 17:00 EST (weekly close)', '2026-03-06T22:00:00Z', false],
    ['Sat 7 Mar noon', '2026-03-07T17:00:00Z', false],
    ['Sun 8 Mar 17:59 EDT (DST began at 02:00)', '2026-03-08T21:59:00Z', false],
    ['Sun 8 Mar 18:00 EDT (weekly open)', '2026-03-08T22:00:00Z', true],
    ['Tue 10 Mar 16:59 EDT', '2026-03-10T20:59:00Z', true],
    ['Tue 10 Mar 17:00 EDT (daily halt)', '2026-03-10T21:00:00Z', false],
    ['Tue 10 Mar 17:59 EDT (still halted)', '2026-03-10T21:59:00Z', false],
    ['Tue 10 Mar 18:00 EDT (reopens)', '2026-03-10T22:00:00Z', true],
    ['Fri 30 Oct 16:59 EDT', '2026-10-30T20:59:00Z', true],
    ['Fri 30 Oct 17:00 EDT', '2026-10-30T21:00:00Z', false],
    ['Sun 1 Nov 17:59 EST (DST ended at 02:00)', '2026-11-01T22:59:00Z', false],
    ['Sun 1 Nov 18:00 EST', '2026-11-01T23:00:00Z', true],
    ['Sun 1 Mar 18:00 EST (a winter Sunday)', '2026-03-01T23:00:00Z', true],
  ])('GIVEN %s THEN open = %s', (_name, when, open) => {
    expect(isOpen(CME_GLOBEX, at(when))).toBe(open);
  });

  it('GIVEN one second before the halt (16:59:59 EDT) THEN still open', () => {
    expect(isOpen(CME_GLOBEX, at('2026-03-10T20:59:59Z'))).toBe(true);
  });

  it.each([
    ['Saturday before the March switch', '2026-03-07T17:00:00Z', '2026-03-08T22:00:00Z'],
    ['Saturday before the November switch', '2026-10-31T17:00:00Z', '2026-11-01T23:00:00Z'],
    ['during the daily halt', '2026-03-10T21:30:00Z', '2026-03-10T22:00:00Z'],
    ['while open (returns the instant itself)', '2026-03-10T15:00:00Z', '2026-03-10T15:00:00Z'],
  ])('GIVEN %s WHEN nextOpen THEN %s', (_name, when, expected) => {
    expect(iso(nextOpen(CME_GLOBEX, at(when)))).toBe(expected.replace('.000', ''));
  });

  it('GIVEN the Sunday open after the March switch WHEN nextClose THEN Monday 17:00 EDT (21:00Z)', () => {
    expect(iso(nextClose(CME_GLOBEX, at('2026-03-08T22:00:00Z')))).toBe('2026-03-09T21:00:00Z');
  });

  it('GIVEN Saturday WHEN nextClose THEN the close of the coming Sunday session (Monday 17:00)', () => {
    expect(iso(nextClose(CME_GLOBEX, at('2026-10-31T12:00:00Z')))).toBe('2026-11-02T22:00:00Z');
  });

  it('GIVEN Saturday WHEN sessionStart THEN Thursday 18:00 EST (the Friday session began then)', () => {
    expect(iso(sessionStart(CME_GLOBEX, at('2026-03-07T12:00:00Z')))).toBe('2026-03-05T23:00:00Z');
  });
});

describe('US equity options (09:30–16:00 New York, Monday–Friday, US market holidays)', () => {
  it.each([
    ['Fri 6 Mar 09:29 EST', '2026-03-06T14:29:00Z', false],
    ['Fri 6 Mar 09:30 EST', '2026-03-06T14:30:00Z', true],
    ['Mon 9 Mar 09:29 EDT (first day of DST)', '2026-03-09T13:29:00Z', false],
    ['Mon 9 Mar 09:30 EDT', '2026-03-09T13:30:00Z', true],
    ['Mon 9 Mar 15:59 EDT', '2026-03-09T19:59:00Z', true],
    ['Mon 9 Mar 16:00 EDT', '2026-03-09T20:00:00Z', false],
    ['Mon 2 Nov 09:29 EST (first day after DST)', '2026-11-02T14:29:00Z', false],
    ['Mon 2 Nov 09:30 EST', '2026-11-02T14:30:00Z', true],
    ['Mon 2 Nov 15:59 EST', '2026-11-02T20:59:00Z', true],
    ['Mon 2 Nov 16:00 EST', '2026-11-02T21:00:00Z', false],
    ['Sat 7 Mar 11:00 EST', '2026-03-07T16:00:00Z', false],
    ['Good Friday 3 Apr 11:00 EDT', '2026-04-03T15:00:00Z', false],
    ['Thanksgiving 26 Nov 11:00 EST', '2026-11-26T16:00:00Z', false],
    ['Fri 3 Jul (Independence Day observed)', '2026-07-03T15:00:00Z', false],
  ])('GIVEN %s THEN open = %s', (_name, when, open) => {
    expect(isOpen(US_EQUITY_OPTIONS, at(when))).toBe(open);
  });

  it.each([
    ['Friday after the close, across the March switch', '2026-03-06T21:00:00Z', '2026-03-09T13:30:00Z'],
    ['Friday after the close, across the November switch', '2026-10-30T20:00:00Z', '2026-11-02T14:30:00Z'],
    ['Thursday before Good Friday', '2026-04-02T20:30:00Z', '2026-04-06T13:30:00Z'],
    ['the evening before Thanksgiving', '2026-11-25T22:00:00Z', '2026-11-27T14:30:00Z'],
  ])('GIVEN %s WHEN nextOpen THEN %s', (_name, when, expected) => {
    expect(iso(nextOpen(US_EQUITY_OPTIONS, at(when)))).toBe(expected);
  });

  it('GIVEN Monday after DST began WHEN nextClose at 10:00 THEN 16:00 EDT (20:00Z)', () => {
    expect(iso(nextClose(US_EQUITY_OPTIONS, at('2026-03-09T14:00:00Z')))).toBe('2026-03-09T20:00:00Z');
  });

  it('GIVEN after the close WHEN sessionStart THEN that day\'s 09:30 (the day\'s counters still apply)', () => {
    expect(iso(sessionStart(US_EQUITY_OPTIONS, at('2026-03-10T22:00:00Z')))).toBe('2026-03-10T13:30:00Z');
  });
});

describe('NSE (09:15–15:30 Asia/Kolkata, no DST)', () => {
  it.each([
    ['09:14', '2026-03-09T03:44:00Z', false],
    ['09:15', '2026-03-09T03:45:00Z', true],
    ['15:29', '2026-03-09T09:59:00Z', true],
    ['15:30', '2026-03-09T10:00:00Z', false],
  ])('GIVEN Monday %s IST THEN open = %s', (_name, when, open) => {
    expect(isOpen(NSE_EQUITY, at(when))).toBe(open);
  });
});
