import type { Migration } from '../migration';

/**
 * The full queue model: priority classes, recalls, transfers to a counter, the first call time
 * (for waits) apart from the latest, counters' open/paused state, and events that are about a
 * counter rather than a ticket (the events table is rebuilt to let ticket_id be empty).
 */
export const migration0004: Migration = {
  version: 4,
  name: 'queue rules: priority, recalls, transfers, counter states',
  rebuildsTables: true,
  up(db) {
    db.exec(`
      ALTER TABLE tickets ADD COLUMN priority TEXT NOT NULL DEFAULT 'normal'
        CHECK (priority IN ('normal','elderly','disabled','pregnant','merit','appointment'));
      ALTER TABLE tickets ADD COLUMN recalls INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE tickets ADD COLUMN assigned_counter_id TEXT;
      ALTER TABLE tickets ADD COLUMN first_called_at TEXT;
      UPDATE tickets SET first_called_at = called_at;

      CREATE TABLE counter_states (
        counter_id    TEXT PRIMARY KEY,
        paused        INTEGER NOT NULL CHECK (paused IN (0, 1)),
        paused_reason TEXT,
        clerk_id      TEXT,
        updated_at    TEXT NOT NULL
      ) STRICT;

      CREATE TABLE events_new (
        seq        INTEGER PRIMARY KEY AUTOINCREMENT,
        at         TEXT NOT NULL,
        type       TEXT NOT NULL,
        ticket_id  INTEGER REFERENCES tickets (id),
        counter_id TEXT,
        CHECK ((ticket_id IS NULL) <> (counter_id IS NULL))
      ) STRICT;
      INSERT INTO events_new (seq, at, type, ticket_id) SELECT seq, at, type, ticket_id FROM events;
      DROP TABLE events;
      ALTER TABLE events_new RENAME TO events;
    `);
  },
};
