import { err, ok, type Result } from '../result';

/**
 * Wall-clock dates and times in Vietnam, held as plain numbers so nothing depends on
 * the process time zone. Vietnam has kept UTC+7 without daylight saving since 1975,
 * so converting to and from instants is a fixed offset.
 */

export interface LocalDate {
  readonly year: number;
  /** 1–12 */
  readonly month: number;
  /** 1–31 */
  readonly day: number;
}

export interface LocalDateTime extends LocalDate {
  /** 0–23 */
  readonly hour: number;
  /** 0–59 */
  readonly minute: number;
}

/** Hours ahead of UTC for Asia/Ho_Chi_Minh (and for the lunar calendar, which is computed for it). */
export const VIETNAM_UTC_OFFSET_HOURS = 7;
export const MINUTES_PER_DAY = 1440;

/**
 * Julian Day Number of a Gregorian date (proleptic: the calendars here never go before 1800).
 * Day numbers make date arithmetic integer arithmetic; JDN 0 is 1 Jan 4713 BC.
 */
export function dayNumberOf(date: LocalDate): number {
  const a = Math.floor((14 - date.month) / 12);
  const y = date.year + 4800 - a;
  const m = date.month + 12 * a - 3;
  return date.day + Math.floor((153 * m + 2) / 5) + 365 * y + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400) - 32045;
}

export function dateOfDayNumber(jdn: number): LocalDate {
  const a = jdn + 32044;
  const b = Math.floor((4 * a + 3) / 146097);
  const c = a - Math.floor((146097 * b) / 4);
  const d = Math.floor((4 * c + 3) / 1461);
  const e = c - Math.floor((1461 * d) / 4);
  const m = Math.floor((5 * e + 2) / 153);
  return {
    day: e - Math.floor((153 * m + 2) / 5) + 1,
    month: m + 3 - 12 * Math.floor(m / 10),
    year: 100 * b + d - 4800 + Math.floor(m / 10),
  };
}

/** 0 = Sunday … 6 = Saturday, like Date#getDay. */
export function weekdayOf(date: LocalDate): number {
  return (dayNumberOf(date) + 1) % 7;
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return dateOfDayNumber(dayNumberOf(date) + days);
}

export function isRealDate(year: number, month: number, day: number): boolean {
  if (![year, month, day].every(Number.isInteger) || month < 1 || month > 12 || day < 1) return false;
  const back = dateOfDayNumber(dayNumberOf({ year, month, day }));
  return back.year === year && back.month === month && back.day === day;
}

export function compareDates(a: LocalDate, b: LocalDate): number {
  return dayNumberOf(a) - dayNumberOf(b);
}

/** Minutes since JDN 0 at local midnight: one integer that orders wall times and allows arithmetic. */
export function minuteStampOf(t: LocalDateTime): number {
  return dayNumberOf(t) * MINUTES_PER_DAY + t.hour * 60 + t.minute;
}

export function dateTimeOfMinuteStamp(stamp: number): LocalDateTime {
  const jdn = Math.floor(stamp / MINUTES_PER_DAY);
  const minuteOfDay = stamp - jdn * MINUTES_PER_DAY;
  return { ...dateOfDayNumber(jdn), hour: Math.floor(minuteOfDay / 60), minute: minuteOfDay % 60 };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** "2026-02-17" */
export function formatLocalDate(d: LocalDate): string {
  return `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`;
}

/** "2026-02-17T07:30" */
export function formatLocalDateTime(t: LocalDateTime): string {
  return `${formatLocalDate(t)}T${pad(t.hour)}:${pad(t.minute)}`;
}

export function parseLocalDate(text: string): Result<LocalDate> {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return err('invalid-input', `"${text}" is not a date YYYY-MM-DD`);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!isRealDate(year, month, day)) return err('invalid-input', `"${text}" is not a real calendar date`);
  return ok({ year, month, day });
}

export function parseLocalDateTime(text: string): Result<LocalDateTime> {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/.exec(text);
  if (!m) return err('invalid-input', `"${text}" is not a local date and time YYYY-MM-DDTHH:MM`);
  const date = parseLocalDate(m[1]!);
  if (!date.ok) return date;
  const [hour, minute] = [Number(m[2]), Number(m[3])];
  if (hour > 23 || minute > 59) return err('invalid-input', `"${text}" has no such time of day`);
  return ok({ ...date.value, hour, minute });
}

/** Minutes since midnight of "HH:MM" (24:00 is not a time of day). */
export function parseClockTime(text: string): Result<number> {
  const m = /^(\d{2}):(\d{2})$/.exec(text);
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) return err('invalid-input', `"${text}" is not a time HH:MM`);
  return ok(Number(m[1]) * 60 + Number(m[2]));
}

export function formatClockTime(minuteOfDay: number): string {
  return `${pad(Math.floor(minuteOfDay / 60))}:${pad(minuteOfDay % 60)}`;
}

/** The wall time in Vietnam at an instant (seconds are dropped, not rounded). */
export function vietnamWallTime(instant: Date): LocalDateTime {
  const localMinutes = Math.floor(instant.getTime() / 60_000) + VIETNAM_UTC_OFFSET_HOURS * 60;
  // Unix epoch (1970-01-01) is JDN 2440588.
  return dateTimeOfMinuteStamp(localMinutes + 2440588 * MINUTES_PER_DAY);
}

/** The instant at which Vietnam's clocks show `t`. */
export function vietnamInstant(t: LocalDateTime): Date {
  const localMinutes = minuteStampOf(t) - 2440588 * MINUTES_PER_DAY;
  return new Date((localMinutes - VIETNAM_UTC_OFFSET_HOURS * 60) * 60_000);
}
