import { zonedFormatter } from '../calendar/zoned-format';
import { isRealDate, VIETNAM_UTC_OFFSET_HOURS } from '../calendar/local-time';

/**
 * Dates on the national portal (NgayTiepNhan, NgayHenTra, ThoiDiemXuLy, …): `yyyyMMddHHmmss`,
 * wall-clock time in Asia/Ho_Chi_Minh, e.g. 20261203163005.
 */
export const DVCQG_DATE = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/;
export const DVCQG_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const OPTIONS = {
  timeZone: DVCQG_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
} as const;

export function formatDvcqgDate(instant: Date): string {
  if (Number.isNaN(instant.getTime())) throw new RangeError('formatDvcqgDate: an invalid Date');
  const parts = Object.fromEntries(zonedFormatter('en-GB', OPTIONS).formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts.year}${parts.month}${parts.day}${parts.hour}${parts.minute}${parts.second}`;
}

/** The instant a portal date names, or null when it is not a real `yyyyMMddHHmmss` time. */
export function parseDvcqgDate(text: string): Date | null {
  const m = DVCQG_DATE.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  if (!isRealDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return null;
  // Vietnam has kept UTC+7 without daylight saving since 1975: a fixed offset is exact.
  return new Date(Date.UTC(year, month - 1, day, hour - VIETNAM_UTC_OFFSET_HOURS, minute, second));
}

export function isDvcqgDate(text: unknown): boolean {
  return typeof text === 'string' && parseDvcqgDate(text) !== null;
}
