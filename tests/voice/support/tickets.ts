import type { QueueSnapshot } from '../../../core/queue/snapshot';
import type { Ticket } from '../../../core/queue/types';
import { DAY, ticket } from '../../renderer/support/contexts';

/**
 * Tickets of the renderer suites' test day, built by their `ticket()` so they follow the
 * ticket schema as it grows (the display validates every pushed context against it).
 */

/** A ticket called at `hhmm` (Vietnam time) at `counterId`. */
export function calledTicket(id: number, number: number, counterId: string, hhmm: string): Ticket {
  return ticket(id, 'ho-tich', number, 'called', counterId, hhmm);
}

/** The same ticket called again at `hhmm`: what the hub broadcasts as "ticket-recalled". */
export function recalled(t: Ticket, hhmm: string): Ticket {
  return { ...t, calledAt: `${DAY}T${hhmm}:00+07:00`, recalls: t.recalls + 1 };
}

export function emptyFloor(): QueueSnapshot {
  return { seq: 1, day: DAY, waiting: { 'ho-tich': 5 }, counters: {}, counterStates: {}, recentCalls: [] };
}
