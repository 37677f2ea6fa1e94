import { describe, expect, it } from 'vitest';
import { leapMonthOf, lunarMonthLength, lunarNewYear, lunarToSolar, solarToLunar } from '../../core/calendar/lunar-calendar';
import { addDays, dateOfDayNumber, dayNumberOf, formatLocalDate, weekdayOf, type LocalDate } from '../../core/calendar/local-time';

const d = (text: string): LocalDate => {
  const [year, month, day] = text.split('-').map(Number) as [number, number, number];
  return { year, month, day };
};
const solar = (day: number, month: number, year: number, leap = false) => {
  const s = lunarToSolar({ day, month, year, leap });
  return s && formatLocalDate(s);
};

describe('Vietnamese lunar calendar (UTC+7)', () => {
  // Published Vietnamese calendars; 1985 and 2007 are the years the Chinese (UTC+8) calendar disagrees.
  it.each([
    [1968, '1968-01-29'], // the North's Tết Mậu Thân, the first computed for UTC+7 (the South kept 30 Jan)
    [1985, '1985-01-21'], // Chinese: 20 Feb
    [2007, '2007-02-17'], // Chinese: 18 Feb
    [2020, '2020-01-25'],
    [2021, '2021-02-12'],
    [2022, '2022-02-01'],
    [2023, '2023-01-22'],
    [2024, '2024-02-10'],
    [2025, '2025-01-29'],
    [2026, '2026-02-17'],
    [2027, '2027-02-06'],
  ])('Tết %i is %s', (year, tet) => {
    expect(formatLocalDate(lunarNewYear(year))).toBe(tet);
    expect(solarToLunar(d(tet))).toEqual({ day: 1, month: 1, year, leap: false });
  });

  it('is not the Chinese calendar in 1985 and 2007', () => {
    expect(solarToLunar(d('1985-02-20'))).toMatchObject({ day: 1, month: 2, year: 1985 });
    expect(solarToLunar(d('2007-02-18'))).toEqual({ day: 2, month: 1, year: 2007, leap: false });
  });

  it.each([
    [2022, '2022-04-10'],
    [2023, '2023-04-29'],
    [2024, '2024-04-18'],
    [2025, '2025-04-07'],
    [2026, '2026-04-26'],
  ])('Giỗ Tổ Hùng Vương (10/3) %i is %s', (year, date) => {
    expect(solar(10, 3, year)).toBe(date);
  });

  it('places Tết Trung thu (15/8) as calendars print it', () => {
    expect(solar(15, 8, 2024)).toBe('2024-09-17');
    expect(solar(15, 8, 2025)).toBe('2025-10-06');
  });

  it.each([
    [2020, 4],
    [2023, 2],
    [2025, 6],
    [2033, 11],
    [2021, undefined],
    [2024, undefined],
    [2026, undefined],
  ])('lunar year %i has leap month %s', (year, leap) => {
    expect(leapMonthOf(year)).toBe(leap);
  });

  it('dates the leap months: 2/2023 from 22 Mar, 6/2025 from 25 Jul to 22 Aug', () => {
    expect(solarToLunar(d('2023-03-21'))).toEqual({ day: 30, month: 2, year: 2023, leap: false });
    expect(solarToLunar(d('2023-03-22'))).toEqual({ day: 1, month: 2, year: 2023, leap: true });
    expect(solar(1, 3, 2023)).toBe('2023-04-20');
    expect(solar(1, 6, 2025, true)).toBe('2025-07-25');
    expect(solarToLunar(d('2025-08-22'))).toEqual({ day: 29, month: 6, year: 2025, leap: true });
    expect(solar(1, 7, 2025)).toBe('2025-08-23');
  });

  it('refuses lunar dates that do not exist', () => {
    expect(lunarToSolar({ day: 1, month: 5, year: 2025, leap: true })).toBeUndefined(); // 2025's leap month is 6
    expect(lunarToSolar({ day: 1, month: 1, year: 2024, leap: true })).toBeUndefined(); // 2024 has none
    expect(lunarMonthLength(1, 2024)).toBe(29);
    expect(lunarToSolar({ day: 30, month: 1, year: 2024, leap: false })).toBeUndefined();
    expect(lunarToSolar({ day: 31, month: 2, year: 2024, leap: false })).toBeUndefined();
    expect(lunarToSolar({ day: 1, month: 13, year: 2024, leap: false })).toBeUndefined();
  });

  it('walks 2013–2040 day by day without a gap: +1 day is +1 lunar day or day 1 of the next month', () => {
    const start = dayNumberOf(d('2013-01-01'));
    const end = dayNumberOf(d('2040-12-31'));
    let prev = solarToLunar(dateOfDayNumber(start));
    let monthsOf30 = 0;
    let months = 0;
    for (let n = start + 1; n <= end; n += 1) {
      const date = dateOfDayNumber(n);
      const here = solarToLunar(date);
      if (here.day === 1) {
        expect(prev.day === 29 || prev.day === 30, `${formatLocalDate(date)}: month ended on day ${prev.day}`).toBe(true);
        const expectedMonth = here.leap ? prev.month : (prev.month % 12) + 1;
        expect(here.month, formatLocalDate(date)).toBe(expectedMonth);
        expect(here.year, formatLocalDate(date)).toBe(here.month === 1 && !here.leap ? prev.year + 1 : prev.year);
        months += 1;
        if (prev.day === 30) monthsOf30 += 1;
      } else {
        expect(here, formatLocalDate(date)).toEqual({ ...prev, day: prev.day + 1 });
      }
      // and back again
      if (n % 7 === 0) expect(lunarToSolar(here)).toEqual(date);
      prev = here;
    }
    // A synodic month is 29.53 days: about 53% of months have 30 days.
    expect(monthsOf30 / months).toBeGreaterThan(0.45);
    expect(monthsOf30 / months).toBeLessThan(0.6);
  });

  it('keeps solar helpers honest: weekday and day arithmetic', () => {
    expect(weekdayOf(d('2026-02-17'))).toBe(2); // Tuesday
    expect(formatLocalDate(addDays(d('2024-02-28'), 2))).toBe('2024-03-01');
    expect(formatLocalDate(addDays(d('2026-12-31'), 1))).toBe('2027-01-01');
  });
});
