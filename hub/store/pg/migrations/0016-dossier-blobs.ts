import type { PgMigration } from '../migrate';

/**
 * The bytes of dossiers' scans and result files in the province database (a SQLite hub keeps them
 * in its `dossier-files` directory), so every hub process of the province reads what any other
 * received. One row per (dossier, kind, SHA-256): the same bytes again are the same row. Deleting a
 * dossier (the retention purge) deletes its bytes in the same transaction. Stored uncompressed out
 * of line (EXTERNAL: PDFs are compressed already), so a download reads its slices without
 * decompressing the whole value.
 */
export const pgMigration0016: PgMigration = {
  version: 16,
  name: 'dossier file bytes',
  sql: `
    CREATE TABLE dossier_blobs (
      dossier_code TEXT NOT NULL REFERENCES dossiers (code) ON DELETE CASCADE,
      kind         TEXT NOT NULL CHECK (kind IN ('scan', 'result')),
      sha256       TEXT NOT NULL CHECK (char_length(sha256) = 64),
      bytes        BYTEA NOT NULL,
      PRIMARY KEY (dossier_code, kind, sha256)
    );
    ALTER TABLE dossier_blobs ALTER COLUMN bytes SET STORAGE EXTERNAL;
  `,
};
