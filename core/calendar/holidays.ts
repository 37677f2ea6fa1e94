import type { NamedDate, YearOverride } from './calendar-config';
import { lunarNewYear, lunarToSolar } from './lunar-calendar';
import { addDays, compareDates, dayNumberOf, weekdayOf, type LocalDate } from './local-time';

/**
 * Public holidays of Vietnam by year: Labour Code 2019 art. 112 (in force 2021; the 2012 code,
 * art. 115, had the same days but Quốc khánh was one day) with the compensatory day of art. 111(3):
 * a holiday that falls on the weekly rest day is taken on the next working day (nghỉ bù).
 * The Prime Minister fixes the Tết span and the day joined to 2/9 each year (art. 112(3)),
 * so the computed list is a default that the centre's config overrides per year.
 */

export const HOLIDAY_NAMES = {
  newYear: 'Tết Dương lịch',
  tet: 'Tết Nguyên đán',
  hungKings: 'Giỗ Tổ Hùng Vương',
  victory: 'Ngày Chiến thắng',
  labour: 'Ngày Quốc tế Lao động',
  nationalDay: 'Quốc khánh',
} as const;

export const COMPENSATORY_PREFIX = 'Nghỉ bù ';

/** holiday: a public holiday (type 0); compensatory: its nghỉ bù; day-off: an extra day off set by the year's decision. */
export type HolidayKind = 'holiday' | 'compensatory' | 'day-off';

export interface Holiday {
  readonly date: LocalDate;
  readonly name: string;
  readonly kind: HolidayKind;
}

interface Candidate extends Holiday {
  /** Whether falling on a weekend earns a nghỉ bù: yes for the computed days, no for days an announcement already arranged. */
  readonly compensate: boolean;
}

/** Civil servants rest on Saturday and Sunday (the 40-hour week, Decision 188/1999/QĐ-TTg); holidays are national, not per centre. */
export function isWeeklyRestDay(date: LocalDate): boolean {
  const wd = weekdayOf(date);
  return wd === 0 || wd === 6;
}

/**
 * The default day joined to Quốc khánh: the one that links 2/9 to a weekend, which is what every
 * announcement since the 2019 code did (2021: 3/9 Fri; 2022: 1/9 Thu; 2023: 1/9 Fri; 2024: 3/9 Tue;
 * 2025: 1/9 Mon). When neither or both would, the day before (1/9).
 */
export function defaultNationalDayAdjacent(year: number): LocalDate {
  const before = { year, month: 9, day: 1 };
  const after = { year, month: 9, day: 3 };
  const links = (d: LocalDate, outward: number) => !isWeeklyRestDay(d) && isWeeklyRestDay(addDays(d, outward));
  if (isWeeklyRestDay(before)) return after;
  if (isWeeklyRestDay(after)) return before;
  return links(after, 1) && !links(before, -1) ? after : before;
}

function computedCandidates(year: number, o: YearOverride | undefined): Candidate[] {
  const h = (date: LocalDate, name: string, compensate = true, kind: HolidayKind = 'holiday'): Candidate => ({ date, name, kind, compensate });
  const list: Candidate[] = [h({ year, month: 1, day: 1 }, HOLIDAY_NAMES.newYear)];
  if (o?.tet) {
    for (let d = o.tet.from; compareDates(d, o.tet.to) <= 0; d = addDays(d, 1)) list.push(h(d, HOLIDAY_NAMES.tet, false));
  } else {
    // Default span: the last day of the old lunar year and the first four of the new one.
    const newYear = lunarNewYear(year);
    for (let i = -1; i <= 3; i += 1) list.push(h(addDays(newYear, i), HOLIDAY_NAMES.tet));
  }
  const hungKings = lunarToSolar({ day: 10, month: 3, year, leap: false });
  if (hungKings) list.push(h(hungKings, HOLIDAY_NAMES.hungKings)); // month 3 always exists
  list.push(h({ year, month: 4, day: 30 }, HOLIDAY_NAMES.victory), h({ year, month: 5, day: 1 }, HOLIDAY_NAMES.labour));
  list.push(h({ year, month: 9, day: 2 }, HOLIDAY_NAMES.nationalDay));
  if (year >= 2021) list.push(h(o?.nationalDayAdjacent ?? defaultNationalDayAdjacent(year), HOLIDAY_NAMES.nationalDay));
  for (const extra of o?.extraDaysOff ?? []) list.push(h(extra.date, extra.name, false, 'day-off'));
  return list;
}

/** One entry per date: two holidays on one day (Giỗ Tổ can fall on 30/4) share it; the law gives no extra day for that. */
function mergeSameDay(list: readonly Candidate[]): Candidate[] {
  const byDay = new Map<number, Candidate>();
  for (const c of list) {
    const key = dayNumberOf(c.date);
    const seen = byDay.get(key);
    if (!seen) byDay.set(key, c);
    else if (seen.name !== c.name) byDay.set(key, { ...seen, name: `${seen.name}, ${c.name}`, compensate: seen.compensate || c.compensate, kind: seen.kind === 'holiday' ? seen.kind : c.kind });
  }
  return [...byDay.values()].sort((a, b) => compareDates(a.date, b.date));
}

/**
 * Every day off of `year`, in date order: the holidays (including those on weekends) and their nghỉ bù.
 * Nghỉ bù are given in date order, each on the first weekday after its holiday that is not already
 * off, so 2023's Giỗ Tổ (Sat 29/4) and 30/4 (Sun) with 1/5 (Mon) give 2/5 and 3/5 off, as announced.
 */
export function computeHolidays(year: number, override?: YearOverride): Holiday[] {
  if (override?.holidays) return override.holidays.map((n: NamedDate) => ({ date: n.date, name: n.name, kind: 'holiday' as const })).sort((a, b) => compareDates(a.date, b.date));
  const days = mergeSameDay(computedCandidates(year, override));
  const taken = new Set(days.map((d) => dayNumberOf(d.date)));
  const out: Holiday[] = days.map(({ date, name, kind }) => ({ date, name, kind }));
  for (const d of days) {
    if (!d.compensate || !isWeeklyRestDay(d.date)) continue;
    let c = addDays(d.date, 1);
    while (isWeeklyRestDay(c) || taken.has(dayNumberOf(c))) c = addDays(c, 1);
    taken.add(dayNumberOf(c));
    out.push({ date: c, name: COMPENSATORY_PREFIX + d.name, kind: 'compensatory' });
  }
  return out.sort((a, b) => compareDates(a.date, b.date));
}
