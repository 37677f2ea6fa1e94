import { mkdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../hub/db/migration';
import { MIGRATIONS } from '../../hub/db/migrations';
import { migratePool } from '../../hub/store/pg/migrate';
import { PG_MIGRATIONS } from '../../hub/store/pg/migrations';
import { createPgPool } from '../../hub/store/pg/pool';
import { tempDir } from '../support/centre';
import { runMotcua } from '../support/motcua-cli';
import { POSTGRES_MISSING, startPostgres, warnIfPostgresMissing, type PostgresInstance } from '../support/postgres';

warnIfPostgresMissing('migrate-command');

const SQLITE_LATEST = MIGRATIONS.length;
const PG_LATEST = PG_MIGRATIONS.length;

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('motcua migrate: a centre\'s SQLite file', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeAll(() => {
    tmp = tempDir('motcua-migrate-');
  });
  afterAll(() => tmp.remove());

  it('creates and migrates a fresh file, says "already current" the second time, finishes an older file, refuses a newer one and a file that is not SQLite', { timeout: 300_000 }, async () => {
    const fresh = path.join(tmp.dir, 'fresh', 'hub.sqlite');
    const older = path.join(tmp.dir, 'older', 'hub.sqlite');
    const newer = path.join(tmp.dir, 'newer.sqlite');
    const text = path.join(tmp.dir, 'notes.sqlite');
    {
      mkdirSync(path.dirname(older), { recursive: true });
      const db = new BetterSqlite3(older);
      migrate(db, MIGRATIONS.slice(0, 10));
      db.close();
      const n = new BetterSqlite3(newer);
      migrate(n, MIGRATIONS);
      n.pragma(`user_version = ${SQLITE_LATEST + 1}`);
      n.close();
      writeFileSync(text, 'ghi chú, không phải cơ sở dữ liệu\n'.repeat(200));
    }
    const [first, olderRun, newerRun, textRun] = await Promise.all([
      runMotcua(['migrate', '--db', fresh]),
      runMotcua(['migrate', '--data-dir', path.dirname(older)]),
      runMotcua(['migrate', '--db', newer]),
      runMotcua(['migrate', '--db', text]),
    ]);
    expect(first).toMatchObject({ code: 0, stderr: '', stdout: `SQLite ${fresh}: migrated from version 0 to ${SQLITE_LATEST} (applied 1–${SQLITE_LATEST})\n` });
    expect(olderRun).toMatchObject({ code: 0, stderr: '', stdout: `SQLite ${older}: migrated from version 10 to ${SQLITE_LATEST} (applied 11–${SQLITE_LATEST})\n` });
    expect(newerRun).toMatchObject({ code: 4, stdout: '' });
    expect(newerRun.stderr).toContain(`conflict: Tệp ${newer} ở phiên bản ${SQLITE_LATEST + 1}, mới hơn bản motcua này (${SQLITE_LATEST}): không động vào`);
    expect(newerRun.stderr).toContain(`is at schema version ${SQLITE_LATEST + 1}, newer than this motcua knows (${SQLITE_LATEST}): left alone`);
    expect(textRun).toMatchObject({ code: 2, stderr: expect.stringContaining('không phải tệp SQLite đọc được') });

    const again = await runMotcua(['migrate', '--db', fresh]);
    expect(again).toMatchObject({ code: 0, stdout: `SQLite ${fresh}: already current (version ${SQLITE_LATEST})\n` });
    const db = new BetterSqlite3(fresh, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SQLITE_LATEST);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    const still = new BetterSqlite3(newer, { readonly: true });
    expect(still.pragma('user_version', { simple: true })).toBe(SQLITE_LATEST + 1);
    still.close();
  });
});

