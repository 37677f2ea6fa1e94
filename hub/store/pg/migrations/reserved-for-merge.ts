import type { PgMigration } from '../migrate';

/**
 * PLACEHOLDERS, branch `kiosksplit` only: PostgreSQL versions 10–14 belong to other branches (the
 * runner wants versions without a gap). The integrator drops this file and lists the real ones
 * before 0015-dossier-public-tokens.
 */
const reserved = (version: number): PgMigration => ({ version, name: `reserved ${version} (another branch)`, sql: 'SELECT 1;' });
export const PG_RESERVED_FOR_MERGE: readonly PgMigration[] = [10, 11, 12, 13, 14].map(reserved);
