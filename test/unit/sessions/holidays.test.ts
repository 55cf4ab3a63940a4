import { describe, expect, it } from 'vitest';
import { usMarketHolidays } from '../../../src/domain/sessions/us-holidays.js';

describe('US market holidays by rule', () => {
  it.each([
    // Published NYSE full-day closures.
    [2026, ['2026-01-01', '2026-01-19', '2026-02-16', '2026-04-03', '2026-05-25', '2026-06-19', '2026-07-03', '2026-09-07', '2026-11-26', '2026-12-25']],
    [2027, ['2027-01-01', '2027-01-18', '2027-02-15', '2027-03-26', '2027-05-31', '2027-06-18', '2027-07-05', '2027-09-06', '2027-11-25', '2027-12-24']],
    // New Year's Day 2022 fell on a Saturday and was not observed; Juneteenth and Christmas moved to Monday.
    [2022, ['2022-01-17', '2022-02-21', '2022-04-15', '2022-05-30', '2022-06-20', '2022-07-04', '2022-09-05', '2022-11-24', '2022-12-26']],
  ])('GIVEN %i THEN the closures are %j', (year, expected) => {
    expect([...usMarketHolidays(year)].sort()).toEqual(expected);
  });
});
