import { z } from 'zod';
import { IdSchema, TicketSchema, type Ticket } from './types';

export const RECENT_CALLS = 10;

/** A counter as the floor sees it: open or paused, and who is working there. */
export const CounterStateSchema = z.object({
  paused: z.boolean(),
  /** Why, in words for the public ("Nghỉ trưa", "Họp"), when paused. */
  pausedReason: z.string().nullable(),
  clerk: z.object({ id: IdSchema, name: z.string() }).nullable(),
});
export type CounterState = z.infer<typeof CounterStateSchema>;
export const OPEN_COUNTER: CounterState = { paused: false, pausedReason: null, clerk: null };

/** The live state of the floor as every device sees it. */
export const QueueSnapshotSchema = z.object({
  seq: z.number().int().nonnegative(),
  day: z.string(),
  /** Waiting tickets per service id. */
  waiting: z.record(z.string(), z.number().int().nonnegative()),
  /** The last ticket called today at each counter (whatever its state now), or null. */
  counters: z.record(z.string(), TicketSchema.nullable()),
  counterStates: z.record(z.string(), CounterStateSchema),
  /** The latest calls, newest first (a recall counts as a call). */
  recentCalls: z.array(TicketSchema),
});
export type QueueSnapshot = z.infer<typeof QueueSnapshotSchema>;

export const TICKET_EVENT_TYPES = [
  'ticket-issued',
  'ticket-called',
  'ticket-recalled',
  'ticket-started',
  'ticket-completed',
  'ticket-no-show',
  'ticket-cancelled',
  'ticket-transferred',
] as const;
export type TicketEventType = (typeof TICKET_EVENT_TYPES)[number];

export const QueueEventSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ticket'), seq: z.number().int().positive(), at: z.string(), type: z.enum(TICKET_EVENT_TYPES), ticket: TicketSchema }),
  z.object({ kind: z.literal('counter'), seq: z.number().int().positive(), at: z.string(), day: z.string(), counterId: IdSchema, state: CounterStateSchema }),
]);
export type QueueEvent = z.infer<typeof QueueEventSchema>;
export type TicketEvent = Extract<QueueEvent, { kind: 'ticket' }>;

function replaceTicket(list: readonly Ticket[], ticket: Ticket): Ticket[] {
  return list.map((t) => (t.id === ticket.id ? ticket : t));
}

const bump = (waiting: Record<string, number>, serviceId: string, by: number) => {
  waiting[serviceId] = Math.max(0, (waiting[serviceId] ?? 0) + by);
};

/**
 * Applies one broadcast event to a snapshot. Returns null when the event cannot be applied
 * (a sequence gap, a new day, or a transfer, whose effect on a counter's last call only the hub
 * knows): the device must then ask the hub for a fresh snapshot.
 * Events already reflected in the snapshot (seq <= snapshot.seq) leave it unchanged.
 */
export function applyQueueEvent(snapshot: QueueSnapshot, event: QueueEvent): QueueSnapshot | null {
  if (event.seq <= snapshot.seq) return snapshot;
  const day = event.kind === 'ticket' ? event.ticket.day : event.day;
  if (event.seq !== snapshot.seq + 1 || day !== snapshot.day) return null;
  const next: QueueSnapshot = { ...snapshot, seq: event.seq, waiting: { ...snapshot.waiting }, counters: { ...snapshot.counters } };
  if (event.kind === 'counter') {
    next.counterStates = { ...snapshot.counterStates, [event.counterId]: event.state };
    return next;
  }
  const { ticket } = event;
  switch (event.type) {
    case 'ticket-issued':
      bump(next.waiting, ticket.serviceId, 1);
      return next;
    case 'ticket-cancelled':
      bump(next.waiting, ticket.serviceId, -1);
      next.recentCalls = replaceTicket(snapshot.recentCalls, ticket);
      return next;
    case 'ticket-called':
      bump(next.waiting, ticket.serviceId, -1);
      if (ticket.counterId !== null) next.counters[ticket.counterId] = ticket;
      next.recentCalls = [ticket, ...snapshot.recentCalls.filter((t) => t.id !== ticket.id)].slice(0, RECENT_CALLS);
      return next;
    case 'ticket-recalled':
      if (ticket.counterId !== null) next.counters[ticket.counterId] = ticket;
      next.recentCalls = [ticket, ...snapshot.recentCalls.filter((t) => t.id !== ticket.id)].slice(0, RECENT_CALLS);
      return next;
    case 'ticket-started':
    case 'ticket-completed':
    case 'ticket-no-show':
      if (ticket.counterId !== null && next.counters[ticket.counterId]?.id === ticket.id) next.counters[ticket.counterId] = ticket;
      next.recentCalls = replaceTicket(snapshot.recentCalls, ticket);
      return next;
    case 'ticket-transferred':
      return null;
  }
}
