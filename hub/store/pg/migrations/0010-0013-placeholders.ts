import type { PgMigration } from '../migrate';

/**
 * PostgreSQL versions 10–13 belong to other branches under way; the runner wants the versions
 * contiguous, so this branch (booking, version 14) keeps empty stand-ins for them. At the merge
 * they are replaced by the real ones and this file goes.
 */
const placeholder = (version: number): PgMigration => ({ version, name: `placeholder ${version} (another branch's)`, sql: 'SELECT 1' });
export const pgPlaceholders10to13: readonly PgMigration[] = [placeholder(10), placeholder(11), placeholder(12), placeholder(13)];
