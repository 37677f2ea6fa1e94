import type { Migration } from '../migration';

/** Bookings of appointment slots; the ticket a check-in issued is linked so it is issued once. */
export const migration0007: Migration = {
  version: 7,
  name: 'appointments',
  up(db) {
    db.exec(`
      CREATE TABLE appointments (
        code          TEXT PRIMARY KEY,
        service_id    TEXT NOT NULL,
        date          TEXT NOT NULL,
        slot_start    TEXT NOT NULL,
        citizen_name  TEXT NOT NULL,
        phone         TEXT,
        state         TEXT NOT NULL CHECK (state IN ('booked','checked-in','cancelled')),
        created_at    TEXT NOT NULL,
        created_by    TEXT NOT NULL,
        checked_in_at TEXT,
        ticket_id     INTEGER REFERENCES tickets (id),
        cancelled_at  TEXT
      ) STRICT;
      -- Capacity checks count a slot's bookings; the day list reads a date in slot order.
      CREATE INDEX appointments_by_slot ON appointments (date, service_id, slot_start, state);
      CREATE INDEX appointments_by_date ON appointments (date, slot_start);
    `);
  },
};
