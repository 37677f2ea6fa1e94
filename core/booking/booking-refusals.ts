import { formatDateVi } from '../appointments/appointments';
import type { PlaceRefusal } from './booking-rules';

/**
 * The public booking API's errors: a closed union of kinds the page switches over, each with the
 * centre's Vietnamese message. Kept apart from the devices' ErrorKind: these cross the public
 * internet and never reach a terminal.
 */
export const BOOKING_ERROR_KINDS = [
  'invalid-input',
  'not-offered',
  'not-found',
  'slot-full',
  'day-full',
  'cap-reached',
  'person-limit',
  'hold-expired',
  'slot-past',
  'closed-day',
  'not-changeable',
  'rate-limited',
] as const;
export type BookingErrorKind = (typeof BOOKING_ERROR_KINDS)[number];

export interface BookingError {
  readonly kind: BookingErrorKind;
  readonly message: string;
  /** For invalid-input: the field at fault ("phone", "citizenName", …). */
  readonly field?: string;
}

export function placeRefusalError(refusal: PlaceRefusal, slotStart: string, date: string, serviceName: string): BookingError {
  switch (refusal.kind) {
    case 'slot-full':
      return { kind: 'slot-full', message: `Khung giờ ${slotStart} ngày ${formatDateVi(date)} đã hết chỗ (${refusal.capacity} chỗ): hãy chọn khung giờ khác.` };
    case 'day-full':
      return { kind: 'day-full', message: `Dịch vụ ${serviceName} đã nhận đủ ${refusal.quota} lịch hẹn ngày ${formatDateVi(date)}: hãy chọn ngày khác.` };
    case 'cap-reached':
      return { kind: 'cap-reached', message: `Dịch vụ ${serviceName} đã đủ ${refusal.cap} lượt ngày ${formatDateVi(date)} (gồm cả người đến trực tiếp): hãy chọn ngày khác.` };
  }
}

export function personLimitError(limit: number, date: string): BookingError {
  return { kind: 'person-limit', message: `Mỗi người chỉ được đặt ${limit} lịch hẹn trong một ngày; số điện thoại (hoặc CCCD) này đã có lịch hẹn ngày ${formatDateVi(date)}.` };
}
