import { z } from 'zod';
import { PrinterHealthSchema, SerialDeviceStatusSchema, type Role } from '../devices';
import { IdSchema, PriorityClassSchema, TicketSchema } from '../queue/types';
import { CounterStateSchema } from '../queue/snapshot';
import * as A from './appointment-commands';
import * as D from './dossier-commands';
import * as R from './rating-commands';

/** Every command carries an id its sender generated once: a replay returns the first answer and changes nothing. */
export const CommandIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '8–64 letters, digits, "-" or "_" (a UUID will do)');

export const IssueTicketInputSchema = z.strictObject({
  commandId: CommandIdSchema,
  serviceId: IdSchema,
  /** Declared by the citizen at the kiosk; 'appointment' comes only from a booking check-in. */
  priority: PriorityClassSchema.exclude(['appointment']).default('normal'),
});
export const CallNextInputSchema = z.strictObject({ commandId: CommandIdSchema, counterId: IdSchema });
export const TicketActionInputSchema = z.strictObject({ commandId: CommandIdSchema, ticketId: z.number().int().positive() });

export const TransferInputSchema = z
  .strictObject({
    commandId: CommandIdSchema,
    ticketId: z.number().int().positive(),
    /** Exactly one: another service's queue, or one particular counter. */
    toServiceId: IdSchema.optional(),
    toCounterId: IdSchema.optional(),
  })
  .refine((i) => (i.toServiceId === undefined) !== (i.toCounterId === undefined), { message: 'give exactly one of toServiceId and toCounterId' });
export const PauseInputSchema = z.strictObject({ commandId: CommandIdSchema, counterId: IdSchema, reason: z.string().min(1).max(80) });
export const CounterInputSchema = z.strictObject({ commandId: CommandIdSchema, counterId: IdSchema });
export const SignInInputSchema = z.strictObject({
  commandId: CommandIdSchema,
  counterId: IdSchema,
  clerkId: IdSchema,
  pin: z.string().min(4).max(64),
});
export const CounterStateOutputSchema = z.object({ state: CounterStateSchema });

export const PrinterReportInputSchema = z.strictObject({
  commandId: CommandIdSchema,
  health: PrinterHealthSchema,
  /** What the terminal saw, in words for the admin ("hết giấy", "không kết nối được 192.168.1.50:9100"). */
  detail: z.string().max(300),
});

/** Every serial device of the terminal, in full each time (an empty list: none configured). */
export const SerialReportInputSchema = z.strictObject({ commandId: CommandIdSchema, devices: z.array(SerialDeviceStatusSchema).max(8) });

export const IssueTicketOutputSchema = z.object({
  ticket: TicketSchema,
  /** Tickets of the same service issued earlier today and still waiting. */
  waitingAhead: z.number().int().nonnegative(),
  /** From the service's recent service times and its open counters; null before any service today or recently. */
  estimatedWaitMinutes: z.number().int().nonnegative().nullable(),
});
export const TicketOutputSchema = z.object({ ticket: TicketSchema });
export const PrinterReportOutputSchema = z.object({ reportedAt: z.string() });

/**
 * The hub's commands: input schema, output schema, and the roles allowed to send each.
 * Socket.IO events and REST routes are both generated from this table.
 */
