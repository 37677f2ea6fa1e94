import type { Appointment } from '../../core/appointments/appointments';

/** The appointments row and its mapping, shared by the SQLite repository and its PostgreSQL twin (hub/store/pg/pg-appointment-repository.ts). */

export interface AppointmentRow {
  code: string;
  service_id: string;
  date: string;
  slot_start: string;
  citizen_name: string;
  phone: string | null;
  state: Appointment['state'];
  created_at: string;
  checked_in_at: string | null;
  ticket_id: number | null;
  ticket_number: number | null;
}

export function toAppointment(r: AppointmentRow): Appointment {
  return {
    code: r.code,
    serviceId: r.service_id,
    date: r.date,
    slotStart: r.slot_start,
    citizenName: r.citizen_name,
    phone: r.phone,
    state: r.state,
    createdAt: r.created_at,
    checkedInAt: r.checked_in_at,
    ticketId: r.ticket_id,
    ticketNumber: r.ticket_number,
  };
}

export interface NewAppointment {
  code: string;
  serviceId: string;
  date: string;
  slotStart: string;
  citizenName: string;
  phone: string | null;
  createdAt: string;
  createdBy: string;
}
