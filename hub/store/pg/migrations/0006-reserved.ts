import type { PgMigration } from '../migrate';

/** PLACEHOLDER for another branch's PostgreSQL migration 6 (versions must be contiguous); replaced at the merge. */
export const pgMigration0006Reserved: PgMigration = { version: 6, name: 'reserved', sql: 'SELECT 1;' };