describe.skipIf(POSTGRES_MISSING !== null)('motcua migrate --store: the province database', () => {
  let server: PostgresInstance;
  beforeAll(async () => {
    server = await startPostgres();
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('migrates a fresh database, says "already current" the second time, finishes a partly migrated one, refuses a newer one', { timeout: 300_000 }, async () => {
    const fresh = await server.createDatabase('fresh');
    const partial = await server.createDatabase('partial');
    const newer = await server.createDatabase('newer');
    const p = createPgPool(partial, { max: 1 });
    await migratePool(p, PG_MIGRATIONS.slice(0, 3));
    await p.end();
    const n = createPgPool(newer, { max: 1 });
    await migratePool(n, [...PG_MIGRATIONS, { version: PG_LATEST + 1, name: 'from a later build', sql: 'CREATE TABLE later (x INTEGER)' }]);
    await n.end();

    const [first, partly, newerRun] = await Promise.all([runMotcua(['migrate', '--store', fresh]), runMotcua(['migrate', '--store', partial]), runMotcua(['migrate', '--store', newer])]);
    expect(first).toMatchObject({ code: 0, stderr: '', stdout: `PostgreSQL ${fresh}: migrated from version 0 to ${PG_LATEST} (applied 1–${PG_LATEST})\n` });
    expect(partly).toMatchObject({ code: 0, stderr: '', stdout: `PostgreSQL ${partial}: migrated from version 3 to ${PG_LATEST} (applied 4–${PG_LATEST})\n` });
    expect(newerRun).toMatchObject({ code: 4, stdout: '' });
    expect(newerRun.stderr).toContain(`ở phiên bản ${PG_LATEST + 1}, mới hơn bản motcua này (${PG_LATEST})`);
    expect(newerRun.stderr).toContain(`newer than this motcua knows (${PG_LATEST}): left alone; upgrade motcua.`);

    const again = await runMotcua(['migrate', '--store', fresh]);
    expect(again).toMatchObject({ code: 0, stdout: `PostgreSQL ${fresh}: already current (version ${PG_LATEST})\n` });
    const check = createPgPool(fresh, { max: 1 });
    try {
      expect((await check.query('SELECT version FROM schema_migrations ORDER BY version')).rows.map((r: { version: number }) => r.version)).toEqual(PG_MIGRATIONS.map((m) => m.version));
      expect((await check.query(`SELECT to_regclass('imports')::text AS t`)).rows).toEqual([{ t: 'imports' }]);
    } finally {
      await check.end();
    }
  });

  it('an unreachable or absent database, a wrong URL: a typed refusal in Vietnamese and English, each with its exit code, the password never printed', { timeout: 300_000 }, async () => {
    const port = await closedPort();
    const [down, absent, notUrl, both] = await Promise.all([
      runMotcua(['migrate', '--store', `postgres://motcua:bi-mat@127.0.0.1:${port}/motcua`]),
      runMotcua(['migrate', '--store', `postgres://motcua@127.0.0.1:${server.port}/khong_co`]),
      runMotcua(['migrate', '--store', 'mysql://127.0.0.1/motcua']),
      runMotcua(['migrate', '--store', `postgres://motcua@127.0.0.1:${server.port}/postgres`, '--db', 'x.sqlite']),
    ]);
    expect(down).toMatchObject({ code: 5, stdout: '' });
    expect(down.stderr).toContain(`motcua: hub-unreachable: Không kết nối được cơ sở dữ liệu postgres://motcua:***@127.0.0.1:${port}/motcua (ECONNREFUSED)`);
    expect(down.stderr).toContain(`Cannot reach the database postgres://motcua:***@127.0.0.1:${port}/motcua (ECONNREFUSED)`);
    expect(down.stderr).not.toContain('bi-mat');
    expect(absent).toMatchObject({ code: 3, stderr: expect.stringContaining('not-found: Không có cơ sở dữ liệu') });
    expect(notUrl).toMatchObject({ code: 2, stderr: expect.stringContaining('--store phải là địa chỉ postgres://') });
    expect(both).toMatchObject({ code: 2, stderr: expect.stringContaining('Chọn một: --store (PostgreSQL) hoặc --db/--data-dir (SQLite).') });
  });
});
