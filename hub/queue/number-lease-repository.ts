import type { Database, Statement } from 'better-sqlite3';
import type { PriorityClass, Ticket } from '../../core/queue/types';

/**
 * SQL of kiosks' number leases and the offline tickets delivered from them (NumberLeases holds
 * the rules). The PostgreSQL twin is hub/store/pg/pg-number-lease-repository.ts; the row types
 * and mappers below are shared by both.
 */

export interface LeaseRow {
  id: number;
  device_id: string;
  first_number: number;
  last_number: number;
  leased_at: string;
}

/** The lease whose block may hold a number: the one starting at or below it. */
export interface LeaseHolding {
  readonly id: number;
  readonly deviceId: string;
  readonly firstNumber: number;
  readonly lastNumber: number;
  readonly leasedAt: string;
}

export function toLeaseHolding(r: LeaseRow): LeaseHolding {
  return { id: r.id, deviceId: r.device_id, firstNumber: r.first_number, lastNumber: r.last_number, leasedAt: r.leased_at };
}

export interface NewLease {
  readonly day: string;
  readonly serviceId: string;
  readonly deviceId: string;
  readonly from: number;
  readonly to: number;
  readonly leasedAt: string;
  readonly commandId: string;
}

export interface OfflineDelivery {
  readonly ticketId: number;
  readonly leaseId: number;
  readonly day: string;
  readonly serviceId: string;
  readonly number: number;
  readonly reportedIssuedAt: string;
  readonly deliveredAt: string;
  readonly commandId: string;
  readonly supersedes: string | null;
  readonly supersededTicketId: number | null;
}

const SQL = {
  insertLease: `INSERT INTO number_leases (day, service_id, device_id, first_number, last_number, leased_at, command_id)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  leaseHolding: `SELECT id, device_id, first_number, last_number, leased_at FROM number_leases
     WHERE day = ? AND service_id = ? AND first_number <= ? ORDER BY first_number DESC LIMIT 1`,
  leasedTo: `SELECT coalesce(sum(last_number - first_number + 1), 0) AS n FROM number_leases WHERE day = ? AND service_id = ? AND device_id = ?`,
  deliveredTo: `SELECT count(*) AS n FROM offline_tickets o JOIN number_leases l ON l.id = o.lease_id
     WHERE l.day = ? AND l.service_id = ? AND l.device_id = ?`,
  delivered: 'SELECT ticket_id FROM offline_tickets WHERE day = ? AND service_id = ? AND number = ?',
  ticketWithNumber: 'SELECT id FROM tickets WHERE day = ? AND service_id = ? AND number = ?',
  insertTicket: `INSERT INTO tickets (day, service_id, number, state, issued_at, issued_by, priority) VALUES (?, ?, ?, 'waiting', ?, ?, ?) RETURNING id`,
  insertOffline: `INSERT INTO offline_tickets (ticket_id, lease_id, day, service_id, number, reported_issued_at, delivered_at, command_id, supersedes, superseded_ticket_id)
     VALUES (@ticketId, @leaseId, @day, @serviceId, @number, @reportedIssuedAt, @deliveredAt, @commandId, @supersedes, @supersededTicketId)`,
  supersededBy: 'SELECT number, service_id FROM offline_tickets WHERE supersedes = ?',
  ticketState: 'SELECT state, number FROM tickets WHERE id = ?',
} as const;

export class NumberLeaseRepository {
  private readonly s: { readonly [K in keyof typeof SQL]: Statement };

  constructor(db: Database) {
    this.s = Object.fromEntries(Object.entries(SQL).map(([k, q]) => [k, db.prepare(q)])) as NumberLeaseRepository['s'];
  }

  /** How many numbers of the service's day were leased to the device, in all. */
  leasedTo(day: string, serviceId: string, deviceId: string): number {
    return (this.s.leasedTo.get(day, serviceId, deviceId) as { n: number }).n;
  }

  /** How many tickets the device delivered from its leases of the service's day. */
  deliveredTo(day: string, serviceId: string, deviceId: string): number {
    return (this.s.deliveredTo.get(day, serviceId, deviceId) as { n: number }).n;
  }

  insertLease(lease: NewLease): void {
    this.s.insertLease.run(lease.day, lease.serviceId, lease.deviceId, lease.from, lease.to, lease.leasedAt, lease.commandId);
  }

  leaseHolding(day: string, serviceId: string, number: number): LeaseHolding | null {
    const row = this.s.leaseHolding.get(day, serviceId, number) as LeaseRow | undefined;
    return row ? toLeaseHolding(row) : null;
  }

  /** Whether the number of the service's day is a ticket already (delivered, or issued online). */
  numberRecorded(day: string, serviceId: string, number: number): boolean {
    return this.s.delivered.get(day, serviceId, number) !== undefined || this.s.ticketWithNumber.get(day, serviceId, number) !== undefined;
  }

  /** A delivered ticket with its own number (number_sequences is the online numbers', untouched); its id. */
  insertOfflineTicket(day: string, serviceId: string, number: number, issuedAt: string, issuedBy: string, priority: PriorityClass): number {
    return (this.s.insertTicket.get(day, serviceId, number, issuedAt, issuedBy, priority) as { id: number }).id;
  }

  recordDelivery(delivery: OfflineDelivery): void {
    this.s.insertOffline.run(delivery);
  }

  /** The offline ticket that superseded a ticket:issue command, if any. */
  supersededBy(commandId: string): { number: number; serviceId: string } | null {
    const row = this.s.supersededBy.get(commandId) as { number: number; service_id: string } | undefined;
    return row ? { number: row.number, serviceId: row.service_id } : null;
  }

  ticketState(ticketId: number): { state: Ticket['state']; number: number } | null {
    return (this.s.ticketState.get(ticketId) as { state: Ticket['state']; number: number } | undefined) ?? null;
  }
}
