import type { CommandName } from '../../core/protocol/commands';
import type { HandlersFor } from '../commands/command-runner';
import type { AppointmentService } from './appointment-service';

/** Bookings: made and read by the back office or the admin, checked in at the kiosk. */
export const APPOINTMENT_COMMANDS = [
  'appointment:book',
  'appointment:cancel',
  'appointment:slots',
  'appointment:list',
  'appointment:check-in',
] as const satisfies readonly CommandName[];

export function appointmentHandlers(appointments: AppointmentService): HandlersFor<typeof APPOINTMENT_COMMANDS> {
  return {
    'appointment:book': async (ctx, input) => appointments.book(ctx, input),
    'appointment:cancel': async (ctx, input) => appointments.cancel(ctx, input),
    'appointment:slots': async (ctx, input) => appointments.slots(ctx, input),
    'appointment:list': async (ctx, input) => appointments.list(ctx, input),
    'appointment:check-in': async (ctx, input) => appointments.checkIn(ctx, input),
  };
}
