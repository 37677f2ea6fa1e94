import type { PgMigration } from '../migrate';

/** The public tokens of tickets, as hashes: SQLite migration 0019. The hash is unique across the province. */
export const pgMigration0009: PgMigration = {
  version: 9,
  name: 'ticket public tokens',
  sql: `
    CREATE TABLE ticket_public_tokens (
      centre_id  TEXT NOT NULL REFERENCES centres (id),
      token_hash TEXT PRIMARY KEY CHECK (char_length(token_hash) = 64),
      ticket_id  BIGINT NOT NULL UNIQUE REFERENCES tickets (id),
      created_at TEXT NOT NULL
    );
  `,
};
