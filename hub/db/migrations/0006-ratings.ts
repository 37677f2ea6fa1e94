import type { Migration } from '../migration';

/**
 * The citizens' satisfaction ratings: one per ticket. Service, counter and clerk are copied from
 * the ticket when it is rated, so a rating keeps saying who served even if the ticket row is
 * later corrected; the day is the ticket's, so a day's report finds its ratings by index.
 */
export const migration0006: Migration = {
  version: 6,
  name: 'satisfaction ratings',
  up(db) {
    db.exec(`
      CREATE TABLE ratings (
        id         INTEGER PRIMARY KEY,
        ticket_id  INTEGER NOT NULL UNIQUE REFERENCES tickets (id),
        day        TEXT NOT NULL,
        service_id TEXT NOT NULL,
        counter_id TEXT,
        clerk_id   TEXT,
        rating     INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
        comment    TEXT CHECK (comment IS NULL OR length(comment) <= 500),
        rated_at   TEXT NOT NULL,
        rated_by   TEXT NOT NULL
      ) STRICT;
      CREATE INDEX ratings_by_day ON ratings (day);
    `);
  },
};
