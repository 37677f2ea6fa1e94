import type { PriorityClass, Ticket } from '../../../core/queue/types';
import { toLeaseHolding, type LeaseHolding, type LeaseRow, type NewLease, type OfflineDelivery } from '../../queue/number-lease-repository';
import type { PgSql } from './pg-store';
import { lockNumbering } from './ticket-numbers';

/**
 * The PostgreSQL twin of hub/queue/number-lease-repository.ts (kiosks' number leases and the
 * offline tickets delivered from them), for one centre. Exact across hub processes:
 * - a lease command starts with leasedTo(), which inside a transaction first takes the service's
 *   day numbering lock (ticket-numbers.ts): the kiosk's outstanding count, the numbering read and
 *   the new lease are then one critical section per service and day, as in SQLite's single writer;
 * - a delivery locks the lease it claims a number of (leaseHolding, FOR UPDATE): two deliveries of
 *   one lease take turns, so the second sees the first's ticket (numberRecorded) and is refused;
 * - ticketState() locks the phantom ticket a delivery is about to cancel.
 */

const SQL = {
  insertLease: `INSERT INTO number_leases (centre_id, day, service_id, device_id, first_number, last_number, leased_at, command_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
  leaseHolding: `SELECT id, device_id, first_number, last_number, leased_at FROM number_leases
     WHERE centre_id = $1 AND day = $2 AND service_id = $3 AND first_number <= $4 ORDER BY first_number DESC LIMIT 1`,
  leasedTo: `SELECT coalesce(sum(last_number - first_number + 1), 0)::integer AS n FROM number_leases WHERE centre_id = $1 AND day = $2 AND service_id = $3 AND device_id = $4`,
  deliveredTo: `SELECT count(*) AS n FROM offline_tickets o JOIN number_leases l ON l.id = o.lease_id
     WHERE l.centre_id = $1 AND l.day = $2 AND l.service_id = $3 AND l.device_id = $4`,
  numberRecorded: `SELECT EXISTS (SELECT 1 FROM offline_tickets WHERE centre_id = $1 AND day = $2 AND service_id = $3 AND number = $4)
       OR EXISTS (SELECT 1 FROM tickets WHERE centre_id = $1 AND day = $2 AND service_id = $3 AND number = $4) AS recorded`,
  insertTicket: `INSERT INTO tickets (centre_id, day, service_id, number, state, issued_at, issued_by, priority) VALUES ($1, $2, $3, $4, 'waiting', $5, $6, $7) RETURNING id`,
  insertOffline: `INSERT INTO offline_tickets (centre_id, ticket_id, lease_id, day, service_id, number, reported_issued_at, delivered_at, command_id, supersedes, superseded_ticket_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
  supersededBy: 'SELECT number, service_id FROM offline_tickets WHERE centre_id = $1 AND supersedes = $2',
  ticketState: 'SELECT state, number FROM tickets WHERE centre_id = $1 AND id = $2',
} as const;

export class PgNumberLeaseRepository {
  constructor(
    private readonly sql: PgSql,
    readonly centreId: string,
  ) {}

  /** How many numbers of the service's day were leased to the device, in all (under the numbering lock in a transaction). */
  async leasedTo(day: string, serviceId: string, deviceId: string): Promise<number> {
    if (this.sql.inTransaction) await lockNumbering(this.sql, this.centreId, day, serviceId);
    return (await this.sql.row<{ n: number }>(SQL.leasedTo, [this.centreId, day, serviceId, deviceId]))!.n;
  }

  async deliveredTo(day: string, serviceId: string, deviceId: string): Promise<number> {
    return (await this.sql.row<{ n: number }>(SQL.deliveredTo, [this.centreId, day, serviceId, deviceId]))!.n;
  }

  async insertLease(lease: NewLease): Promise<void> {
    await this.sql.run(SQL.insertLease, [this.centreId, lease.day, lease.serviceId, lease.deviceId, lease.from, lease.to, lease.leasedAt, lease.commandId]);
  }

  async leaseHolding(day: string, serviceId: string, number: number): Promise<LeaseHolding | null> {
    const row = await this.sql.row<LeaseRow>(SQL.leaseHolding + (this.sql.inTransaction ? ' FOR UPDATE' : ''), [this.centreId, day, serviceId, number]);
    return row ? toLeaseHolding(row) : null;
  }

  async numberRecorded(day: string, serviceId: string, number: number): Promise<boolean> {
    return (await this.sql.row<{ recorded: boolean }>(SQL.numberRecorded, [this.centreId, day, serviceId, number]))!.recorded;
  }

  async insertOfflineTicket(day: string, serviceId: string, number: number, issuedAt: string, issuedBy: string, priority: PriorityClass): Promise<number> {
    return (await this.sql.row<{ id: number }>(SQL.insertTicket, [this.centreId, day, serviceId, number, issuedAt, issuedBy, priority]))!.id;
  }

  async recordDelivery(d: OfflineDelivery): Promise<void> {
    await this.sql.run(SQL.insertOffline, [
      this.centreId, d.ticketId, d.leaseId, d.day, d.serviceId, d.number, d.reportedIssuedAt, d.deliveredAt, d.commandId, d.supersedes, d.supersededTicketId,
    ]);
  }

  async supersededBy(commandId: string): Promise<{ number: number; serviceId: string } | null> {
    const row = await this.sql.row<{ number: number; service_id: string }>(SQL.supersededBy, [this.centreId, commandId]);
    return row ? { number: row.number, serviceId: row.service_id } : null;
  }

  async ticketState(ticketId: number): Promise<{ state: Ticket['state']; number: number } | null> {
    return this.sql.row<{ state: Ticket['state']; number: number }>(SQL.ticketState + (this.sql.inTransaction ? ' FOR UPDATE' : ''), [this.centreId, ticketId]);
  }
}
