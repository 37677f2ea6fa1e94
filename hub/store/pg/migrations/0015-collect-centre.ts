import type { PgMigration } from '../migrate';

/**
 * SQLite migration 0024: where the citizen collects the result (null = the receiving centre; no
 * foreign key to centres: a centre of the province file may not have started a hub yet) and the
 * unit that acted on each Form 05 line (null on older lines, which keep their hashes).
 * The "results waiting at a centre" list reads done dossiers by the centre that hands them back.
 */
export const pgMigration0015: PgMigration = {
  version: 15,
  name: 'collect centre and Form 05 units',
  sql: `
    ALTER TABLE dossiers ADD COLUMN collect_centre_id TEXT;
    ALTER TABLE dossier_history ADD COLUMN unit_kind TEXT CHECK (unit_kind IN ('centre', 'agency'));
    ALTER TABLE dossier_history ADD COLUMN unit_id TEXT;
    ALTER TABLE dossier_history ADD COLUMN unit_name TEXT;
    CREATE INDEX dossiers_ready_at ON dossiers ((coalesce(collect_centre_id, centre_id)), received_at) WHERE status = 'done';
  `,
};
