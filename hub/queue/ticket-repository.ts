import type { Database, Statement } from 'better-sqlite3';
import { RECENT_CALLS, type CounterState, type QueueEvent, type TicketEventType } from '../../core/queue/snapshot';
import type { CallCandidates } from '../../core/queue/call-candidates';
import { nextNumber, type NumberedService } from '../../core/queue/numbering';
import { ok, type Result } from '../../core/result';
import type { Counter, PriorityClass, Ticket } from '../../core/queue/types';
import { toCounterStates, toTicket, type CounterStateRow, type IssuedTicket, type StoredCounterState, type TicketRow, type WaitFigures } from './ticket-rows';
import { ESTIMATE_SAMPLE } from '../../core/queue/wait-estimate';

/** The statements, exported for the plan tests (tests/hub/migration-0026-waiting-and-counter-indexes.test.ts). */
export const TICKET_SQL = {
  // Online numbers count up (number_sequences), kiosks' leases count down from the top of the block (migration 0011;
  // min() reads one entry of number_leases_by_number): core/queue/numbering.ts keeps the two apart.
  numbering: `SELECT (SELECT last_number FROM number_sequences WHERE day = @day AND service_id = @serviceId) AS last_issued,
       (SELECT min(first_number) FROM number_leases WHERE day = @day AND service_id = @serviceId) AS lowest_leased`,
  setLastNumber: `INSERT INTO number_sequences (day, service_id, last_number) VALUES (?, ?, ?)
     ON CONFLICT (day, service_id) DO UPDATE SET last_number = excluded.last_number`,
  insertTicket: `INSERT INTO tickets (day, service_id, number, state, issued_at, issued_by, priority) VALUES (?, ?, ?, 'waiting', ?, ?, ?) RETURNING *`,
  byId: 'SELECT * FROM tickets WHERE id = ?',
  // The kiosk's rating by number: a day's tickets with that number (one per service at most; blocks rarely overlap).
  byNumber: 'SELECT * FROM tickets WHERE day = ? AND number = ? ORDER BY id',
  // In call order (issued_at, then id): a kiosk's offline ticket is delivered late but keeps its place.
  waitingAhead: `SELECT count(*) AS n FROM tickets WHERE day = @day AND state = 'waiting' AND service_id = @serviceId
       AND (issued_at < @issuedAt OR (issued_at = @issuedAt AND id < @id))`,
  waitingCounts: `SELECT service_id, count(*) AS n FROM tickets WHERE day = ? AND state = 'waiting' GROUP BY service_id`,
  activeAtCounter: `SELECT * FROM tickets WHERE day = ? AND counter_id = ? AND state IN ('called', 'serving') ORDER BY called_at DESC, id DESC LIMIT 1`,
  lastAtCounter: 'SELECT * FROM tickets WHERE day = ? AND counter_id = ? ORDER BY called_at DESC, id DESC LIMIT 1',
  recentCalls: `SELECT * FROM tickets WHERE day = ? AND called_at IS NOT NULL ORDER BY called_at DESC, id DESC LIMIT ${RECENT_CALLS}`,
  // The call candidates (migrations 0010 and 0026): each reads one or a few index entries. INDEXED BY: without ANALYZE
  // statistics the planner once preferred tickets_by_state (gone since 0026), which walked a service's whole queue when no
  // priority ticket waited; the index is named so that no statistics can bring that back.
  headOfService: `SELECT * FROM tickets INDEXED BY tickets_waiting_heads WHERE state = 'waiting' AND day = ? AND assigned_counter_id IS NULL AND service_id = ? AND (priority <> 'normal') = ?
     ORDER BY issued_at, id LIMIT 1`,
  headTransferred: `SELECT * FROM tickets WHERE state = 'waiting' AND day = ? AND assigned_counter_id = ? ORDER BY issued_at, id LIMIT 1`,
  latestCallClasses: `SELECT priority FROM tickets WHERE day = ? AND counter_id = ? AND first_called_at IS NOT NULL ORDER BY first_called_at DESC, id DESC LIMIT ?`,
  callsByService: `SELECT service_id, count(*) AS n FROM tickets WHERE day = ? AND counter_id = ? AND first_called_at IS NOT NULL GROUP BY service_id`,
  update: `UPDATE tickets SET state = @state, service_id = @serviceId, called_at = @calledAt, first_called_at = @firstCalledAt,
       started_at = @startedAt, finished_at = @finishedAt, counter_id = @counterId, recalls = @recalls, assigned_counter_id = @assignedCounterId, clerk_id = @clerkId
     WHERE id = @id RETURNING *`,
  insertTicketEvent: 'INSERT INTO events (at, type, ticket_id) VALUES (?, ?, ?) RETURNING seq',
  insertCounterEvent: `INSERT INTO events (at, type, counter_id) VALUES (?, 'counter-changed', ?) RETURNING seq`,
  counterStates: 'SELECT * FROM counter_states',
  counterState: 'SELECT * FROM counter_states WHERE counter_id = ?',
  setCounterState: `INSERT INTO counter_states (counter_id, paused, paused_reason, clerk_id, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (counter_id) DO UPDATE SET paused = excluded.paused, paused_reason = excluded.paused_reason,
       clerk_id = excluded.clerk_id, updated_at = excluded.updated_at`,
  lastSeq: 'SELECT coalesce(max(seq), 0) AS seq FROM events',
  // A service's day against its walk-in cap: tickets not voided (the UNIQUE (day, service_id, number) index) and the
  // day's bookings still to come (checked-in ones already have their ticket, cancelled ones free their place).
  takenToday: `SELECT (SELECT count(*) FROM tickets WHERE day = @day AND service_id = @serviceId AND state <> 'cancelled')
       + (SELECT count(*) FROM appointments WHERE date = @day AND service_id = @serviceId AND state = 'booked')
       + (SELECT count(*) FROM booking_holds WHERE date = @day AND service_id = @serviceId AND expires_at > @liveAt) AS n`,
  recentServiceMinutes: `SELECT round((julianday(finished_at) - julianday(started_at)) * 1440, 3) AS minutes FROM tickets
     WHERE service_id = ? AND state = 'done' AND started_at IS NOT NULL ORDER BY finished_at DESC LIMIT ?`,
} as const;

