import type { Database, Statement } from 'better-sqlite3';
import type { Appointment } from '../../core/appointments/appointments';
import { toAppointment, type AppointmentRow, type NewAppointment } from './appointment-rows';

const SELECT = `SELECT a.*, t.number AS ticket_number FROM appointments a LEFT JOIN tickets t ON t.id = a.ticket_id`;

/** The appointments table; callers run inside the command's transaction. */
export class AppointmentRepository {
  private readonly byCodeStmt: Statement<[string], AppointmentRow>;
  private readonly onDateStmt: Statement<[string], AppointmentRow>;
  private readonly bookedStmt: Statement<[string, string, string, string, string], { slot_start: string; n: number }>;
  private readonly insertStmt: Statement<[string, string, string, string, string, string | null, string, string]>;
  private readonly checkInStmt: Statement<[string, number, string]>;
  private readonly cancelStmt: Statement<[string, string]>;

  constructor(db: Database) {
    this.byCodeStmt = db.prepare(`${SELECT} WHERE a.code = ?`);
    this.onDateStmt = db.prepare(`${SELECT} WHERE a.date = ? ORDER BY a.slot_start, a.created_at`);
    this.bookedStmt = db.prepare(
      `SELECT slot_start, count(*) AS n FROM (
         SELECT slot_start FROM appointments WHERE date = ? AND service_id = ? AND state != 'cancelled'
         UNION ALL SELECT slot_start FROM booking_holds WHERE date = ? AND service_id = ? AND expires_at > ?
       ) GROUP BY slot_start`,
    );
    this.insertStmt = db.prepare(
      `INSERT INTO appointments (code, service_id, date, slot_start, citizen_name, phone, state, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, 'booked', ?, ?)`,
    );
    this.checkInStmt = db.prepare(`UPDATE appointments SET state = 'checked-in', checked_in_at = ?, ticket_id = ? WHERE code = ?`);
    this.cancelStmt = db.prepare(`UPDATE appointments SET state = 'cancelled', cancelled_at = ? WHERE code = ?`);
  }

  byCode(code: string): Appointment | null {
    const row = this.byCodeStmt.get(code);
    return row ? toAppointment(row) : null;
  }

  onDate(date: string): Appointment[] {
    return this.onDateStmt.all(date).map(toAppointment);
  }

  /** Bookings that hold a place (not cancelled) per slot start; with `liveAt` (ISO instant), plus the online page's holds live then. */
  bookedPerSlot(date: string, serviceId: string, liveAt = '9999'): Map<string, number> {
    return new Map(this.bookedStmt.all(date, serviceId, date, serviceId, liveAt).map((r) => [r.slot_start, r.n]));
  }

  insert(a: NewAppointment): Appointment {
    this.insertStmt.run(a.code, a.serviceId, a.date, a.slotStart, a.citizenName, a.phone, a.createdAt, a.createdBy);
    return this.byCode(a.code)!;
  }

  checkIn(code: string, at: string, ticketId: number): Appointment {
    this.checkInStmt.run(at, ticketId, code);
    return this.byCode(code)!;
  }

  cancel(code: string, at: string): Appointment {
    this.cancelStmt.run(at, code);
    return this.byCode(code)!;
  }
}
