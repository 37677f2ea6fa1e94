import type { Migration } from '../migration';

export const DOSSIER_PUBLIC_TOKENS_VERSION = 21;

/**
 * The public token of each dossier whose receipt carries a status link (hub.publicBaseUrl set):
 * SHA-256 only, as ticket_public_tokens (migration 0019). The counter draws the token when it
 * prints Form 01 and sends it with dossier:receive. One token per dossier at most; the hash is the key.
 */
export const migrationDossierPublicTokens: Migration = {
  version: DOSSIER_PUBLIC_TOKENS_VERSION,
  name: 'dossier public tokens',
  up(db) {
    db.exec(`
      CREATE TABLE dossier_public_tokens (
        token_hash   TEXT PRIMARY KEY CHECK (length(token_hash) = 64),
        dossier_code TEXT NOT NULL UNIQUE REFERENCES dossiers (code),
        created_at   TEXT NOT NULL
      ) STRICT;
    `);
  },
};
