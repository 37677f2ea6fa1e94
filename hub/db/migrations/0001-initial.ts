import type { Migration } from '../migration';

/** Tickets, per-day number sequences, the idempotency record of commands, and the broadcast event log. */
export const migration0001: Migration = {
  version: 1,
  name: 'initial queue schema',
  up(db) {
    db.exec(`
      CREATE TABLE tickets (
        id          INTEGER PRIMARY KEY,
        day         TEXT NOT NULL,
        service_id  TEXT NOT NULL,
        number      INTEGER NOT NULL,
        state       TEXT NOT NULL CHECK (state IN ('waiting','called','serving','done','no-show')),
        issued_at   TEXT NOT NULL,
        called_at   TEXT,
        started_at  TEXT,
        finished_at TEXT,
        counter_id  TEXT,
        issued_by   TEXT NOT NULL,
        UNIQUE (day, service_id, number)
      ) STRICT;
      CREATE INDEX tickets_by_state ON tickets (day, state, service_id, issued_at);
      CREATE INDEX tickets_by_counter ON tickets (day, counter_id, called_at);

      -- The last number issued per service and day: survives restarts so a number is never reused.
      CREATE TABLE number_sequences (
        day         TEXT NOT NULL,
        service_id  TEXT NOT NULL,
        last_number INTEGER NOT NULL,
        PRIMARY KEY (day, service_id)
      ) STRICT;

      -- Successful commands by their client-generated id: a replay returns the stored result.
      CREATE TABLE commands (
        command_id  TEXT PRIMARY KEY,
        device_id   TEXT NOT NULL,
        name        TEXT NOT NULL,
        result_json TEXT NOT NULL,
        at          TEXT NOT NULL
      ) STRICT;

      -- Every change, numbered: the seq devices use to detect gaps.
      CREATE TABLE events (
        seq       INTEGER PRIMARY KEY AUTOINCREMENT,
        at        TEXT NOT NULL,
        type      TEXT NOT NULL,
        ticket_id INTEGER NOT NULL REFERENCES tickets (id)
      ) STRICT;
    `);
  },
};
