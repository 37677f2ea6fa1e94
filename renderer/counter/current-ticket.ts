import type { QueueSnapshot } from '../../core/queue/snapshot';
import type { Ticket, TicketState } from '../../core/queue/types';

const PROGRESS: Readonly<Record<TicketState, number>> = { waiting: 0, called: 1, serving: 2, done: 3, 'no-show': 3, cancelled: 3 };

/**
 * The ticket at a counter: what the last pushed snapshot says, unless the answer to this
 * counter's own command is newer (the push may lag the answer; acting on the stale one would
 * call a second citizen). Same ticket: the further state wins; different tickets: the later call.
 */
export function ticketAtCounter(snapshot: QueueSnapshot | null, counterId: string, answered: Ticket | null): Ticket | null {
  const pushed = snapshot?.counters[counterId] ?? null;
  if (answered === null || (snapshot !== null && answered.day !== snapshot.day)) return pushed;
  if (pushed === null) return answered;
  if (pushed.id === answered.id) return PROGRESS[answered.state] > PROGRESS[pushed.state] ? answered : pushed;
  return (answered.calledAt ?? '') > (pushed.calledAt ?? '') ? answered : pushed;
}
