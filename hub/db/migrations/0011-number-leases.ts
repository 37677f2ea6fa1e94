import type { Migration } from '../migration';

/**
 * Kiosks' blocks of a service's numbers of one day (to issue while the hub is away), and the
 * tickets delivered from them afterwards. A ticket of `offline_tickets` is one the kiosk issued
 * offline: statistics can tell them apart, and its lease, its number as issued (a transfer may
 * change the ticket's service later) and the online ticket it superseded stay on record.
 */
export const migration0011: Migration = {
  version: 11,
  name: 'number leases, offline tickets',
  up(db) {
    db.exec(`
      -- Leases are taken from the top of a service's daily block going down, online numbers
      -- (number_sequences) count up from its start: each refuses to reach the other, inside the
      -- command's transaction (core/queue/numbering.ts).
      CREATE TABLE number_leases (
        id           INTEGER PRIMARY KEY,
        day          TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        service_id   TEXT NOT NULL,
        device_id    TEXT NOT NULL,
        first_number INTEGER NOT NULL CHECK (first_number >= 1),
        last_number  INTEGER NOT NULL CHECK (last_number >= first_number),
        leased_at    TEXT NOT NULL,
        command_id   TEXT NOT NULL UNIQUE
      ) STRICT;
      -- Which lease holds a number (the last block of the day and service starting at or below
      -- it), and the lowest leased number, the ceiling of online numbering (min: one entry).
      CREATE INDEX number_leases_by_number ON number_leases (day, service_id, first_number);

      CREATE TABLE offline_tickets (
        ticket_id          INTEGER PRIMARY KEY REFERENCES tickets (id),
        lease_id           INTEGER NOT NULL REFERENCES number_leases (id),
        day                TEXT NOT NULL,
        service_id         TEXT NOT NULL,
        number             INTEGER NOT NULL,
        -- What the kiosk said; tickets.issued_at is this, or the delivery time if the kiosk's clock ran ahead.
        reported_issued_at TEXT NOT NULL,
        delivered_at       TEXT NOT NULL,
        command_id         TEXT NOT NULL UNIQUE,
        -- The commandId of the kiosk's unanswered ticket:issue for the same tap, and its ticket if the hub had issued one.
        supersedes         TEXT UNIQUE,
        superseded_ticket_id INTEGER REFERENCES tickets (id),
        UNIQUE (day, service_id, number)
      ) STRICT;
      CREATE INDEX offline_tickets_by_lease ON offline_tickets (lease_id);
    `);
  },
};
