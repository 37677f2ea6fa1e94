import { z } from 'zod';
import { TicketSchema, type Ticket } from './types';

export const RECENT_CALLS = 10;

/** The live state of the floor as every device sees it. */
export const QueueSnapshotSchema = z.object({
  seq: z.number().int().nonnegative(),
  day: z.string(),
  /** Waiting tickets per service id. */
  waiting: z.record(z.string(), z.number().int().nonnegative()),
  /** The last ticket called today at each counter (whatever its state now), or null. */
  counters: z.record(z.string(), TicketSchema.nullable()),
  /** The latest calls, newest first. */
  recentCalls: z.array(TicketSchema),
});
export type QueueSnapshot = z.infer<typeof QueueSnapshotSchema>;

export const QUEUE_EVENT_TYPES = ['ticket-issued', 'ticket-called', 'ticket-started', 'ticket-completed', 'ticket-no-show', 'ticket-cancelled'] as const;

export const QueueEventSchema = z.object({
  seq: z.number().int().positive(),
  at: z.string(),
  type: z.enum(QUEUE_EVENT_TYPES),
  ticket: TicketSchema,
});
export type QueueEvent = z.infer<typeof QueueEventSchema>;

function replaceTicket(list: readonly Ticket[], ticket: Ticket): Ticket[] {
  return list.map((t) => (t.id === ticket.id ? ticket : t));
}

/**
 * Applies one broadcast event to a snapshot. Returns null when the event cannot be applied
 * (a sequence gap, or a new day): the device must then ask the hub for a fresh snapshot.
 * Events already reflected in the snapshot (seq <= snapshot.seq) leave it unchanged.
 */
export function applyQueueEvent(snapshot: QueueSnapshot, event: QueueEvent): QueueSnapshot | null {
  if (event.seq <= snapshot.seq) return snapshot;
  if (event.seq !== snapshot.seq + 1 || event.ticket.day !== snapshot.day) return null;
  const { ticket } = event;
  const next: QueueSnapshot = { ...snapshot, seq: event.seq, waiting: { ...snapshot.waiting }, counters: { ...snapshot.counters } };
  switch (event.type) {
    case 'ticket-issued':
      next.waiting[ticket.serviceId] = (next.waiting[ticket.serviceId] ?? 0) + 1;
      return next;
    case 'ticket-called':
      next.waiting[ticket.serviceId] = Math.max(0, (next.waiting[ticket.serviceId] ?? 0) - 1);
      if (ticket.counterId !== null) next.counters[ticket.counterId] = ticket;
      next.recentCalls = [ticket, ...snapshot.recentCalls.filter((t) => t.id !== ticket.id)].slice(0, RECENT_CALLS);
      return next;
    case 'ticket-cancelled':
      next.waiting[ticket.serviceId] = Math.max(0, (next.waiting[ticket.serviceId] ?? 0) - 1);
      return next;
    case 'ticket-started':
    case 'ticket-completed':
    case 'ticket-no-show':
      if (ticket.counterId !== null && next.counters[ticket.counterId]?.id === ticket.id) next.counters[ticket.counterId] = ticket;
      next.recentCalls = replaceTicket(snapshot.recentCalls, ticket);
      return next;
  }
}
