import type { Migration } from '../migration';

/**
 * Issue 13: where the citizen collects the result (dossiers.collect_centre_id, null = the
 * receiving centre, so every older dossier keeps working) and the unit that acted on each Form 05
 * line (dossier_history.unit_*: null on older lines). The unit columns are the chain's later
 * columns (hub/audit/hash-chain.ts): hashed only when set, so the lines written before still verify.
 */
// The version lives here only: the lead renumbers at merge (PostgreSQL twin: pg migration 0015).
export const COLLECT_CENTRE_VERSION = 24;

export const migrationCollectCentre: Migration = {
  version: COLLECT_CENTRE_VERSION,
  name: 'collect centre and Form 05 units',
  up(db) {
    db.exec(`
      ALTER TABLE dossiers ADD COLUMN collect_centre_id TEXT;
      ALTER TABLE dossier_history ADD COLUMN unit_kind TEXT CHECK (unit_kind IN ('centre', 'agency'));
      ALTER TABLE dossier_history ADD COLUMN unit_id TEXT;
      ALTER TABLE dossier_history ADD COLUMN unit_name TEXT;
      -- "Kết quả chờ trả": the done dossiers, oldest first (one centre here: every one is collected here).
      CREATE INDEX dossiers_ready_at ON dossiers (received_at) WHERE status = 'done';
    `);
  },
};
