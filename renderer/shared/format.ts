import { zonedFormatter } from '../../core/calendar/zoned-format';

/** Wall-clock time in the centre's zone, e.g. "14:05" (with seconds: "14:05:09"). */
export function formatTime(date: Date, locale: string, timeZone: string | undefined, withSeconds = false): string {
  return zonedFormatter(locale, {
    hour: '2-digit',
    minute: '2-digit',
    ...(withSeconds ? { second: '2-digit' } : {}),
    hourCycle: 'h23',
    timeZone,
  }).format(date);
}

/** The date as people say it, e.g. "Thứ Hai, 12/05/2025". */
export function formatDate(date: Date, locale: string, timeZone: string | undefined): string {
  const text = zonedFormatter(locale, { weekday: 'long', day: '2-digit', month: '2-digit', year: 'numeric', timeZone }).format(date);
  // ICU writes "thứ Hai"; at the start of a line it takes a capital.
  return text.charAt(0).toLocaleUpperCase(locale) + text.slice(1);
}

/** A time the hub sent (ISO 8601) in the centre's zone; the raw text if it cannot be read. */
export function formatIsoTime(iso: string, locale: string, timeZone: string | undefined): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : formatTime(date, locale, timeZone);
}

/** Ticket numbers are shown as issued, without grouping ("1003", never "1.003"). */
export function formatTicketNumber(n: number): string {
  return String(n);
}
