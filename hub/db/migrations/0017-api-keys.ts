import type { Migration } from '../migration';

/** The one place this migration's number is written (the lead renumbers at merge). */
export const API_KEYS_VERSION = 17;

/**
 * API keys of other systems (a department's own software, the provincial system): hub/apikeys.
 * Only SHA-256 hashes of the secrets are kept. During a rotation the previous secret is kept
 * (hashed) with the instant it stops working; a revoked key keeps its row (the list shows it) and
 * no hash at all.
 */
export const migrationApiKeys: Migration = {
  version: API_KEYS_VERSION,
  name: 'api keys',
  up(db) {
    db.exec(`
      CREATE TABLE api_keys (
        id                   TEXT PRIMARY KEY CHECK (length(id) = 12),
        name                 TEXT NOT NULL CHECK (length(name) BETWEEN 2 AND 80),
        -- NULL: the whole centre; else one agency (departments[].id of the centre config).
        department_id        TEXT,
        permissions_json     TEXT NOT NULL,
        secret_hash          TEXT UNIQUE CHECK (secret_hash IS NULL OR length(secret_hash) = 64),
        previous_hash        TEXT UNIQUE CHECK (previous_hash IS NULL OR length(previous_hash) = 64),
        previous_valid_until TEXT,
        created_at           TEXT NOT NULL,
        created_by           TEXT NOT NULL,
        rotated_at           TEXT,
        last_used_at         TEXT,
        revoked_at           TEXT,
        CHECK ((revoked_at IS NULL) = (secret_hash IS NOT NULL)),
        CHECK ((previous_hash IS NULL) = (previous_valid_until IS NULL))
      ) STRICT;
    `);
  },
};
