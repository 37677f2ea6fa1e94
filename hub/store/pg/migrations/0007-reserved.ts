import type { PgMigration } from '../migrate';

/** PLACEHOLDER for another branch's PostgreSQL migration 7 (versions must be contiguous); replaced at the merge. */
export const pgMigration0007Reserved: PgMigration = { version: 7, name: 'reserved', sql: 'SELECT 1;' };
