import type { PgMigration } from '../migrate';

/** The public tokens of dossiers, as hashes: SQLite migration 0021. The hash is unique across the province. */
export const pgMigration0011: PgMigration = {
  version: 11,
  name: 'dossier public tokens',
  sql: `
    CREATE TABLE dossier_public_tokens (
      centre_id    TEXT NOT NULL REFERENCES centres (id),
      token_hash   TEXT PRIMARY KEY CHECK (char_length(token_hash) = 64),
      dossier_code TEXT NOT NULL UNIQUE REFERENCES dossiers (code),
      created_at   TEXT NOT NULL
    );
  `,
};
