import { zonedFormatter } from '../calendar/zoned-format';
import { z } from 'zod';
import { IdSchema } from '../queue/types';
import { OnlineBookingConfigSchema } from '../booking/online-booking-config';

/**
 * Appointments (lịch hẹn): a citizen books a slot of a service ahead, gets a short code, and
 * checks in at the kiosk on the day for an appointment ticket. Pure rules, no I/O.
 */

/** No 0/O or 1/I: read aloud over the phone or typed from a paper slip, they get confused. */
export const BOOKING_CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const BOOKING_CODE_LENGTH = 6;

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day "HH:MM"');
const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
export const formatClock = (minutes: number): string => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

export const AppointmentServiceConfigSchema = z.strictObject({
  capacityPerSlot: z.number().int().min(1).max(100),
  /** Bookings of the service a day, all slots together (optional; the slots' places bound it anyway). */
  dailyQuota: z.number().int().min(1).max(10_000).optional(),
  /** Opening spans for appointments; each is cut into slots of `slotMinutes` that end within the span. */
  hours: z
    .array(z.strictObject({ from: clock, to: clock }).refine((h) => minutesOf(h.to) > minutesOf(h.from), { message: '"to" must be after "from"' }))
    .min(1),
});

/** The centre config's `appointments` section. A service not listed takes no appointments. */
export const AppointmentsConfigSchema = z.strictObject({
  slotMinutes: z.number().int().min(5).max(240).default(30),
  services: z.record(IdSchema, AppointmentServiceConfigSchema),
  /** Check-in opens this long before the slot starts. */
  earlyMinutes: z.number().int().min(0).max(240).default(30),
  /** …and closes this long after it started: past that the citizen takes a normal number. */
  lateMinutes: z.number().int().min(0).max(240).default(15),
  /** The public booking page (<publicBaseUrl>/dat-lich); absent: bookings are made at the desk only. */
  online: OnlineBookingConfigSchema.optional(),
});
export type AppointmentsConfig = z.infer<typeof AppointmentsConfigSchema>;
export type AppointmentsConfigInput = z.input<typeof AppointmentsConfigSchema>;

export const APPOINTMENT_STATES = ['booked', 'checked-in', 'cancelled'] as const;
export type AppointmentState = (typeof APPOINTMENT_STATES)[number];
export const DateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date "YYYY-MM-DD"');

export const AppointmentSchema = z.object({
  code: z.string(),
  serviceId: IdSchema,
  date: DateSchema,
  slotStart: clock,
  citizenName: z.string(),
  phone: z.string().nullable(),
  state: z.enum(APPOINTMENT_STATES),
  createdAt: z.string(),
  checkedInAt: z.string().nullable(),
  ticketId: z.number().int().positive().nullable(),
  ticketNumber: z.number().int().positive().nullable(),
});
export type Appointment = z.infer<typeof AppointmentSchema>;

export const SlotSchema = z.object({ start: clock, capacity: z.number().int(), booked: z.number().int(), free: z.number().int() });
export type Slot = z.infer<typeof SlotSchema>;

export { clock as ClockTimeSchema };

/** The slot starts of a service's day, "HH:MM", in order. */
export function slotStarts(service: z.infer<typeof AppointmentServiceConfigSchema>, slotMinutes: number): string[] {
  const starts: string[] = [];
  for (const span of service.hours) {
    for (let m = minutesOf(span.from); m + slotMinutes <= minutesOf(span.to); m += slotMinutes) starts.push(formatClock(m));
  }
  return [...new Set(starts)].sort();
}

/** Uppercase, without the spaces and dashes people type between groups. */
export function normaliseBookingCode(text: string): string {
  return text.toUpperCase().replace(/[\s-]/g, '');
}

export function makeBookingCode(randomIndex: (below: number) => number): string {
  let code = '';
  for (let i = 0; i < BOOKING_CODE_LENGTH; i += 1) code += BOOKING_CODE_ALPHABET[randomIndex(BOOKING_CODE_ALPHABET.length)];
  return code;
}

/** A wall-clock reading in the centre's time zone. */
export interface LocalMoment {
  readonly date: string;
  readonly minutes: number;
}

export function localMoment(instant: Date, timeZone: string): LocalMoment {
  const parts = Object.fromEntries(
    zonedFormatter('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

/** Whether a slot has begun at `now` (same zone): a slot that has started can no longer be booked. */
export function slotHasStarted(date: string, slotStart: string, now: LocalMoment): boolean {
  return date < now.date || (date === now.date && minutesOf(slotStart) <= now.minutes);
}

export type CheckInTiming =
  | { readonly kind: 'on-time' }
  | { readonly kind: 'other-day' }
  | { readonly kind: 'early'; readonly opensAt: string }
  | { readonly kind: 'late'; readonly closedAt: string };

/** Check-in is open from `earlyMinutes` before the slot until `lateMinutes` after it, on the booked day only. */
export function checkInTiming(appointment: Pick<Appointment, 'date' | 'slotStart'>, now: LocalMoment, rules: Pick<AppointmentsConfig, 'earlyMinutes' | 'lateMinutes'>): CheckInTiming {
  const start = minutesOf(appointment.slotStart);
  const opens = start - rules.earlyMinutes;
  const closes = start + rules.lateMinutes;
  if (appointment.date > now.date) return { kind: 'other-day' };
  if (appointment.date < now.date || now.minutes > closes) return { kind: 'late', closedAt: formatClock(Math.min(closes, 24 * 60 - 1)) };
  if (now.minutes < opens) return { kind: 'early', opensAt: formatClock(Math.max(opens, 0)) };
  return { kind: 'on-time' };
}

/** "25/11/2026" from "2026-11-25": how dates are read in Vietnam. */
export function formatDateVi(date: string): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}
