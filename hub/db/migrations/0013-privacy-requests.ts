import type { Migration } from '../migration';

/** The lead renumbers migrations at merge: the version lives here only. */
const VERSION = 13;

/**
 * Personal data by policy: a record of every citizen's export or erasure request and of every
 * retention purge (who, when, what — never the full CCCD number, only its masked form), when a
 * dossier's applicant was anonymised, and the indexes that find a person's dossiers and the
 * closed dossiers past their retention without reading the whole table.
 */
export const migration0013PrivacyRequests: Migration = {
  version: VERSION,
  name: 'privacy requests, anonymised dossiers',
  up(db) {
    db.exec(`
      CREATE TABLE privacy_requests (
        id            INTEGER PRIMARY KEY,
        kind          TEXT NOT NULL CHECK (kind IN ('export', 'erase', 'purge')),
        -- 0012******45 (core/privacy/personal-data.ts maskCccd); NULL for a purge.
        subject       TEXT CHECK (subject IS NULL OR length(subject) = 12),
        requested_by  TEXT NOT NULL CHECK (length(requested_by) BETWEEN 1 AND 200),
        at            TEXT NOT NULL,
        outcome       TEXT NOT NULL CHECK (outcome IN ('done', 'refused')),
        -- JSON: the dossier codes concerned and the counts, or the refusal's reason.
        detail_json   TEXT NOT NULL DEFAULT '{}'
      ) STRICT;
      CREATE INDEX privacy_requests_by_at ON privacy_requests (at);

      ALTER TABLE dossiers ADD COLUMN anonymised_at TEXT;
      CREATE INDEX dossiers_by_applicant ON dossiers (applicant_id_number);
      CREATE INDEX dossiers_closed_by_update ON dossiers (updated_at) WHERE status IN ('returned', 'refused');
    `);
  },
};
