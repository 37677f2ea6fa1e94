import type { Migration } from '../migration';

/**
 * The result files of a dossier (core/dossiers/result-files.ts): the PDFs its agency issues,
 * attached by the back office or the agency's own software. The bytes live beside the database
 * (<dossier-files>/results/<code>/<sha256>.pdf); a file attached twice (a retried upload) is one row.
 */
export const migrationDossierResults: Migration = {
  version: 23,
  name: 'dossier result files',
  up(db) {
    db.exec(`
      CREATE TABLE dossier_results (
        id           INTEGER PRIMARY KEY,
        dossier_code TEXT NOT NULL REFERENCES dossiers (code),
        name         TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
        pages        INTEGER NOT NULL CHECK (pages >= 0),
        bytes        INTEGER NOT NULL CHECK (bytes > 0),
        sha256       TEXT NOT NULL CHECK (length(sha256) = 64),
        attached_at  TEXT NOT NULL,
        attached_by  TEXT NOT NULL,
        UNIQUE (dossier_code, sha256)
      ) STRICT;
    `);
  },
};
