import type { PgMigration } from '../migrate';

/** Online booking's holds and identities: SQLite migration 0020, per centre (appointment codes are unique per centre). */
export const pgMigration0010: PgMigration = {
  version: 10,
  name: 'booking holds',
  sql: `
    CREATE TABLE booking_holds (
      centre_id  TEXT NOT NULL REFERENCES centres (id),
      hold_hash  TEXT PRIMARY KEY CHECK (char_length(hold_hash) = 64),
      service_id TEXT NOT NULL,
      date       TEXT NOT NULL,
      slot_start TEXT NOT NULL,
      expires_at TEXT NOT NULL,
      created_at TEXT NOT NULL
    );
    CREATE INDEX booking_holds_by_slot ON booking_holds (centre_id, date, service_id, expires_at);
    CREATE INDEX booking_holds_by_expiry ON booking_holds (expires_at);
    CREATE TABLE booking_identities (
      centre_id  TEXT NOT NULL REFERENCES centres (id),
      code       TEXT NOT NULL,
      date       TEXT NOT NULL,
      phone_hash TEXT NOT NULL CHECK (char_length(phone_hash) = 64),
      cccd_hash  TEXT CHECK (cccd_hash IS NULL OR char_length(cccd_hash) = 64),
      PRIMARY KEY (centre_id, code),
      FOREIGN KEY (code, centre_id) REFERENCES appointments (code, centre_id)
    );
    CREATE INDEX booking_identities_by_phone ON booking_identities (centre_id, date, phone_hash);
    CREATE INDEX booking_identities_by_cccd ON booking_identities (centre_id, date, cccd_hash);
  `,
};
