import type { PgMigration } from '../migrate';

/**
 * The record of `motcua province import`: one row per centre whose SQLite file was moved into the
 * province database, written in the import's own transaction (so it exists exactly when the rows
 * do). The unique keys are the "exactly once": a second import of the same centre, or of the
 * same file under another centre's name, fails on them even when two imports race.
 *
 * `id_offsets_json` is what keeps the imported hash chains verifiable: SQLite's ids are shifted
 * by a per-table offset (another centre's rows already hold 1..N), and a chained row's hash
 * covers its id, so a verifier hashes an imported row with `id - offset`
 * (hub/store/pg/chain-verify.ts). The rows keep SQLite's prev_hash and hash unchanged.
 */
export const pgMigration0006: PgMigration = {
  version: 6,
  name: 'imports',
  sql: `
    CREATE TABLE imports (
      id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      centre_id       TEXT NOT NULL UNIQUE REFERENCES centres (id),
      -- SHA-256 of a consistent snapshot of the SQLite file (VACUUM INTO), hex: its content, whatever its WAL held.
      source_sha256   TEXT NOT NULL UNIQUE CHECK (source_sha256 ~ '^[0-9a-f]{64}$'),
      source_file     TEXT NOT NULL,
      -- The SQLite file's schema version (PRAGMA user_version) before the import migrated its copy.
      source_version  INTEGER NOT NULL CHECK (source_version >= 0),
      -- {"tickets": 120, …}: rows copied per table.
      row_counts_json TEXT NOT NULL,
      -- {"tickets": {"offset": 5000, "last": 5120}, …}: imported id = SQLite id + offset, for ids in (offset, last].
      id_offsets_json TEXT NOT NULL,
      imported_at     TEXT NOT NULL,
      imported_by     TEXT NOT NULL
    );
  `,
};
