import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratePool } from '../../hub/store/pg/migrate';
import { PG_MIGRATIONS } from '../../hub/store/pg/migrations';
import { createPgPool } from '../../hub/store/pg/pool';
import { POSTGRES_MISSING, startPostgres, warnIfPostgresMissing, type PostgresInstance } from './postgres';

warnIfPostgresMissing('postgres fixture');

describe.skipIf(POSTGRES_MISSING !== null)('the throwaway PostgreSQL of a test file', () => {
  let instance: PostgresInstance;

  beforeAll(async () => {
    instance = await startPostgres();
    console.info(`postgres fixture: started in ${instance.startupMs} ms`);
  });
  afterAll(() => instance?.stop());

  it('answers on 127.0.0.1 only, with fsync off, its socket and data in its own temp dir, not as root', async () => {
    const client = new pg.Client({ connectionString: instance.url });
    await client.connect();
    try {
      const setting = async (name: string) => ((await client.query('SELECT current_setting($1) AS v', [name])).rows[0] as { v: string }).v;
      expect(Number(await setting('server_version_num'))).toBeGreaterThanOrEqual(150000);
      expect(await setting('listen_addresses')).toBe('127.0.0.1');
      expect(await setting('fsync')).toBe('off');
      expect(await setting('unix_socket_directories')).toBe(instance.dir);
      expect(await setting('data_directory')).toBe(`${instance.dir}/data`);
      expect(await setting('server_encoding')).toBe('UTF8');
      // PostgreSQL refuses root: under root the cluster belongs to the service account.
      if (process.getuid?.() === 0) expect(statSync(`${instance.dir}/data`).uid).not.toBe(0);
      const created = await instance.createDatabase('fixture_check');
      const other = new pg.Client({ connectionString: created });
      await other.connect();
      expect((await other.query(`SELECT current_database() AS db, 'Trung tâm Phục vụ Hành chính công' AS name`)).rows).toEqual([{ db: 'fixture_check', name: 'Trung tâm Phục vụ Hành chính công' }]);
      await other.end();
    } finally {
      await client.end();
    }
  });

  it('copies a migrated template into a fresh database per test, quickly', async () => {
    const templateUrl = await instance.createDatabase('hub_template');
    const pool = createPgPool(templateUrl, { max: 1 });
    await migratePool(pool, PG_MIGRATIONS);
    await pool.query(`INSERT INTO centres (id, name, created_at) VALUES ('hoan-kiem', 'Trung tâm Hoàn Kiếm', 'x')`);
    await pool.end();
    const started = performance.now();
    const urls = [];
    for (let i = 1; i <= 3; i++) urls.push(await instance.createDatabase(`hub_test_${i}`, { template: 'hub_template' }));
    console.info(`postgres fixture: a migrated database copied in ${Math.round((performance.now() - started) / 3)} ms`);
    const copy = createPgPool(urls[2]!, { max: 1 });
    expect((await copy.query('SELECT id FROM centres')).rows).toEqual([{ id: 'hoan-kiem' }]);
    expect((await copy.query('SELECT max(version) AS v FROM schema_migrations')).rows).toEqual([{ v: PG_MIGRATIONS.length }]);
    await copy.end();
    await expect(instance.createDatabase('x; DROP DATABASE postgres')).rejects.toThrow('not a plain database name');
  });

  it('stop() ends the server and removes everything it made', async () => {
    const second = await startPostgres();
    expect(existsSync(second.dir)).toBe(true);
    await second.stop();
    expect(existsSync(second.dir)).toBe(false);
    const client = new pg.Client({ connectionString: second.url, connectionTimeoutMillis: 2000 });
    await expect(client.connect()).rejects.toThrow(/ECONNREFUSED/);
    await second.stop(); // idempotent
  });

  it('a test process that exits without stop() takes its server and temp dir with it', async () => {
    const script = `import { startPostgres } from ${JSON.stringify(path.join(import.meta.dirname, 'postgres.ts'))};
      const pg = await startPostgres();
      console.log(JSON.stringify({ dir: pg.dir, url: pg.url }));
      process.exit(0);`;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
    expect(child.status, child.stderr).toBe(0);
    const { dir, url } = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as { dir: string; url: string };
    expect(existsSync(dir)).toBe(false);
    // SIGQUIT: the server is gone within moments; poll briefly rather than sleep.
    for (let i = 0; ; i++) {
      const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
      try {
        await client.connect();
      } catch (e) {
        expect((e as Error).message).toMatch(/ECONNREFUSED|terminat|shutting down|connection/i);
        break;
      }
      await client.end();
      if (i > 50) throw new Error('the server outlived its test process');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }, 60_000);
});
