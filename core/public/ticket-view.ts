import type { Ticket } from '../queue/types';

/**
 * What the public ticket page shows, and all it ever shows: the number, the service, the place in
 * the queue, the estimate and, once called, the counter. No name, no phone, no clerk, no other
 * ticket: the page is reachable by anyone holding the paper.
 */
export type PublicTicketPhase = 'waiting' | 'called' | 'serving' | 'done' | 'missed' | 'cancelled';

export interface PublicTicketView {
  readonly number: number;
  readonly serviceName: string;
  readonly phase: PublicTicketPhase;
  /** People of the same service issued earlier and still waiting; null once the ticket no longer waits. */
  readonly ahead: number | null;
  readonly estimatedWaitMinutes: number | null;
  /** The counter's public label ("3") once called; null before. */
  readonly counterLabel: string | null;
  /** The latest call's instant: a recall moves it, and the phone alerts again. */
  readonly calledAt: string | null;
  /** The ticket's service day (YYYY-MM-DD): the page is valid until that day ends. */
  readonly day: string;
  /** "Nhắc tôi khi còn N người": the N set for this ticket, or null (the phone itself is never shown). */
  readonly reminder: number | null;
  /** The page offers a reminder: the centre can send messages, the ticket waits and has none yet. */
  readonly canRemind: boolean;
  /** The page offers the rating: the ticket was served and is not rated yet. */
  readonly canRate: boolean;
  readonly rated: boolean;
}

const PHASE: Readonly<Record<Ticket['state'], PublicTicketPhase>> = {
  waiting: 'waiting',
  called: 'called',
  serving: 'serving',
  done: 'done',
  'no-show': 'missed',
  cancelled: 'cancelled',
};

export interface PublicTicketFacts {
  readonly ticket: Pick<Ticket, 'number' | 'state' | 'day' | 'calledAt' | 'counterId'>;
  readonly serviceName: string;
  /** The public label of the ticket's counter, when it has one. */
  readonly counterLabel: string | null;
  /** Waiting tickets of its service ahead of it (only read while it waits). */
  readonly ahead: number;
  readonly estimatedWaitMinutes: number | null;
  /** The follow-ups of this ticket; absent: none offered. */
  readonly followUp?: {
    /** Whether the centre sends "queue-near" messages (a notifier with its template). */
    readonly remindersOffered: boolean;
    readonly reminderRemaining: number | null;
    readonly rated: boolean;
  };
}

export function publicTicketView(f: PublicTicketFacts): PublicTicketView {
  const phase = PHASE[f.ticket.state];
  const waiting = phase === 'waiting';
  const atCounter = phase === 'called' || phase === 'serving';
  return {
    number: f.ticket.number,
    serviceName: f.serviceName,
    phase,
    ahead: waiting ? f.ahead : null,
    estimatedWaitMinutes: waiting ? f.estimatedWaitMinutes : null,
    counterLabel: atCounter ? f.counterLabel : null,
    calledAt: atCounter ? f.ticket.calledAt : null,
    day: f.ticket.day,
    reminder: f.followUp?.reminderRemaining ?? null,
    canRemind: waiting && (f.followUp?.remindersOffered ?? false) && f.followUp?.reminderRemaining === null,
    canRate: phase === 'done' && f.followUp !== undefined && !f.followUp.rated,
    rated: f.followUp?.rated ?? false,
  };
}

/** A ticket's page lives until its service day ends in the centre's zone: after that it is expired, whatever its state. */
export function ticketPageExpired(ticketDay: string, today: string): boolean {
  return ticketDay < today;
}

/** Zero-based positions of a service's waiting tickets, in call order of issue (ids listed oldest first). */
export function positionsOf(waitingIdsInIssueOrder: readonly number[]): Map<number, number> {
  return new Map(waitingIdsInIssueOrder.map((id, i) => [id, i]));
}
