import type { Database, Statement } from 'better-sqlite3';
import type { QueueEvent } from '../../core/queue/snapshot';
import { RECENT_CALLS } from '../../core/queue/snapshot';
import type { Ticket, TicketState } from '../../core/queue/types';

interface TicketRow {
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
}

function toTicket(r: TicketRow): Ticket {
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
  };
}

const SQL = {
  lastNumber: 'SELECT last_number FROM number_sequences WHERE day = ? AND service_id = ?',
  setLastNumber: `INSERT INTO number_sequences (day, service_id, last_number) VALUES (?, ?, ?)
     ON CONFLICT (day, service_id) DO UPDATE SET last_number = excluded.last_number`,
  insertTicket: `INSERT INTO tickets (day, service_id, number, state, issued_at, issued_by) VALUES (?, ?, ?, 'waiting', ?, ?) RETURNING *`,
  byId: 'SELECT * FROM tickets WHERE id = ?',
  waiting: `SELECT * FROM tickets WHERE day = ? AND state = 'waiting' ORDER BY issued_at, id`,
  waitingAhead: `SELECT count(*) AS n FROM tickets WHERE day = ? AND state = 'waiting' AND service_id = ? AND id < ?`,
  waitingCounts: `SELECT service_id, count(*) AS n FROM tickets WHERE day = ? AND state = 'waiting' GROUP BY service_id`,
  activeAtCounter: `SELECT * FROM tickets WHERE day = ? AND counter_id = ? AND state IN ('called', 'serving') ORDER BY called_at DESC, id DESC LIMIT 1`,
  lastAtCounter: 'SELECT * FROM tickets WHERE day = ? AND counter_id = ? ORDER BY called_at DESC, id DESC LIMIT 1',
  recentCalls: `SELECT * FROM tickets WHERE day = ? AND called_at IS NOT NULL ORDER BY called_at DESC, id DESC LIMIT ${RECENT_CALLS}`,
  update: `UPDATE tickets SET state = @state, called_at = @calledAt, started_at = @startedAt, finished_at = @finishedAt, counter_id = @counterId
     WHERE id = @id RETURNING *`,
  insertEvent: 'INSERT INTO events (at, type, ticket_id) VALUES (?, ?, ?) RETURNING seq',
  lastSeq: 'SELECT coalesce(max(seq), 0) AS seq FROM events',
} as const;

/** SQL for tickets, number sequences and the event log. Callers own the transactions. */
export class TicketRepository {
  private readonly s: { readonly [K in keyof typeof SQL]: Statement };

  constructor(db: Database) {
    this.s = Object.fromEntries(Object.entries(SQL).map(([k, q]) => [k, db.prepare(q)])) as TicketRepository['s'];
  }

  lastNumber(day: string, serviceId: string): number | null {
    const row = this.s.lastNumber.get(day, serviceId) as { last_number: number } | undefined;
    return row?.last_number ?? null;
  }

  insertTicket(day: string, serviceId: string, number: number, issuedAt: string, issuedBy: string): Ticket {
    this.s.setLastNumber.run(day, serviceId, number);
    return toTicket(this.s.insertTicket.get(day, serviceId, number, issuedAt, issuedBy) as TicketRow);
  }

  byId(id: number): Ticket | null {
    const row = this.s.byId.get(id) as TicketRow | undefined;
    return row ? toTicket(row) : null;
  }

  waiting(day: string): Ticket[] {
    return (this.s.waiting.all(day) as TicketRow[]).map(toTicket);
  }

  waitingAhead(ticket: Ticket): number {
    return (this.s.waitingAhead.get(ticket.day, ticket.serviceId, ticket.id) as { n: number }).n;
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
    const { id, state, calledAt, startedAt, finishedAt, counterId } = ticket;
    return toTicket(this.s.update.get({ id, state, calledAt, startedAt, finishedAt, counterId }) as TicketRow);
  }

  appendEvent(type: QueueEvent['type'], ticket: Ticket, at: string): QueueEvent {
    const { seq } = this.s.insertEvent.get(at, type, ticket.id) as { seq: number };
    return { seq, at, type, ticket };
  }

  lastSeq(): number {
    return (this.s.lastSeq.get() as { seq: number }).seq;
  }
}
