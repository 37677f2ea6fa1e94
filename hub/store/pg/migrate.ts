import type pg from 'pg';

/**
 * Numbered migrations of the PostgreSQL store, the counterpart of core/store/migrate.ts (which
 * keeps SQLite's version in PRAGMA user_version). Here the applied versions are rows of
 * schema_migrations, and several hub processes may start at once against one database: a
 * session advisory lock makes them take turns, so each migration runs exactly once and the
 * others find it applied.
 */
export interface PgMigration {
  /** Strictly increasing from 1 (PostgreSQL's own numbering, not SQLite's). */
  readonly version: number;
  readonly name: string;
  /** DDL run as one simple query inside the migration's transaction (no parameters). */
  readonly sql: string;
}

/** The advisory lock key of schema migrations ("motcua" + 1): any number no other code of ours locks. */
export const MIGRATION_LOCK_KEY = 7_446_593_001;

/** A connection we may hold for the whole run: a pg.Client, or a client checked out of a pool. */
export type MigrationConnection = Pick<pg.ClientBase, 'query'>;

/**
 * Applies the migrations above the database's version, each in its own transaction, under the
 * advisory lock. Returns the versions applied by this call ([] when another process had done it).
 * `owner` names the program in the error for a database newer than it knows.
 */
export async function migratePostgres(db: MigrationConnection, migrations: readonly PgMigration[], owner = 'hub'): Promise<number[]> {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration ${m.name}: version ${m.version}, expected ${i + 1}`);
  });
  // Session-level: released by the unlock below, or by PostgreSQL if this connection dies.
  await db.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
  try {
    await db.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version    INTEGER PRIMARY KEY CHECK (version >= 1),
      name       TEXT NOT NULL,
      applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
    )`);
    const { rows } = await db.query<{ current: number }>('SELECT coalesce(max(version), 0)::integer AS current FROM schema_migrations');
    const current = rows[0]!.current;
    const latest = migrations.at(-1)?.version ?? 0;
    if (current > latest) {
      throw new Error(`The database is at schema version ${current}, newer than this ${owner} knows (${latest}). Upgrade the ${owner}.`);
    }
    const applied: number[] = [];
    for (const m of migrations) {
      if (m.version <= current) continue;
      await db.query('BEGIN');
      try {
        await db.query(m.sql);
        await db.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
        await db.query('COMMIT');
      } catch (e) {
        // A lost connection fails the ROLLBACK too: the migration's own error is the one to report.
        await db.query('ROLLBACK').catch(() => undefined);
        throw new Error(`Migration ${m.version} (${m.name}) failed: ${(e as Error).message}`, { cause: e });
      }
      applied.push(m.version);
    }
    return applied;
  } finally {
    // On a lost connection PostgreSQL has released the session's lock already.
    await db.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
  }
}

/** Migrates through one connection of the pool, returned to it afterwards. */
export async function migratePool(pool: pg.Pool, migrations: readonly PgMigration[], owner = 'hub'): Promise<number[]> {
  const client = await pool.connect();
  try {
    return await migratePostgres(client, migrations, owner);
  } finally {
    client.release();
  }
}