/** SQL for tickets, number sequences and the event log. Callers own the transactions. */
export class TicketRepository {
  private readonly s: { readonly [K in keyof typeof TICKET_SQL]: Statement };

  constructor(db: Database) {
    this.s = Object.fromEntries(Object.entries(TICKET_SQL).map(([k, q]) => [k, db.prepare(q)])) as TicketRepository['s'];
  }

  /** Where a service's numbering stands today: the last online number and the lowest number leased to a kiosk (null: none). */
  numbering(day: string, serviceId: string): { lastIssued: number | null; lowestLeased: number | null } {
    const row = this.s.numbering.get({ day, serviceId }) as { last_issued: number | null; lowest_leased: number | null };
    return { lastIssued: row.last_issued, lowestLeased: row.lowest_leased };
  }

  /** Tickets of the day not voided plus bookings of the day not yet checked in: what a daily cap counts. */
  /** With `liveAt` (ISO instant), the online booking holds live then count too (hub/booking/). */
  takenToday(day: string, serviceId: string, liveAt = '9999'): number {
    return (this.s.takenToday.get({ day, serviceId, liveAt }) as { n: number }).n;
  }

  /**
   * A walk-in's ticket with the service's next online number by core's rule (nextNumber), and the
   * figures of its wait estimate (`sample` durations) read after it; or the `exhausted` refusal.
   */
  issueTicket(day: string, service: NumberedService, issuedAt: string, issuedBy: string, priority: PriorityClass, sample = ESTIMATE_SAMPLE): Result<IssuedTicket> {
    const { lastIssued, lowestLeased } = this.numbering(day, service.id);
    const next = nextNumber(service, lastIssued, lowestLeased);
    if (!next.ok) return next;
    const ticket = this.insertTicket(day, service.id, next.value, issuedAt, issuedBy, priority);
    return ok({ ticket, figures: this.waitFigures(ticket, sample) });
  }

  insertTicket(day: string, serviceId: string, number: number, issuedAt: string, issuedBy: string, priority: PriorityClass): Ticket {
    this.s.setLastNumber.run(day, serviceId, number);
    return toTicket(this.s.insertTicket.get(day, serviceId, number, issuedAt, issuedBy, priority) as TicketRow);
  }

  /** What the call rules look at for a counter (core/queue/call-candidates.ts), never the whole queue. */
  callCandidates(day: string, counter: Pick<Counter, 'id' | 'serviceIds' | 'serviceWeights'>, priorityRatio: number): CallCandidates {
    const head = (serviceId: string, priority: boolean) => {
      const row = this.s.headOfService.get(day, serviceId, priority ? 1 : 0) as TicketRow | undefined;
      return row ? toTicket(row) : null;
    };
    const transferred = this.s.headTransferred.get(day, counter.id) as TicketRow | undefined;
    // Only whether the ratio is reached matters: the latest `priorityRatio` calls say it.
    const latest = this.s.latestCallClasses.all(day, counter.id, priorityRatio) as { priority: PriorityClass }[];
    const sincePriority = latest.findIndex((r) => r.priority !== 'normal');
    const counts = counter.serviceWeights ? (this.s.callsByService.all(day, counter.id) as { service_id: string; n: number }[]) : [];
    return {
      transferredHere: transferred ? toTicket(transferred) : null,
      heads: [...new Set(counter.serviceIds)].map((serviceId) => ({ serviceId, priority: head(serviceId, true), normal: head(serviceId, false) })),
      normalCallsSincePriority: sincePriority === -1 ? latest.length : sincePriority,
      callsByService: new Map(counts.map((r) => [r.service_id, r.n])),
    };
  }

