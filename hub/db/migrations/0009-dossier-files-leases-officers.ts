import type { Migration } from '../migration';

/**
 * The scanned PDF of each dossier (the file itself lives next to the database, in
 * dossier-files/<code>.pdf), the blocks of codes leased to counters for receiving while the hub
 * is away, and which officer is signed in at each back-office device (kept across restarts).
 */
export const migration0009: Migration = {
  version: 9,
  name: 'dossier files, code leases, officer sessions',
  up(db) {
    db.exec(`
      CREATE TABLE dossier_files (
        dossier_code TEXT PRIMARY KEY REFERENCES dossiers (code),
        pages        INTEGER NOT NULL CHECK (pages >= 0),
        bytes        INTEGER NOT NULL CHECK (bytes > 0),
        sha256       TEXT NOT NULL CHECK (length(sha256) = 64),
        uploaded_at  TEXT NOT NULL,
        uploaded_by  TEXT NOT NULL
      ) STRICT;

      -- A counter's block of a day's sequence numbers: online numbering goes past every block.
      CREATE TABLE dossier_code_leases (
        id        INTEGER PRIMARY KEY,
        device_id TEXT NOT NULL,
        day       TEXT NOT NULL,
        first_seq INTEGER NOT NULL CHECK (first_seq BETWEEN 1 AND 9999),
        last_seq  INTEGER NOT NULL CHECK (last_seq BETWEEN first_seq AND 9999),
        leased_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX dossier_code_leases_by_day ON dossier_code_leases (day, last_seq);

      CREATE TABLE officer_sessions (
        device_id    TEXT PRIMARY KEY,
        officer_id   TEXT NOT NULL,
        signed_in_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
