import type { PgMigration } from '../migrate';

/** "Nhắc tôi khi còn N người": SQLite migration 0022, per centre. */
export const pgMigration0012: PgMigration = {
  version: 12,
  name: 'ticket reminders',
  sql: `
    CREATE TABLE ticket_reminders (
      centre_id  TEXT NOT NULL REFERENCES centres (id),
      ticket_id  BIGINT PRIMARY KEY REFERENCES tickets (id),
      day        TEXT NOT NULL,
      service_id TEXT NOT NULL,
      phone      TEXT NOT NULL CHECK (phone ~ '^84[0-9]{9}$'),
      remaining  INTEGER NOT NULL CHECK (remaining BETWEEN 1 AND 10),
      created_at TEXT NOT NULL,
      sent_at    TEXT
    );
    CREATE INDEX ticket_reminders_pending ON ticket_reminders (centre_id, day, service_id) WHERE sent_at IS NULL;
    CREATE INDEX ticket_reminders_by_phone ON ticket_reminders (centre_id, day, phone);
  `,
};
