import { z } from 'zod';
import { PrinterHealthSchema, SerialDeviceStatusSchema, type Role } from '../devices';
import { IdSchema, PriorityClassSchema, TicketSchema } from '../queue/types';
import { CounterStateSchema } from '../queue/snapshot';
import * as A from './appointment-commands';
import * as K from './apikey-commands';
import * as D from './dossier-commands';
import * as P from './pairing-commands';
import * as R from './rating-commands';

import { CommandIdSchema } from './command-id';
import * as L from './ticket-lease-commands';

export { CommandIdSchema };

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
  /**
   * The ticket's public page (`<hub.publicBaseUrl>/t/<token>`), for its QR: only when the centre has
   * a public address, and never for a kiosk's offline ticket (its paper was printed before the hub knew it).
   */
  trackingUrl: z.url({ protocol: /^https$/ }).optional(),
});
export const TicketOutputSchema = z.object({ ticket: TicketSchema });
export const PrinterReportOutputSchema = z.object({ reportedAt: z.string() });

/** A write changes state and is kept in the command log (a replay answers the first answer); a read is not logged. */
export type CommandMode = 'write' | 'read';

/**
 * The HTTP methods a command route may use: each carries the input as a JSON body. Every command
 * is POST today, reads included (their inputs carry a commandId and may not fit a query string).
 */
export type CommandHttpMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A command's REST route: `:name` segments are path parameters merged into the body to form the input. */
export interface CommandRest {
  readonly method: CommandHttpMethod;
  readonly path: `/api/${string}`;
  readonly summary: string;
}

/** One row of the command table. */
export interface CommandSpec {
  readonly input: z.ZodType;
  readonly output: z.ZodType;
  readonly roles: readonly Role[];
  readonly mode: CommandMode;
  readonly rest: CommandRest;
}

/**
 * The hub's commands: input schema, output schema, the roles allowed to send each, whether it
 * changes state (`write`: logged for idempotent replay) or only reads, and its REST method and path.
 * Socket.IO listeners, REST routes, OpenAPI, the role check, the command log (writes only) and the
 * terminals' typed client (`HubClient.command`) all derive from this table; the hub's handlers are
 * typed against it, one module per feature (hub/command-handlers.ts).
 */
