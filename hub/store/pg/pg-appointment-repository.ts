import type { Appointment } from '../../../core/appointments/appointments';
import { toAppointment, type AppointmentRow, type NewAppointment } from '../../appointments/appointment-rows';
import type { AppointmentRepository } from '../../appointments/appointment-repository';
import type { Async } from '../async-of';
import type { PgSql } from './pg-store';

const SELECT = `SELECT a.code, a.service_id, a.date, a.slot_start, a.citizen_name, a.phone, a.state, a.created_at, a.checked_in_at, a.ticket_id, t.number AS ticket_number
  FROM appointments a LEFT JOIN tickets t ON t.id = a.ticket_id`;

const SQL = {
  byCode: `${SELECT} WHERE a.centre_id = $1 AND a.code = $2`,
  onDate: `${SELECT} WHERE a.centre_id = $1 AND a.date = $2 ORDER BY a.slot_start, a.created_at`,
  booked: `SELECT slot_start, count(*)::int AS n FROM (
      SELECT slot_start FROM appointments WHERE centre_id = $1 AND date = $2 AND service_id = $3 AND state <> 'cancelled'
      UNION ALL SELECT slot_start FROM booking_holds WHERE centre_id = $1 AND date = $2 AND service_id = $3 AND expires_at > $4
    ) taken GROUP BY slot_start`,
  insert: `INSERT INTO appointments (centre_id, code, service_id, date, slot_start, citizen_name, phone, state, created_at, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'booked', $8, $9)`,
  checkIn: `UPDATE appointments SET state = 'checked-in', checked_in_at = $3, ticket_id = $4 WHERE centre_id = $1 AND code = $2`,
  cancel: `UPDATE appointments SET state = 'cancelled', cancelled_at = $3 WHERE centre_id = $1 AND code = $2`,
} as const;

/**
 * The PostgreSQL twin of hub/appointments/appointment-repository.ts, for one centre (appointment
 * codes are unique per centre). Inside a transaction byCode() locks the appointment's row
 * (FOR UPDATE OF a), so a check-in and a cancel of one booking take turns.
 */
export class PgAppointmentRepository implements Async<AppointmentRepository> {
  constructor(
    private readonly sql: PgSql,
    readonly centreId: string,
  ) {}

  async byCode(code: string): Promise<Appointment | null> {
    const row = await this.sql.row<AppointmentRow>(SQL.byCode + (this.sql.inTransaction ? ' FOR UPDATE OF a' : ''), [this.centreId, code]);
    return row ? toAppointment(row) : null;
  }

  async onDate(date: string): Promise<Appointment[]> {
    return (await this.sql.rows<AppointmentRow>(SQL.onDate, [this.centreId, date])).map(toAppointment);
  }

  /** Bookings that hold a place (not cancelled) per slot start; with `liveAt`, plus the online page's holds live then. */
  async bookedPerSlot(date: string, serviceId: string, liveAt = '9999'): Promise<Map<string, number>> {
    const rows = await this.sql.rows<{ slot_start: string; n: number }>(SQL.booked, [this.centreId, date, serviceId, liveAt]);
    return new Map(rows.map((r) => [r.slot_start, r.n]));
  }

  async insert(a: NewAppointment): Promise<Appointment> {
    await this.sql.run(SQL.insert, [this.centreId, a.code, a.serviceId, a.date, a.slotStart, a.citizenName, a.phone, a.createdAt, a.createdBy]);
    return (await this.byCode(a.code))!;
  }

  async checkIn(code: string, at: string, ticketId: number): Promise<Appointment> {
    await this.sql.run(SQL.checkIn, [this.centreId, code, at, ticketId]);
    return (await this.byCode(code))!;
  }

  async cancel(code: string, at: string): Promise<Appointment> {
    await this.sql.run(SQL.cancel, [this.centreId, code, at]);
    return (await this.byCode(code))!;
  }
}
