import { z } from 'zod';
import { CommandIdSchema } from './command-id';
import { AppointmentSchema, ClockTimeSchema, DateSchema, SlotSchema } from '../appointments/appointments';
import { IdSchema, TicketSchema } from '../queue/types';

// Kept apart from commands.ts so the appointment feature reads in one place; the COMMANDS table imports these.
const commandId = CommandIdSchema;

export const BookAppointmentInputSchema = z.strictObject({
  commandId,
  serviceId: IdSchema,
  date: DateSchema,
  slotStart: ClockTimeSchema,
  citizenName: z.string().trim().min(2, 'họ tên người đặt lịch (ít nhất 2 ký tự)').max(100),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9][0-9 .]{7,14}$/, 'số điện thoại 8–15 chữ số')
    .optional(),
});
/** Any text: a mistyped code is answered "không tìm thấy", not a schema error. */
export const AppointmentCodeInputSchema = z.strictObject({ commandId, code: z.string().min(1).max(32) });
export const AppointmentSlotsInputSchema = z.strictObject({ commandId, serviceId: IdSchema, date: DateSchema });
export const AppointmentListInputSchema = z.strictObject({ commandId, date: DateSchema });

export const AppointmentOutputSchema = z.object({ appointment: AppointmentSchema });
export const AppointmentSlotsOutputSchema = z.object({ serviceId: IdSchema, date: DateSchema, slots: z.array(SlotSchema) });
export const AppointmentListOutputSchema = z.object({ date: DateSchema, appointments: z.array(AppointmentSchema) });
export const CheckInOutputSchema = z.object({
  appointment: AppointmentSchema,
  ticket: TicketSchema,
  waitingAhead: z.number().int().nonnegative(),
  estimatedWaitMinutes: z.number().int().nonnegative().nullable(),
  /** The ticket's public page, as on a walk-in ticket (core/protocol/commands.ts IssueTicketOutputSchema). */
  trackingUrl: z.url({ protocol: /^https$/ }).optional(),
});