export const COMMANDS = {
  'ticket:issue': { input: IssueTicketInputSchema, output: IssueTicketOutputSchema, roles: ['kiosk', 'admin'], mode: 'write', rest: { method: 'POST', path: '/api/tickets', summary: 'Issue a queue ticket for a service (kiosk)' } },
  'counter:call-next': { input: CallNextInputSchema, output: TicketOutputSchema, roles: ['counter'], mode: 'write', rest: { method: 'POST', path: '/api/counters/:counterId/call-next', summary: 'Call the next waiting ticket to a counter' } },
  'ticket:start': { input: TicketActionInputSchema, output: TicketOutputSchema, roles: ['counter'], mode: 'write', rest: { method: 'POST', path: '/api/tickets/:ticketId/start', summary: 'Start serving a called ticket' } },
  'ticket:complete': { input: TicketActionInputSchema, output: TicketOutputSchema, roles: ['counter'], mode: 'write', rest: { method: 'POST', path: '/api/tickets/:ticketId/complete', summary: 'Finish serving a ticket' } },
  'ticket:no-show': { input: TicketActionInputSchema, output: TicketOutputSchema, roles: ['counter'], mode: 'write', rest: { method: 'POST', path: '/api/tickets/:ticketId/no-show', summary: 'Mark a called ticket as not present' } },
  'ticket:recall': { input: TicketActionInputSchema, output: TicketOutputSchema, roles: ['counter'], mode: 'write', rest: { method: 'POST', path: '/api/tickets/:ticketId/recall', summary: 'Call a called ticket again (the display announces it again)' } },
  'ticket:transfer': { input: TransferInputSchema, output: TicketOutputSchema, roles: ['counter'], mode: 'write', rest: { method: 'POST', path: '/api/tickets/:ticketId/transfer', summary: 'Send a ticket to another service or counter, keeping its number' } },
  /** Reserves a block of today's numbers of a service for this kiosk, to issue from while the hub is unreachable. */
  'ticket:lease-numbers': { input: L.LeaseNumbersInputSchema, output: L.LeaseNumbersOutputSchema, roles: ['kiosk'], mode: 'write', rest: { method: 'POST', path: '/api/tickets/lease-numbers', summary: "Reserve a block of today's numbers of a service for this kiosk, to issue while the hub is unreachable (kiosk)" } },
  /** A ticket the kiosk issued offline from its lease: recorded with its own number and issue time. */
  'ticket:deliver-offline': { input: L.DeliverOfflineTicketInputSchema, output: IssueTicketOutputSchema.extend({ superseded: L.SupersededTicketSchema.optional() }), roles: ['kiosk'], mode: 'write', rest: { method: 'POST', path: '/api/tickets/offline', summary: 'Deliver a ticket the kiosk issued from its lease while the hub was away, keeping its number and issue time (kiosk)' } },
  /** A kiosk voids a ticket it issued and could not print (policy "void"); a clerk cancels a waiting ticket of the counter's services. */
  'ticket:cancel': { input: TicketActionInputSchema, output: TicketOutputSchema, roles: ['kiosk', 'counter'], mode: 'write', rest: { method: 'POST', path: '/api/tickets/:ticketId/cancel', summary: "Void a waiting ticket the kiosk issued but could not print; a clerk cancels a waiting ticket of the counter's services" } },
  'counter:pause': { input: PauseInputSchema, output: CounterStateOutputSchema, roles: ['counter'], mode: 'write', rest: { method: 'POST', path: '/api/counters/:counterId/pause', summary: 'Pause a counter (no calls until resumed)' } },
  'counter:resume': { input: CounterInputSchema, output: CounterStateOutputSchema, roles: ['counter'], mode: 'write', rest: { method: 'POST', path: '/api/counters/:counterId/resume', summary: 'Open a paused counter again' } },
  'counter:sign-in': { input: SignInInputSchema, output: CounterStateOutputSchema, roles: ['counter'], mode: 'write', rest: { method: 'POST', path: '/api/counters/:counterId/sign-in', summary: 'A clerk signs in at the counter with their PIN' } },
  'counter:sign-out': { input: CounterInputSchema, output: CounterStateOutputSchema, roles: ['counter'], mode: 'write', rest: { method: 'POST', path: '/api/counters/:counterId/sign-out', summary: 'The clerk signs out of the counter' } },
  'device:report-printer': { input: PrinterReportInputSchema, output: PrinterReportOutputSchema, roles: ['kiosk', 'counter'], mode: 'write', rest: { method: 'POST', path: '/api/devices/me/printer', summary: "Report the terminal's printer health" } },
  'device:report-serial': { input: SerialReportInputSchema, output: PrinterReportOutputSchema, roles: ['kiosk', 'counter'], mode: 'write', rest: { method: 'POST', path: '/api/devices/me/serial', summary: "Report the states of the terminal's serial devices (QR scanner, LED sign, rating keypad)" } },
  /** The citizen's satisfaction with a finished ticket: from the counter that served it, or a kiosk. */
  'ticket:rate': { input: z.strictObject({ commandId: CommandIdSchema, ...R.RATE_TICKET_FIELDS }), output: R.RateTicketOutputSchema, roles: ['counter', 'kiosk'], mode: 'write', rest: { method: 'POST', path: '/api/tickets/:ticketId/rating', summary: "The citizen's satisfaction (1–4, optional comment) with a finished ticket; once per ticket" } },
  /** The kiosk's "Đánh giá dịch vụ": the visit a typed number or scanned ticket QR names, and whether it may be rated. */
  'ticket:rating-visit': { input: z.strictObject({ commandId: CommandIdSchema, ...R.RATING_VISIT_FIELDS }), output: R.RatingVisitOutputSchema, roles: ['kiosk'], mode: 'read', rest: { method: 'POST', path: '/api/tickets/rating-visit', summary: "Today's visit a ticket number or ticket QR names (counter, clerk, time) and whether it may still be rated (kiosk)" } },
  'appointment:book': { input: A.BookAppointmentInputSchema, output: A.AppointmentOutputSchema, roles: ['admin', 'backoffice'], mode: 'write', rest: { method: 'POST', path: '/api/appointments', summary: 'Book an appointment slot for a citizen; answers the booking code (admin, backoffice)' } },
  'appointment:cancel': { input: A.AppointmentCodeInputSchema, output: A.AppointmentOutputSchema, roles: ['admin', 'backoffice'], mode: 'write', rest: { method: 'POST', path: '/api/appointments/:code/cancel', summary: 'Cancel a booking that has not been checked in' } },
  /** Reads, carried as commands so sockets, REST and the role check need nothing new. */
  'appointment:slots': { input: A.AppointmentSlotsInputSchema, output: A.AppointmentSlotsOutputSchema, roles: ['admin', 'backoffice'], mode: 'read', rest: { method: 'POST', path: '/api/appointments/slots', summary: 'Slots of a service on a date with their free places' } },
  'appointment:list': { input: A.AppointmentListInputSchema, output: A.AppointmentListOutputSchema, roles: ['admin', 'backoffice'], mode: 'read', rest: { method: 'POST', path: '/api/appointments/list', summary: "A date's bookings with their states" } },
  /** A citizen's booking code at the kiosk → an appointment ticket of the booked service. */
  'appointment:check-in': { input: A.AppointmentCodeInputSchema, output: A.CheckInOutputSchema, roles: ['kiosk'], mode: 'write', rest: { method: 'POST', path: '/api/appointments/check-in', summary: 'Check a booking code in at the kiosk: issues an appointment ticket' } },
  /** The counter receives a dossier: code, due date, and the department's back office hears of it. */
  'dossier:receive': { input: D.ReceiveDossierInputSchema, output: D.DossierOutputSchema, roles: ['counter'], mode: 'write', rest: { method: 'POST', path: '/api/dossiers', summary: 'Receive a dossier at the counter: answers its code and due date (counter)' } },
  /** The back office moves a dossier on (accept … done, delay); the counter returns the result. */
  'dossier:act': { input: D.DossierActInputSchema, output: D.DossierOutputSchema, roles: ['backoffice', 'counter'], mode: 'write', rest: { method: 'POST', path: '/api/dossiers/:code/act', summary: 'Move a dossier on: accept, processing, supplement, refuse, done, delay (back office); return (counter)' } },
  /** A receipt code at the kiosk: status, due date, what is missing; no personal data. */
  'dossier:lookup': { input: D.DossierLookupInputSchema, output: D.DossierLookupOutputSchema, roles: ['kiosk'], mode: 'read', rest: { method: 'POST', path: '/api/dossiers/:code/lookup', summary: 'Status, due date and what is missing for a receipt code, without personal data (kiosk)' } },
  /** The back office's own department's dossiers. */
  'dossier:list': { input: D.DossierListInputSchema, output: D.DossierListOutputSchema, roles: ['backoffice'], mode: 'read', rest: { method: 'POST', path: '/api/dossiers/list', summary: "The back office's own department's dossiers" } },
  /** The results ready to hand back at the counter's centre (Kết quả chờ trả), wherever the dossiers were received. */
  'dossier:ready': { input: D.DossierReadyInputSchema, output: D.DossierReadyOutputSchema, roles: ['counter'], mode: 'read', rest: { method: 'POST', path: '/api/dossiers/ready', summary: "Results ready to hand back at the counter's centre (done, collected here), wherever received (counter)" } },
  /** One dossier with its Form 05 history: a counter of its receiving or collecting centre, or the back office of its department. */
  'dossier:get': { input: D.DossierCodeInputSchema, output: D.DossierOutputSchema, roles: ['counter', 'backoffice'], mode: 'read', rest: { method: 'POST', path: '/api/dossiers/:code/get', summary: "One dossier with its control sheet (Form 05): a counter of its receiving or collecting centre, or the back office of the dossier's department" } },
  /** Reserves codes of today for this counter, for receipts it prints while the hub is unreachable. */
  /** The back office records a result file (the bytes were uploaded first; core/dossiers/result-files.ts). */
  'dossier:attach-result': { input: D.AttachResultInputSchema, output: D.DossierOutputSchema, roles: ['backoffice'], mode: 'write', rest: { method: 'POST', path: '/api/dossiers/:code/attach-result', summary: "Record a result file already uploaded with PUT /api/dossiers/{code}/results (the dossier's department's back office)" } },
  'dossier:lease-codes': { input: D.LeaseCodesInputSchema, output: D.LeaseCodesOutputSchema, roles: ['counter'], mode: 'write', rest: { method: 'POST', path: '/api/dossiers/lease-codes', summary: 'Reserve the next `count` dossier codes of today for this counter, to receive while the hub is unreachable (counter)' } },
  /** An officer of the device's department signs in at a back-office device (PIN); dossier:act needs one. */
  'officer:sign-in': { input: D.OfficerSignInInputSchema, output: D.OfficerStateOutputSchema, roles: ['backoffice'], mode: 'write', rest: { method: 'POST', path: '/api/officers/sign-in', summary: "An officer of the device's department signs in at a back-office device with their PIN" } },
  'officer:sign-out': { input: D.OfficerSignOutInputSchema, output: D.OfficerStateOutputSchema, roles: ['backoffice'], mode: 'write', rest: { method: 'POST', path: '/api/officers/sign-out', summary: 'The officer signs out of the back-office device' } },
  /**
   * Pairing (admin, and the device itself to rotate; a display, which sends no command at all, is re-paired instead). A code and a credential are secrets shown
   * once: these are carried as not-logged (`read`) so the command log, which keeps a write's
   * answer for replays, never holds one in clear; a retry issues a fresh one, superseding the first.
   */
  'device:pairing-code': { input: P.DeviceIdInputSchema, output: P.PairingCodeOutputSchema, roles: ['admin'], mode: 'read', rest: { method: 'POST', path: '/api/devices/:deviceId/pairing-code', summary: 'A one-time pairing code (8 digits, 10 minutes) for a device of the centre config; a new code voids the earlier unused one (admin)' } },
  'device:revoke': { input: P.DeviceIdInputSchema, output: P.RevokeOutputSchema, roles: ['admin'], mode: 'write', rest: { method: 'POST', path: '/api/devices/:deviceId/revoke', summary: "Revoke a device's credential: its sockets are disconnected at once and it is refused until paired again (admin)" } },
  'device:credentials': { input: P.CredentialListInputSchema, output: P.CredentialListOutputSchema, roles: ['admin'], mode: 'read', rest: { method: 'POST', path: '/api/devices/credentials', summary: "Every device's credential state: paired, legacy token, revoked or unpaired, with pairing and last-seen times (admin)" } },
  'device:rotate-credential': { input: P.RotateInputSchema, output: P.RotateOutputSchema, roles: ['kiosk', 'counter', 'backoffice', 'admin'], mode: 'read', rest: { method: 'POST', path: '/api/devices/me/rotate-credential', summary: "A new credential for the calling device; the old one stays valid until the device's first sign-in with the new one" } },
  /**
   * API keys of other systems (admin). A new or rotated key is shown once: carried as not-logged
   * (`read`) like a pairing code, so the command log never holds one in clear.
   */
  'apikey:create': { input: K.CreateApiKeyInputSchema, output: K.IssuedApiKeyOutputSchema, roles: ['admin'], mode: 'read', rest: { method: 'POST', path: '/api/apikeys', summary: 'A new API key for an external system, scoped to one agency or the centre and to permissions; shown once (admin)' } },
  'apikey:list': { input: K.ApiKeyListInputSchema, output: K.ApiKeyListOutputSchema, roles: ['admin'], mode: 'read', rest: { method: 'POST', path: '/api/apikeys/list', summary: 'Every API key: name, scope, permissions, created, last used, state (admin)' } },
  'apikey:rotate': { input: K.RotateApiKeyInputSchema, output: K.IssuedApiKeyOutputSchema, roles: ['admin'], mode: 'read', rest: { method: 'POST', path: '/api/apikeys/:keyId/rotate', summary: 'A new secret for an API key; the old one keeps working for overlapHours (default 24), then is refused (admin)' } },
  'apikey:revoke': { input: K.ApiKeyIdInputSchema, output: K.ApiKeyOutputSchema, roles: ['admin'], mode: 'write', rest: { method: 'POST', path: '/api/apikeys/:keyId/revoke', summary: 'Revoke an API key: refused at once (admin)' } },
} as const satisfies Record<string, CommandSpec>;

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

/** The commands whose first answer the command log keeps (`mode: 'write'`): a table over them must list each. */
export type WriteCommandName = { [K in CommandName]: (typeof COMMANDS)[K]['mode'] extends 'write' ? K : never }[CommandName];

export function isWrite(name: CommandName): name is WriteCommandName {
  return COMMANDS[name].mode === 'write';
}
