import type { Database } from 'better-sqlite3';
import type { Migration } from '../../../../core/store/migrate';

/**
 * The counter's dossier outbox and leased dossier codes, exactly as the first terminals created
 * them without migrations (`CREATE TABLE IF NOT EXISTS` at every start). Kept idempotent on
 * purpose: a terminal upgraded from that code holds these tables at user_version 0, often with
 * undelivered dossiers, and this step adopts them as they are.
 */
export const migration0001: Migration<Database> = {
  version: 1,
  name: '0001-dossier-outbox',
  up(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS leased_codes (
        code      TEXT PRIMARY KEY,
        -- YYMMDD the hub leased it for (Vietnamese day)
        day       TEXT NOT NULL,
        leased_at TEXT NOT NULL,
        used_at   TEXT
      ) STRICT;
      CREATE TABLE IF NOT EXISTS outbox (
        seq          INTEGER PRIMARY KEY AUTOINCREMENT,
        code         TEXT NOT NULL UNIQUE,
        command_id   TEXT NOT NULL UNIQUE,
        input_json   TEXT NOT NULL,
        received_at  TEXT NOT NULL,
        dossier_json TEXT NOT NULL,
        pdf          BLOB,
        pdf_pages    INTEGER,
        state        TEXT NOT NULL CHECK (state IN ('pending', 'pdf-pending', 'delivered', 'failed')),
        error        TEXT,
        attempts     INTEGER NOT NULL DEFAULT 0,
        delivered_at TEXT
      ) STRICT;
      CREATE INDEX IF NOT EXISTS outbox_undelivered ON outbox (state, seq);
    `);
  },
};
