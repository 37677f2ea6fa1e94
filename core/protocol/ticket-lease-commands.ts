import { z } from 'zod';
import { IdSchema, PriorityClassSchema } from '../queue/types';
import { CommandIdSchema } from './command-id';

/**
 * Numbers a kiosk may issue while the hub is away. The hub reserves a contiguous block of a
 * service's numbers of one day for one kiosk, taken from the top of the service's block going
 * down; online numbering counts up from its start and stops below every leased number, so no
 * number is ever given twice and the day still starts at the first number. A kiosk issues from
 * its block only on the block's day.
 */
export const NumberLeaseSchema = z.object({
  /** The centre's day the numbers belong to (YYYY-MM-DD). */
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  serviceId: IdSchema,
  from: z.number().int().positive(),
  to: z.number().int().positive(),
});
export type NumberLease = z.infer<typeof NumberLeaseSchema>;

export const LeaseNumbersInputSchema = z.strictObject({
  commandId: CommandIdSchema,
  serviceId: IdSchema,
  /** How many numbers to reserve; the hub may give fewer where the leases come down to online numbering (never zero: then `exhausted`). */
  count: z.number().int().min(1).max(500),
});
export const LeaseNumbersOutputSchema = z.object({ lease: NumberLeaseSchema });

/**
 * A ticket the kiosk issued from its lease while the hub was away, delivered once the hub is
 * back, with its own number and issue time (so the queue's order stays the order of arrival).
 */
export const DeliverOfflineTicketInputSchema = z.strictObject({
  /** The id minted at the citizen's tap; the same on every delivery attempt. */
  commandId: CommandIdSchema,
  serviceId: IdSchema,
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  number: z.number().int().positive(),
  issuedAt: z.iso.datetime({ offset: true }),
  priority: PriorityClassSchema.exclude(['appointment']).default('normal'),
  /**
   * The commandId of a `ticket:issue` the kiosk sent for the same tap and got no answer to: if
   * the hub did issue that ticket, it is cancelled, so the citizen's paper is the only number.
   */
  supersedes: CommandIdSchema.optional(),
  /**
   * The public token the kiosk drew for the ticket's QR when the centre has a public address
   * (18 random bytes, base64url): registered with the ticket, so the printed link works from the
   * delivery on. A token already taken by another ticket is not registered (the ticket still is).
   */
  trackingToken: z.string().regex(/^[A-Za-z0-9_-]{24}$/, '24 base64url characters (18 random bytes)').optional(),
});

/**
 * What became of the ticket named by `supersedes`: a ticket still waiting is cancelled (the
 * citizen holds the offline paper); one already called is kept, so the counter's record of it
 * stays true, and `cancelled` is false (true if it was already cancelled, e.g. voided by the kiosk).
 */
export const SupersededTicketSchema = z.object({
  ticketId: z.number().int().positive(),
  number: z.number().int().positive(),
  cancelled: z.boolean(),
});
