import type { Migration } from '../migration';

export const BOOKING_HOLDS_VERSION = 20;

/**
 * Online booking (issue 15): the slot a citizen holds while filling the form, and who each online
 * booking belongs to for the per-person limit.
 * - booking_holds: one row per hold, keyed by the SHA-256 of the hold token the page keeps (the
 *   token itself is never stored). A hold counts against its slot until `expires_at`; expired rows
 *   count for nothing and are swept.
 * - booking_identities: per online booking, the hashes of the phone number and (if given) the CCCD,
 *   with the booking's date so the day's count of one person is an index probe.
 */
export const migrationBookingHolds: Migration = {
  version: BOOKING_HOLDS_VERSION,
  name: 'booking holds',
  up(db) {
    db.exec(`
      CREATE TABLE booking_holds (
        hold_hash  TEXT PRIMARY KEY CHECK (length(hold_hash) = 64),
        service_id TEXT NOT NULL,
        date       TEXT NOT NULL,
        slot_start TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX booking_holds_by_slot ON booking_holds (date, service_id, expires_at);
      CREATE INDEX booking_holds_by_expiry ON booking_holds (expires_at);
      CREATE TABLE booking_identities (
        code       TEXT PRIMARY KEY REFERENCES appointments (code),
        date       TEXT NOT NULL,
        phone_hash TEXT NOT NULL CHECK (length(phone_hash) = 64),
        cccd_hash  TEXT CHECK (cccd_hash IS NULL OR length(cccd_hash) = 64)
      ) STRICT;
      CREATE INDEX booking_identities_by_phone ON booking_identities (date, phone_hash);
      CREATE INDEX booking_identities_by_cccd ON booking_identities (date, cccd_hash);
    `);
  },
};
