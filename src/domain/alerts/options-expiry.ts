import {
  addTradingDays, civilFromDays, daysFromCivil, instantMs, isMarketHoliday, isTradingDay, isValidDate, isWeekend, isoDate,
  monthlyExpiry, newYorkDays, weeklyExpiry,
} from './calendar.js';
import { REASON } from './reasons.js';
import type { Scorecard } from './score.js';

/** An expiry as written, before it is pinned to a date. */
export type ExpirySpec =
  | { kind: 'date'; m: number; d: number; y: number | null }
  | { kind: 'dte'; days: number }
  | { kind: 'weekly'; weeksAhead: number }
  | { kind: 'monthly' }
  | { kind: 'invalid'; written: string };

/** A year-less date resolving this far out is more likely a typo than a LEAP. */
const FAR_DAYS = 270;

/**
 * Pin an expiry to a New York date relative to the post. A date without a year is the next
 * such date on or after the post date — never in the past. Returns "" when it cannot.
 */
export function resolveExpiry(spec: ExpirySpec | null, postedAt: string, card: Scorecard, isOpen: boolean): string {
  if (spec === null) {
    card.penalize('expiry', isOpen ? 0.3 : 0.9, REASON.MISSING_EXPIRY, 'no expiry');
    return '';
  }
  const ms = instantMs(postedAt);
  if (Number.isNaN(ms)) {
    if (spec.kind === 'date' && spec.y !== null && isValidDate(spec.y, spec.m, spec.d)) {
      return isoDate(daysFromCivil(spec.y, spec.m, spec.d));
    }
    card.penalize('expiry', 0.2, REASON.INVALID_EXPIRY, 'no valid post time to resolve the expiry against');
    return '';
  }
  const today = newYorkDays(ms);
  const days = pin(spec, today, card);
  if (days === null) return '';
  if (days < today) {
    card.penalize('expiry', 0.1, REASON.EXPIRY_PAST, `expiry ${isoDate(days)} is before the post date ${isoDate(today)}`);
  } else if (isWeekend(days)) {
    card.penalize('expiry', 0.6, REASON.EXPIRY_NOT_TRADING_DAY, `expiry ${isoDate(days)} is a weekend`);
  } else if (isMarketHoliday(days)) {
    card.penalize('expiry', 0.6, REASON.EXPIRY_NOT_TRADING_DAY, `expiry ${isoDate(days)} is a market holiday`);
  }
  return isoDate(days);
}

function pin(spec: ExpirySpec, today: number, card: Scorecard): number | null {
  switch (spec.kind) {
    case 'date': return pinDate(spec, today, card);
    case 'dte': {
      const days = addTradingDays(today, spec.days);
      if (spec.days === 0 && !isTradingDay(today)) {
        card.penalize('expiry', 0.9, REASON.EXPIRY_INFERRED,
          `0DTE posted on a ${isWeekend(today) ? 'weekend' : 'market holiday'}: the next trading day`);
      }
      return days;
    }
    case 'weekly':
      card.penalize('expiry', 0.9, REASON.EXPIRY_INFERRED, spec.weeksAhead > 0 ? "next week's expiry" : "this week's expiry");
      return weeklyExpiry(today, spec.weeksAhead);
    case 'monthly':
      card.penalize('expiry', 0.9, REASON.EXPIRY_INFERRED, 'the monthly expiry (third Friday)');
      return monthlyExpiry(today);
    case 'invalid': return invalid(card, spec.written);
  }
}

function pinDate(spec: { m: number; d: number; y: number | null }, today: number, card: Scorecard): number | null {
  const { m, d } = spec;
  if (spec.y !== null) {
    const y = spec.y < 100 ? 2000 + spec.y : spec.y;
    if (!isValidDate(y, m, d)) return invalid(card, `${m}/${d}/${y}`);
    return daysFromCivil(y, m, d);
  }
  if (m < 1 || m > 12 || d < 1 || d > 31) return invalid(card, `${m}/${d}`);
  const year = civilFromDays(today).y;
  for (let y = year; y <= year + 4; y++) {
    if (!isValidDate(y, m, d)) continue;
    const days = daysFromCivil(y, m, d);
    if (days < today) continue;
    if (days - today > FAR_DAYS) {
      card.penalize('expiry', 0.7, REASON.EXPIRY_FAR, `${m}/${d} with no year is ${days - today} days away`);
    }
    return days;
  }
  return invalid(card, `${m}/${d}`);
}

function invalid(card: Scorecard, written: string): null {
  card.penalize('expiry', 0.2, REASON.INVALID_EXPIRY, `${written} is not a date`);
  return null;
}
