import path from 'node:path';
import pg from 'pg';
import { importCentre, type ImportReport } from '../../hub/store/pg/import/import-centre';
import { openSqliteSnapshot } from '../../hub/store/pg/import/sqlite-snapshot';
import { migratePool } from '../../hub/store/pg/migrate';
import { PG_MIGRATIONS } from '../../hub/store/pg/migrations';
import { createPgPool, HUB_PG_TYPES } from '../../hub/store/pg/pool';
import { startPostgres, type PostgresInstance } from './postgres';

/**
 * A private PostgreSQL for the `province import` suites: a migrated template database, a fresh
 * copy of it per test (`fresh`), and the import as the CLI runs it (`importFile`: the file's
 * snapshot, its dossier files beside it, a fixed time).
 */
export class ImportDatabases {
  private databases = 0;
  private readonly pools: pg.Pool[] = [];

  private constructor(
    readonly server: PostgresInstance,
    private readonly prefix: string,
  ) {}

  static async start(prefix: string): Promise<ImportDatabases> {
    const server = await startPostgres();
    const template = createPgPool(await server.createDatabase('migrated'), { max: 1 });
    await migratePool(template, PG_MIGRATIONS);
    await template.end();
    return new ImportDatabases(server, prefix);
  }

  /** A new database, migrated (a copy of the template), and a pool on it closed by stop(). */
  async fresh(): Promise<{ url: string; pool: pg.Pool }> {
    const url = await this.server.createDatabase(`${this.prefix}_${++this.databases}`, { template: 'migrated' });
    const pool = createPgPool(url, { max: 4 });
    this.pools.push(pool);
    return { url, pool };
  }

  async importFile(url: string, file: string, centre: { id: string; name?: string }): Promise<ImportReport> {
    const client = new pg.Client({ connectionString: url, types: HUB_PG_TYPES });
    await client.connect();
    const snapshot = openSqliteSnapshot(file);
    try {
      return await importCentre(client, snapshot, { centre, importedBy: 'cli:test', now: new Date('2026-12-03T03:00:00Z'), filesDir: path.join(path.dirname(file), 'dossier-files') });
    } finally {
      snapshot.close();
      await client.end();
    }
  }

  async stop(): Promise<void> {
    await Promise.all(this.pools.map((p) => p.end()));
    await this.server.stop();
  }
}
