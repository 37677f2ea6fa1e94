import type { ProcessingTime } from './catalogue';

/**
 * A procedure's processing time as Form 01 states it ("3. Thời gian giải quyết hồ sơ theo quy
 * định là: …"): "Trong ngày" for a same-day procedure (0 working days, due at the end of the
 * day's last shift — core/calendar/due-date-calendar.ts), "03 ngày làm việc", "4 giờ làm việc",
 * "1,5 giờ làm việc". Never "00 ngày làm việc".
 */
export function processingTimeVi(processing: ProcessingTime): string {
  if ('workingDays' in processing) {
    if (processing.workingDays === 0) return 'Trong ngày';
    return `${String(processing.workingDays).padStart(2, '0')} ngày làm việc`;
  }
  const hours = Number.isInteger(processing.workingHours) ? String(processing.workingHours) : String(Math.round(processing.workingHours * 100) / 100).replace('.', ',');
  return `${hours} giờ làm việc`;
}
