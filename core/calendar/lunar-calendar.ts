import { NEW_MOON_EPOCH, newMoonDay, SYNODIC_MONTH, sunSectorAtDayStart } from './astronomy';
import { dateOfDayNumber, dayNumberOf, VIETNAM_UTC_OFFSET_HOURS, type LocalDate } from './local-time';

/**
 * The Vietnamese lunisolar calendar (âm lịch), after Hồ Ngọc Đức's algorithm:
 * a month starts on the local day of a new moon; month 11 is the month holding the
 * winter solstice; a year with 13 months between two months 11 gets a leap month,
 * the first month with no major solar term. Everything is computed for UTC+7, which
 * is why Vietnam's Tết differs from China's (UTC+8) in some years: 1985 (21 Jan vs
 * 20 Feb) and 2007 (17 Feb vs 18 Feb). A Chinese lunar library is not a substitute.
 */

export interface LunarDate {
  /** 1–30 */
  readonly day: number;
  /** 1–12; a leap month repeats the number of the month before it. */
  readonly month: number;
  /** The lunar year, named after the solar year in which its Tết falls. */
  readonly year: number;
  readonly leap: boolean;
}

const TZ = VIETNAM_UTC_OFFSET_HOURS;

/** The first day (JDN) of lunar month 11 of the lunar year that ends in solar year `year`. */
function month11Start(year: number): number {
  const off = dayNumberOf({ year, month: 12, day: 31 }) - 2415021;
  const k = Math.floor(off / SYNODIC_MONTH);
  const nm = newMoonDay(k, TZ);
  // The new moon nearest before 31 Dec: month 11 unless the solstice (sector 9) has not come yet at its start.
  return sunSectorAtDayStart(nm, TZ) >= 9 ? newMoonDay(k - 1, TZ) : nm;
}

/** Index of the month with no major solar term, counting from the month after `a11` (month 11) as 1. */
function leapMonthOffset(a11: number): number {
  const k = Math.floor((a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH + 0.5);
  let i = 1;
  let arc = sunSectorAtDayStart(newMoonDay(k + i, TZ), TZ);
  let last: number;
  do {
    last = arc;
    i += 1;
    arc = sunSectorAtDayStart(newMoonDay(k + i, TZ), TZ);
  } while (arc !== last && i < 14);
  return i - 1;
}

function lunarFromDayNumber(dayNumber: number, solarYear: number): LunarDate {
  const k = Math.floor((dayNumber - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  let monthStart = newMoonDay(k + 1, TZ);
  if (monthStart > dayNumber) monthStart = newMoonDay(k, TZ);
  let a11 = month11Start(solarYear);
  let b11 = a11;
  let year: number;
  if (a11 >= monthStart) {
    year = solarYear;
    a11 = month11Start(solarYear - 1);
  } else {
    year = solarYear + 1;
    b11 = month11Start(solarYear + 1);
  }
  const day = dayNumber - monthStart + 1;
  const diff = Math.floor((monthStart - a11) / 29); // months since month 11
  let leap = false;
  let month = diff + 11;
  if (b11 - a11 > 365) {
    const leapDiff = leapMonthOffset(a11);
    if (diff >= leapDiff) {
      month = diff + 10;
      leap = diff === leapDiff;
    }
  }
  if (month > 12) month -= 12;
  if (month >= 11 && diff < 4) year -= 1;
  return { day, month, year, leap };
}

export function solarToLunar(date: LocalDate): LunarDate {
  return lunarFromDayNumber(dayNumberOf(date), date.year);
}

/** The first day (JDN) of the given lunar month, or undefined when that (leap) month does not exist. */
function lunarMonthStart(month: number, year: number, leap: boolean): number | undefined {
  const [a11, b11] = month < 11 ? [month11Start(year - 1), month11Start(year)] : [month11Start(year), month11Start(year + 1)];
  const k = Math.floor(0.5 + (a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  let off = month - 11;
  if (off < 0) off += 12;
  if (b11 - a11 > 365) {
    const leapOff = leapMonthOffset(a11);
    const leapMonth = ((leapOff + 9) % 12) + 1; // offset 1 → leap 11, 2 → leap 12, 3 → leap 1 …
    if (leap && month !== leapMonth) return undefined;
    if (leap || off >= leapOff) off += 1;
  } else if (leap) {
    return undefined;
  }
  return newMoonDay(k + off, TZ);
}

/** Days in a lunar month (29 or 30), or undefined when the month does not exist. */
export function lunarMonthLength(month: number, year: number, leap = false): number | undefined {
  const start = lunarMonthStart(month, year, leap);
  if (start === undefined) return undefined;
  return lunarFromDayNumber(start + 29, dateOfDayNumber(start + 29).year).day === 30 ? 30 : 29;
}

/** The solar date of a lunar date, or undefined when no such lunar date exists (no such leap month, day 30 of a 29-day month). */
export function lunarToSolar(lunar: LunarDate): LocalDate | undefined {
  if (!Number.isInteger(lunar.day) || lunar.day < 1 || lunar.day > 30 || !Number.isInteger(lunar.month) || lunar.month < 1 || lunar.month > 12) return undefined;
  const start = lunarMonthStart(lunar.month, lunar.year, lunar.leap);
  if (start === undefined) return undefined;
  if (lunar.day === 30 && lunarMonthLength(lunar.month, lunar.year, lunar.leap) !== 30) return undefined;
  return dateOfDayNumber(start + lunar.day - 1);
}

/** Tết Nguyên đán: day 1 of month 1 of the lunar year whose Tết falls in solar `year`. */
export function lunarNewYear(year: number): LocalDate {
  const tet = lunarToSolar({ day: 1, month: 1, year, leap: false });
  if (tet === undefined) throw new Error(`no lunar new year computed for ${year}`); // month 1 always exists
  return tet;
}

/** The leap month of a lunar year (1–12), or undefined in a common year of 12 months. */
export function leapMonthOf(lunarYear: number): number | undefined {
  const start = dayNumberOf(lunarNewYear(lunarYear));
  const next = dayNumberOf(lunarNewYear(lunarYear + 1));
  // Walk month by month: each month starts 29 or 30 days after the one before.
  for (let jdn = start; jdn < next; ) {
    const here = lunarFromDayNumber(jdn, dateOfDayNumber(jdn).year);
    if (here.leap) return here.month;
    jdn += lunarMonthLength(here.month, here.year, here.leap) ?? 29;
  }
  return undefined;
}
