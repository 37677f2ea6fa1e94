import type { PgMigration } from '../migrate';

/**
 * The Zalo OA's tokens of each centre (a SQLite hub keeps them in `<data-dir>/zns-tokens.json`):
 * shared by every hub process of the centre, because a refresh token is single-use — two processes
 * refreshing from their own copies would spend each other's. Refreshed under the centre's
 * transaction advisory lock (hub/store/pg/pg-zns-tokens.ts).
 */
export const pgMigration0014: PgMigration = {
  version: 14,
  name: 'zns tokens',
  sql: `
    CREATE TABLE zns_tokens (
      centre_id         TEXT PRIMARY KEY REFERENCES centres (id),
      access_token      TEXT NOT NULL,
      refresh_token     TEXT NOT NULL,
      access_expires_at TEXT NOT NULL,
      updated_at        TEXT NOT NULL
    );
  `,
};
