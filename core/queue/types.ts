import { z } from 'zod';
import { WalkInPolicySchema } from './walk-in-policy';

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
    /** Walk-in hours and daily cap (core/queue/walk-in-policy.ts); absent: any hour, until the block runs out. */
    walkIn: WalkInPolicySchema.optional(),
  })
  .refine((s) => s.numberTo > s.numberFrom, { message: 'numberTo must be greater than numberFrom', path: ['numberTo'] });
export type Service = z.infer<typeof ServiceSchema>;

export const CounterSchema = z.object({
  id,
  /** What the public sees and hears: "3", "3A". */
  label: z.string().min(1).max(8),
  name: z.string().min(1),
  serviceIds: z.array(id).min(1),
  /**
   * How the counter shares its calls between its services when several have people waiting,
   * e.g. { "ho-tich": 3, "chung-thuc": 1 }. Without weights: the oldest ticket first, whatever the service.
   */
  serviceWeights: z.record(id, z.number().int().min(1).max(100)).optional(),
});
export type Counter = z.infer<typeof CounterSchema>;

/**
 * Who may be served ahead of the normal queue (Vietnamese practice: người cao tuổi, người khuyết tật,
 * phụ nữ mang thai, người có công với cách mạng), and holders of an appointment.
 */
export const PRIORITY_CLASSES = ['normal', 'elderly', 'disabled', 'pregnant', 'merit', 'appointment'] as const;
export const PriorityClassSchema = z.enum(PRIORITY_CLASSES);
export type PriorityClass = z.infer<typeof PriorityClassSchema>;

export const TicketSchema = z.object({
  id: z.number().int().positive(),
  serviceId: id,
  number: z.number().int().positive(),
  /** The centre's calendar day (YYYY-MM-DD, centre time zone) the number belongs to. */
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  state: TicketStateSchema,
  issuedAt: z.string(),
  /** The latest call (a recall moves it, and the display announces again). */
  calledAt: z.string().nullable(),
  /** The first call: where the citizen's wait ended, for statistics. */
  firstCalledAt: z.string().nullable(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  counterId: id.nullable(),
  issuedBy: z.string(),
  priority: PriorityClassSchema,
  /** Times the clerk called this ticket again after the first call. */
  recalls: z.number().int().nonnegative(),
  /** Set when a ticket was transferred to one particular counter: only that counter calls it. */
  assignedCounterId: id.nullable(),
  /** The clerk signed in at the counter when the ticket was last called: who served the citizen. */
  clerkId: id.nullable(),
});
export type Ticket = z.infer<typeof TicketSchema>;

export { id as IdSchema };
