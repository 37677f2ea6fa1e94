import type { PgMigration } from '../migrate';

/** The config each centre's hub last ran, one digest per section: SQLite migration 0016. */
export const pgMigration0005: PgMigration = {
  version: 5,
  name: 'config digests',
  sql: `
    CREATE TABLE config_digests (
      centre_id   TEXT NOT NULL REFERENCES centres (id),
      section     TEXT NOT NULL,
      digest      TEXT NOT NULL CHECK (length(digest) = 64),
      recorded_at TEXT NOT NULL,
      PRIMARY KEY (centre_id, section)
    );
  `,
};