  byId(id: number): Ticket | null {
    const row = this.s.byId.get(id) as TicketRow | undefined;
    return row ? toTicket(row) : null;
  }

  /** Whether a ticket with this id belongs to another centre: never on a centre's own file (hub/store/pg answers for a province). */
  heldElsewhere(_id: number): boolean {
    return false;
  }

  byNumber(day: string, number: number): Ticket[] {
    return (this.s.byNumber.all(day, number) as TicketRow[]).map(toTicket);
  }

  waitingAhead(ticket: Ticket): number {
    const { day, serviceId, issuedAt, id } = ticket;
    return (this.s.waitingAhead.get({ day, serviceId, issuedAt, id }) as { n: number }).n;
  }

  waitingCounts(day: string): Map<string, number> {
    const rows = this.s.waitingCounts.all(day) as { service_id: string; n: number }[];
    return new Map(rows.map((r) => [r.service_id, r.n]));
  }

  activeAtCounter(day: string, counterId: string): Ticket | null {
    const row = this.s.activeAtCounter.get(day, counterId) as TicketRow | undefined;
    return row ? toTicket(row) : null;
  }

  lastAtCounter(day: string, counterId: string): Ticket | null {
    const row = this.s.lastAtCounter.get(day, counterId) as TicketRow | undefined;
    return row ? toTicket(row) : null;
  }

  recentCalls(day: string): Ticket[] {
    return (this.s.recentCalls.all(day) as TicketRow[]).map(toTicket);
  }

  update(ticket: Ticket): Ticket {
    const { id, state, serviceId, calledAt, firstCalledAt, startedAt, finishedAt, counterId, recalls, assignedCounterId, clerkId } = ticket;
    return toTicket(this.s.update.get({ id, state, serviceId, calledAt, firstCalledAt, startedAt, finishedAt, counterId, recalls, assignedCounterId, clerkId }) as TicketRow);
  }

  appendTicketEvent(type: TicketEventType, ticket: Ticket, at: string): QueueEvent {
    const { seq } = this.s.insertTicketEvent.get(at, type, ticket.id) as { seq: number };
    return { kind: 'ticket', seq, at, type, ticket };
  }

  appendCounterEvent(day: string, counterId: string, state: CounterState, at: string): QueueEvent {
    const { seq } = this.s.insertCounterEvent.get(at, counterId) as { seq: number };
    return { kind: 'counter', seq, at, day, counterId, state };
  }

  /** Raw counter states; clerk names are resolved by the caller, who knows the clerks. */
  counterStates(): Map<string, StoredCounterState> {
    return toCounterStates(this.s.counterStates.all() as CounterStateRow[]);
  }

  /**
   * One counter's stored state (null: never changed), read to change it: on PostgreSQL a
   * transaction's read waits for the counter's other changes and holds it until its end
   * (SQLite has one writer at a time).
   */
  counterState(counterId: string): StoredCounterState | null {
    return toCounterStates(this.s.counterState.all(counterId) as CounterStateRow[]).get(counterId) ?? null;
  }

  setCounterState(counterId: string, state: StoredCounterState, at: string): void {
    this.s.setCounterState.run(counterId, state.paused ? 1 : 0, state.pausedReason, state.clerkId, at);
  }

  /** waitingAhead, counterStates and recentServiceMinutes of the ticket's service (`sample` durations) at once. */
  waitFigures(ticket: Ticket, sample: number): WaitFigures {
    return { waitingAhead: this.waitingAhead(ticket), counterStates: this.counterStates(), recentMinutes: this.recentServiceMinutes(ticket.serviceId, sample) };
  }

  /** The durations in minutes of the service's most recent finished services, newest first. */
  recentServiceMinutes(serviceId: string, limit: number): number[] {
    return (this.s.recentServiceMinutes.all(serviceId, limit) as { minutes: number }[]).map((r) => r.minutes);
  }

  lastSeq(): number {
    return (this.s.lastSeq.get() as { seq: number }).seq;
  }
}
