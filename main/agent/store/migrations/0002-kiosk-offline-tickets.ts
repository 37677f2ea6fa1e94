import type { Database } from 'better-sqlite3';
import type { Migration } from '../../../../core/store/migrate';

/**
 * The kiosk's side of issuing while the hub is away:
 * - number_leases: blocks of one service's numbers of one day the hub reserved for this kiosk;
 *   `next_number` is the next one to give (past `to_number`: the block is used up).
 * - offline_tickets: every ticket issued from a lease, the kiosk's outbox. A row is never
 *   deleted: pending → delivered, or failed with the reason (refused by the hub, or of a day
 *   that is over). `void_requested`: the ticket could not be printed and the centre voids such
 *   tickets, so it is cancelled right after delivery.
 */
export const migration0002: Migration<Database> = {
  version: 2,
  name: '0002-kiosk-offline-tickets',
  up(db) {
    db.exec(`
      CREATE TABLE number_leases (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        service_id  TEXT NOT NULL,
        day         TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        from_number INTEGER NOT NULL CHECK (from_number > 0),
        to_number   INTEGER NOT NULL CHECK (to_number >= from_number),
        next_number INTEGER NOT NULL CHECK (next_number BETWEEN from_number AND to_number + 1),
        leased_at   TEXT NOT NULL,
        UNIQUE (service_id, day, from_number)
      ) STRICT;
      CREATE TABLE offline_tickets (
        seq            INTEGER PRIMARY KEY AUTOINCREMENT,
        command_id     TEXT NOT NULL UNIQUE,
        service_id     TEXT NOT NULL,
        day            TEXT NOT NULL,
        number         INTEGER NOT NULL CHECK (number > 0),
        issued_at      TEXT NOT NULL,
        priority       TEXT NOT NULL,
        supersedes     TEXT,
        void_requested INTEGER NOT NULL DEFAULT 0 CHECK (void_requested IN (0, 1)),
        state          TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
        error          TEXT,
        attempts       INTEGER NOT NULL DEFAULT 0,
        ticket_id      INTEGER,
        delivered_at   TEXT,
        UNIQUE (service_id, day, number)
      ) STRICT;
      CREATE INDEX offline_tickets_undelivered ON offline_tickets (state, seq);
    `);
  },
};