export const COMMANDS = {
  'ticket:issue': { input: IssueTicketInputSchema, output: IssueTicketOutputSchema, roles: ['kiosk', 'admin'] },
  'counter:call-next': { input: CallNextInputSchema, output: TicketOutputSchema, roles: ['counter'] },
  'ticket:start': { input: TicketActionInputSchema, output: TicketOutputSchema, roles: ['counter'] },
  'ticket:complete': { input: TicketActionInputSchema, output: TicketOutputSchema, roles: ['counter'] },
  'ticket:no-show': { input: TicketActionInputSchema, output: TicketOutputSchema, roles: ['counter'] },
  'ticket:recall': { input: TicketActionInputSchema, output: TicketOutputSchema, roles: ['counter'] },
  'ticket:transfer': { input: TransferInputSchema, output: TicketOutputSchema, roles: ['counter'] },
  /** A kiosk voids a ticket it issued and could not print (policy "void"); a clerk cancels a waiting ticket of the counter's services. */
  'ticket:cancel': { input: TicketActionInputSchema, output: TicketOutputSchema, roles: ['kiosk', 'counter'] },
  'counter:pause': { input: PauseInputSchema, output: CounterStateOutputSchema, roles: ['counter'] },
  'counter:resume': { input: CounterInputSchema, output: CounterStateOutputSchema, roles: ['counter'] },
  'counter:sign-in': { input: SignInInputSchema, output: CounterStateOutputSchema, roles: ['counter'] },
  'counter:sign-out': { input: CounterInputSchema, output: CounterStateOutputSchema, roles: ['counter'] },
  'device:report-printer': { input: PrinterReportInputSchema, output: PrinterReportOutputSchema, roles: ['kiosk', 'counter'] },
  'device:report-serial': { input: SerialReportInputSchema, output: PrinterReportOutputSchema, roles: ['kiosk', 'counter'] },
  /** The citizen's satisfaction with a finished ticket: from the counter that served it, or a kiosk. */
  'ticket:rate': { input: z.strictObject({ commandId: CommandIdSchema, ...R.RATE_TICKET_FIELDS }), output: R.RateTicketOutputSchema, roles: ['counter', 'kiosk'] },
  'appointment:book': { input: A.BookAppointmentInputSchema, output: A.AppointmentOutputSchema, roles: ['admin', 'backoffice'] },
  'appointment:cancel': { input: A.AppointmentCodeInputSchema, output: A.AppointmentOutputSchema, roles: ['admin', 'backoffice'] },
  /** Reads, carried as commands so sockets, REST and the role check need nothing new. */
  'appointment:slots': { input: A.AppointmentSlotsInputSchema, output: A.AppointmentSlotsOutputSchema, roles: ['admin', 'backoffice'] },
  'appointment:list': { input: A.AppointmentListInputSchema, output: A.AppointmentListOutputSchema, roles: ['admin', 'backoffice'] },
  /** A citizen's booking code at the kiosk → an appointment ticket of the booked service. */
  'appointment:check-in': { input: A.AppointmentCodeInputSchema, output: A.CheckInOutputSchema, roles: ['kiosk'] },
  /** The counter receives a dossier: code, due date, and the department's back office hears of it. */
  'dossier:receive': { input: D.ReceiveDossierInputSchema, output: D.DossierOutputSchema, roles: ['counter'] },
  /** The back office moves a dossier on (accept … done, delay); the counter returns the result. */
  'dossier:act': { input: D.DossierActInputSchema, output: D.DossierOutputSchema, roles: ['backoffice', 'counter'] },
  /** A receipt code at the kiosk: status, due date, what is missing; no personal data. */
  'dossier:lookup': { input: D.DossierCodeInputSchema, output: D.DossierLookupOutputSchema, roles: ['kiosk'] },
  /** The back office's own department's dossiers. */
  'dossier:list': { input: D.DossierListInputSchema, output: D.DossierListOutputSchema, roles: ['backoffice'] },
  /** One dossier with its Form 05 history: any counter, or the back office of its department. */
  'dossier:get': { input: D.DossierCodeInputSchema, output: D.DossierOutputSchema, roles: ['counter', 'backoffice'] },
  /** Reserves codes of today for this counter, for receipts it prints while the hub is unreachable. */
  'dossier:lease-codes': { input: D.LeaseCodesInputSchema, output: D.LeaseCodesOutputSchema, roles: ['counter'] },
  /** An officer of the device's department signs in at a back-office device (PIN); dossier:act needs one. */
  'officer:sign-in': { input: D.OfficerSignInInputSchema, output: D.OfficerStateOutputSchema, roles: ['backoffice'] },
  'officer:sign-out': { input: D.OfficerSignOutInputSchema, output: D.OfficerStateOutputSchema, roles: ['backoffice'] },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType; roles: readonly Role[] }>;

export type CommandName = keyof typeof COMMANDS;
export const COMMAND_NAMES = Object.keys(COMMANDS) as CommandName[];
/** What a handler receives: the input after validation, defaults filled in. */
export type CommandInput<K extends CommandName> = z.infer<(typeof COMMANDS)[K]['input']>;
/** What a sender may send: optional fields with defaults may be left out. */
export type CommandRequest<K extends CommandName> = z.input<(typeof COMMANDS)[K]['input']>;
export type CommandOutput<K extends CommandName> = z.infer<(typeof COMMANDS)[K]['output']>;

export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(COMMANDS, name);
}

export function roleMayRun(role: Role, name: CommandName): boolean {
  return (COMMANDS[name].roles as readonly Role[]).includes(role);
}
