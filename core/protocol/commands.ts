import { z } from 'zod';
import { PrinterHealthSchema, type Role } from '../devices';
import { IdSchema, TicketSchema } from '../queue/types';

/** Every command carries an id its sender generated once: a replay returns the first answer and changes nothing. */
export const CommandIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '8–64 letters, digits, "-" or "_" (a UUID will do)');

export const IssueTicketInputSchema = z.strictObject({ commandId: CommandIdSchema, serviceId: IdSchema });
export const CallNextInputSchema = z.strictObject({ commandId: CommandIdSchema, counterId: IdSchema });
export const TicketActionInputSchema = z.strictObject({ commandId: CommandIdSchema, ticketId: z.number().int().positive() });

export const PrinterReportInputSchema = z.strictObject({
  commandId: CommandIdSchema,
  health: PrinterHealthSchema,
  /** What the terminal saw, in words for the admin ("hết giấy", "không kết nối được 192.168.1.50:9100"). */
  detail: z.string().max(300),
});

export const IssueTicketOutputSchema = z.object({
  ticket: TicketSchema,
  /** Tickets of the same service issued earlier today and still waiting. */
  waitingAhead: z.number().int().nonnegative(),
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
  /** A kiosk voids a ticket it issued and could not print (centre policy "void"). */
  'ticket:cancel': { input: TicketActionInputSchema, output: TicketOutputSchema, roles: ['kiosk'] },
  'device:report-printer': { input: PrinterReportInputSchema, output: PrinterReportOutputSchema, roles: ['kiosk', 'counter'] },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType; roles: readonly Role[] }>;

export type CommandName = keyof typeof COMMANDS;
export const COMMAND_NAMES = Object.keys(COMMANDS) as CommandName[];
export type CommandInput<K extends CommandName> = z.infer<(typeof COMMANDS)[K]['input']>;
export type CommandOutput<K extends CommandName> = z.infer<(typeof COMMANDS)[K]['output']>;

export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(COMMANDS, name);
}

export function roleMayRun(role: Role, name: CommandName): boolean {
  return (COMMANDS[name].roles as readonly Role[]).includes(role);
}
