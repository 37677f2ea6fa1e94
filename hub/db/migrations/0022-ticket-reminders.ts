import type { Migration } from '../migration';

export const TICKET_REMINDERS_VERSION = 22;

/**
 * "Nhắc tôi khi còn N người" (issue 15): one reminder per ticket, asked for on the phone page.
 * The phone (84…, given with consent for this message only) lives here until the ticket's day
 * ends, when the retention purge deletes the row. `sent_at` is set in the transaction of the call
 * that made the reminder due, with the outbox row of its one message.
 */
export const migrationTicketReminders: Migration = {
  version: TICKET_REMINDERS_VERSION,
  name: 'ticket reminders',
  up(db) {
    db.exec(`
      CREATE TABLE ticket_reminders (
        ticket_id  INTEGER PRIMARY KEY REFERENCES tickets (id),
        day        TEXT NOT NULL,
        service_id TEXT NOT NULL,
        phone      TEXT NOT NULL CHECK (phone GLOB '84[0-9]*' AND length(phone) = 11),
        remaining  INTEGER NOT NULL CHECK (remaining BETWEEN 1 AND 10),
        created_at TEXT NOT NULL,
        sent_at    TEXT
      ) STRICT;
      -- After each call: the service's reminders still to send.
      CREATE INDEX ticket_reminders_pending ON ticket_reminders (day, service_id) WHERE sent_at IS NULL;
      -- The per-phone daily budget.
      CREATE INDEX ticket_reminders_by_phone ON ticket_reminders (day, phone);
    `);
  },
};
