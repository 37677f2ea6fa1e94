import type { Migration } from '../migration';

export const TICKET_PUBLIC_TOKENS_VERSION = 19;

/**
 * The public token of each ticket issued while the centre has a public address (hub.publicBaseUrl):
 * kept as its SHA-256 only, so the public page looks a token up by the hash of what it was given
 * (an index probe on a hash reveals nothing of any stored token through timing), and a copy of
 * the database does not hand out working links. One token per ticket at most.
 */
export const migrationTicketPublicTokens: Migration = {
  version: TICKET_PUBLIC_TOKENS_VERSION,
  name: 'ticket public tokens',
  up(db) {
    db.exec(`
      CREATE TABLE ticket_public_tokens (
        token_hash TEXT PRIMARY KEY CHECK (length(token_hash) = 64),
        ticket_id  INTEGER NOT NULL UNIQUE REFERENCES tickets (id),
        created_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
