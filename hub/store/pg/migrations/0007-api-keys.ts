import type { PgMigration } from '../migrate';

/** API keys of other systems: SQLite migration 0017. A key belongs to one centre (centre_id). */
export const pgMigration0007: PgMigration = {
  version: 7,
  name: 'api keys',
  sql: `
    CREATE TABLE api_keys (
      id                   TEXT PRIMARY KEY CHECK (char_length(id) = 12),
      centre_id            TEXT NOT NULL REFERENCES centres (id),
      name                 TEXT NOT NULL CHECK (char_length(name) BETWEEN 2 AND 80),
      department_id        TEXT,
      permissions_json     TEXT NOT NULL,
      secret_hash          TEXT UNIQUE CHECK (secret_hash IS NULL OR char_length(secret_hash) = 64),
      previous_hash        TEXT UNIQUE CHECK (previous_hash IS NULL OR char_length(previous_hash) = 64),
      previous_valid_until TEXT,
      created_at           TEXT NOT NULL,
      created_by           TEXT NOT NULL,
      rotated_at           TEXT,
      last_used_at         TEXT,
      revoked_at           TEXT,
      CHECK ((revoked_at IS NULL) = (secret_hash IS NOT NULL)),
      CHECK ((previous_hash IS NULL) = (previous_valid_until IS NULL))
    );
  `,
};
