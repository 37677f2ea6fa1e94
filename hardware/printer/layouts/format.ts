/**
 * Dates and counts as Vietnamese paper shows them, on the centre's clock: a
 * kiosk in another zone (or a server in UTC) must still print Hà Nội time.
 */

import { zonedFormatter } from '../../../core/calendar/zoned-format';

type Parts = Readonly<Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'weekday', string>>;

/** The centre's one formatter, shared with the hub and screens (core/calendar/zoned-format.ts). */
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  return zonedFormatter('en-GB', { timeZone, hourCycle: 'h23', hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit', year: 'numeric', weekday: 'long' });
}

/** The wall-clock parts of an instant in a zone. Throws RangeError for an unknown zone or an invalid date. */
function partsOf(at: Date, timeZone: string): Parts {
  if (Number.isNaN(at.getTime())) throw new RangeError('invalid date');
  const parts = formatterFor(timeZone).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  return { year: part('year'), month: part('month'), day: part('day'), hour: part('hour'), minute: part('minute'), weekday: part('weekday') };
}

const WEEKDAYS: Readonly<Record<string, string>> = {
  Monday: 'Thứ Hai', Tuesday: 'Thứ Ba', Wednesday: 'Thứ Tư', Thursday: 'Thứ Năm', Friday: 'Thứ Sáu', Saturday: 'Thứ Bảy', Sunday: 'Chủ Nhật',
};

/** "HH:MM dd/mm/yyyy": the time a number was taken. */
export function formatIssuedAt(at: Date, timeZone: string): string {
  const p = partsOf(at, timeZone);
  return `${p.hour}:${p.minute} ${p.day}/${p.month}/${p.year}`;
}

/** "HH:MM". */
export function formatTime(at: Date, timeZone: string): string {
  const p = partsOf(at, timeZone);
  return `${p.hour}:${p.minute}`;
}

/** "Thứ Tư, 06/05/2026". */
export function formatWeekdayDate(at: Date, timeZone: string): string {
  const p = partsOf(at, timeZone);
  return `${WEEKDAYS[p.weekday] ?? p.weekday}, ${p.day}/${p.month}/${p.year}`;
}

/** "08 giờ 05 phút, ngày 04/05/2026", as the one-stop forms write a moment. */
export function formatFormMoment(at: Date, timeZone: string): string {
  const p = partsOf(at, timeZone);
  return `${p.hour} giờ ${p.minute} phút, ngày ${p.day}/${p.month}/${p.year}`;
}

/** "Hoàn Kiếm, ngày 04 tháng 05 năm 2026" (no place: "Ngày 04 …"): the place-and-date line under a form's header. */
export function formatPlaceDate(place: string, at: Date, timeZone: string): string {
  const p = partsOf(at, timeZone);
  const date = `ngày ${p.day} tháng ${p.month} năm ${p.year}`;
  return place.trim() === '' ? `N${date.slice(1)}` : `${place}, ${date}`;
}

export function requireCount(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a whole number ≥ 0, got ${value}`);
}

export function requireText(name: string, value: string): void {
  if (value.trim() === '') throw new RangeError(`${name} must not be empty`);
}

/** "05" for counts on forms, which write small numbers with two digits. */
export function twoDigits(n: number): string {
  return String(n).padStart(2, '0');
}
