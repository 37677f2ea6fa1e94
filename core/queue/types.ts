import { z } from 'zod';

export const TICKET_STATES = ['waiting', 'called', 'serving', 'done', 'no-show', 'cancelled'] as const;
export const TicketStateSchema = z.enum(TICKET_STATES);
export type TicketState = z.infer<typeof TicketStateSchema>;

const id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'a lowercase id: letters, digits and dashes (e.g. "ho-tich")');

/** A service (lĩnh vực) and the block its ticket numbers are drawn from each day, e.g. 1001–1999. */
export const ServiceSchema = z
  .object({
    id,
    name: z.string().min(1),
    numberFrom: z.number().int().min(1).max(99_999),
    numberTo: z.number().int().min(1).max(99_999),
  })
  .refine((s) => s.numberTo > s.numberFrom, { message: 'numberTo must be greater than numberFrom', path: ['numberTo'] });
export type Service = z.infer<typeof ServiceSchema>;

export const CounterSchema = z.object({
  id,
  /** What the public sees and hears: "3", "3A". */
  label: z.string().min(1).max(8),
  name: z.string().min(1),
  serviceIds: z.array(id).min(1),
});
export type Counter = z.infer<typeof CounterSchema>;

export const TicketSchema = z.object({
  id: z.number().int().positive(),
  serviceId: id,
  number: z.number().int().positive(),
  /** The centre's calendar day (YYYY-MM-DD, centre time zone) the number belongs to. */
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  state: TicketStateSchema,
  issuedAt: z.string(),
  calledAt: z.string().nullable(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  counterId: id.nullable(),
  issuedBy: z.string(),
});
export type Ticket = z.infer<typeof TicketSchema>;

export { id as IdSchema };
