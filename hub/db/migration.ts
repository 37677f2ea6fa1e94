import type { Database } from 'better-sqlite3';
import type { Migration as AnyMigration } from '../../core/store/migrate';

/** The runner is shared with the terminals' own databases (core/store/migrate.ts). */
export { migrate } from '../../core/store/migrate';
export type Migration = AnyMigration<Database>;
