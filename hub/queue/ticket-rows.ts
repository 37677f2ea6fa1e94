import type { PriorityClass, Ticket, TicketState } from '../../core/queue/types';

/**
 * The rows of tickets and counter states as both stores return them (the same columns holding
 * the same values: docs/province.md, "Schema decisions"), and their mapping to the domain. The
 * PostgreSQL tables carry centre_id besides; the repositories never select it.
 */
export interface TicketRow {
  id: number;
  day: string;
  service_id: string;
  number: number;
  state: TicketState;
  issued_at: string;
  called_at: string | null;
  started_at: string | null;
  finished_at: string | null;
  counter_id: string | null;
  issued_by: string;
  priority: PriorityClass;
  recalls: number;
  assigned_counter_id: string | null;
  first_called_at: string | null;
  clerk_id: string | null;
}

export interface CounterStateRow {
  counter_id: string;
  paused: number;
  paused_reason: string | null;
  clerk_id: string | null;
}

/** A counter's stored state; clerk names are resolved by the caller, who knows the clerks. */
export interface StoredCounterState {
  paused: boolean;
  pausedReason: string | null;
  clerkId: string | null;
}

/** What a newly issued ticket's answer estimates its wait from (the repositories' waitFigures). */
export interface WaitFigures {
  /** Waiting tickets of its service issued before it. */
  readonly waitingAhead: number;
  /** The raw counter states (which counters are paused). */
  readonly counterStates: Map<string, StoredCounterState>;
  /** The service's most recent service durations in minutes, newest first. */
  readonly recentMinutes: number[];
}

/** A walk-in's new ticket and the figures its answer estimates the wait from, read with it (the repositories' issueTicket). */
export interface IssuedTicket {
  readonly ticket: Ticket;
  readonly figures: WaitFigures;
}

/** The columns of a ticket, in the order of TicketRow (for the PostgreSQL queries, which name them instead of `*`). */
export const TICKET_COLUMNS =
  'id, day, service_id, number, state, issued_at, called_at, started_at, finished_at, counter_id, issued_by, priority, recalls, assigned_counter_id, first_called_at, clerk_id';

export function toTicket(r: TicketRow): Ticket {
  return {
    id: r.id,
    day: r.day,
    serviceId: r.service_id,
    number: r.number,
    state: r.state,
    issuedAt: r.issued_at,
    calledAt: r.called_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    counterId: r.counter_id,
    issuedBy: r.issued_by,
    priority: r.priority,
    recalls: r.recalls,
    assignedCounterId: r.assigned_counter_id,
    firstCalledAt: r.first_called_at,
    clerkId: r.clerk_id,
  };
}

export function toCounterStates(rows: readonly CounterStateRow[]): Map<string, StoredCounterState> {
  return new Map(rows.map((r) => [r.counter_id, { paused: r.paused === 1, pausedReason: r.paused_reason, clerkId: r.clerk_id }]));
}
