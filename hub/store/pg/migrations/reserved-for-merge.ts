import type { PgMigration } from '../migrate';

/**
 * PLACEHOLDERS, branch `remind` only: PostgreSQL versions 10–15 belong to other branches (the
 * runner wants versions without a gap). The integrator drops this file and lists the real ones
 * before 0016-ticket-reminders.
 */
const reserved = (version: number): PgMigration => ({ version, name: `reserved ${version} (another branch)`, sql: 'SELECT 1;' });
export const PG_RESERVED_FOR_MERGE: readonly PgMigration[] = [10, 11, 12, 13, 14, 15].map(reserved);
