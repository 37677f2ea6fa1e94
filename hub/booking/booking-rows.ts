/** Rows of the online booking tables (SQLite migration 0020, PostgreSQL 0010), shared by the repository and its PostgreSQL twin. */

export interface BookingHold {
  readonly holdHash: string;
  readonly serviceId: string;
  readonly date: string;
  readonly slotStart: string;
  readonly expiresAt: string;
  readonly createdAt: string;
}

export interface BookingHoldRow {
  hold_hash: string;
  service_id: string;
  date: string;
  slot_start: string;
  expires_at: string;
  created_at: string;
}

export const toHold = (r: BookingHoldRow): BookingHold => ({
  holdHash: r.hold_hash,
  serviceId: r.service_id,
  date: r.date,
  slotStart: r.slot_start,
  expiresAt: r.expires_at,
  createdAt: r.created_at,
});

export interface BookingIdentity {
  readonly phoneHash: string;
  readonly cccdHash: string | null;
}

/** Places taken in one slot: bookings not cancelled, holds not expired. */
export interface SlotTaken {
  readonly booked: number;
  readonly held: number;
}
