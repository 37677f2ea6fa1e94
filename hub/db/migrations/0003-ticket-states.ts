import type { Migration } from '../migration';

/**
 * Widens the ticket state CHECK to every state of the architecture's queue model
 * (transferred and cancelled were missing). SQLite cannot alter a CHECK, so the table is
 * rebuilt (foreign keys off around it, checked before the commit: see Migration.rebuildsTables).
 */
export const migration0003: Migration = {
  version: 3,
  name: 'ticket states: transferred, cancelled',
  rebuildsTables: true,
  up(db) {
    db.exec(`
      CREATE TABLE tickets_new (
        id          INTEGER PRIMARY KEY,
        day         TEXT NOT NULL,
        service_id  TEXT NOT NULL,
        number      INTEGER NOT NULL,
        state       TEXT NOT NULL CHECK (state IN ('waiting','called','serving','done','no-show','transferred','cancelled')),
        issued_at   TEXT NOT NULL,
        called_at   TEXT,
        started_at  TEXT,
        finished_at TEXT,
        counter_id  TEXT,
        issued_by   TEXT NOT NULL,
        UNIQUE (day, service_id, number)
      ) STRICT;
      INSERT INTO tickets_new SELECT * FROM tickets;
      DROP TABLE tickets;
      ALTER TABLE tickets_new RENAME TO tickets;
      CREATE INDEX tickets_by_state ON tickets (day, state, service_id, issued_at);
      CREATE INDEX tickets_by_counter ON tickets (day, counter_id, called_at);
    `);
  },
};
