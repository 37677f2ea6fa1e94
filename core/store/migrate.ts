/**
 * Numbered schema migrations, shared by the hub's database and each terminal's own. No I/O of
 * its own: the caller passes the open database (better-sqlite3's `Database` fits the shape).
 */
export interface MigratableDatabase {
  pragma(source: string, options?: { simple?: boolean }): unknown;
  transaction(fn: () => void): () => void;
}

export interface Migration<Db extends MigratableDatabase = MigratableDatabase> {
  /** Strictly increasing from 1; stored in PRAGMA user_version once applied. */
  readonly version: number;
  readonly name: string;
  /**
   * Rebuilds a table others reference (SQLite's 12-step ALTER): foreign keys are switched off
   * around the transaction, and checked before it commits.
   */
  readonly rebuildsTables?: boolean;
  up(db: Db): void;
}

/**
 * Applies the migrations above the database's version, each in its own transaction. Returns the
 * versions applied. `owner` names the program in the error for a database newer than it knows.
 */
export function migrate<Db extends MigratableDatabase>(db: Db, migrations: readonly Migration<Db>[], owner = 'hub'): number[] {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new Error(`The database is at schema version ${current}, newer than this ${owner} knows (${latest}). Upgrade the ${owner}.`);
  }
  const applied: number[] = [];
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration ${m.name}: version ${m.version}, expected ${i + 1}`);
    if (m.version <= current) return;
    const fkWasOn = db.pragma('foreign_keys', { simple: true }) === 1;
    if (m.rebuildsTables && fkWasOn) db.pragma('foreign_keys = OFF'); // only effective outside a transaction
    try {
      db.transaction(() => {
        m.up(db);
        if (m.rebuildsTables) {
          const broken = db.pragma('foreign_key_check') as unknown[];
          if (broken.length > 0) throw new Error(`Migration ${m.name} would break ${broken.length} foreign key(s)`);
        }
        db.pragma(`user_version = ${m.version}`);
      })();
    } finally {
      if (m.rebuildsTables && fkWasOn) db.pragma('foreign_keys = ON');
    }
    applied.push(m.version);
  });
  return applied;
}
