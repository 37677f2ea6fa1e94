import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import type { Command } from 'commander';
import { migrate } from '../../hub/db/migration';
import { MIGRATIONS } from '../../hub/db/migrations';
import { connectStore, pgSchemaVersion } from '../../hub/store/pg/connect';
import { migratePostgres } from '../../hub/store/pg/migrate';
import { PG_MIGRATIONS } from '../../hub/store/pg/migrations';
import { redactUrl, StoreToolError } from '../../hub/store/pg/tool-error';
import { mustLoadCentre } from './centre-runtime';
import { runStoreTool } from './store-tool';

interface MigrateOptions {
  readonly store?: string;
  readonly db?: string;
  readonly dataDir?: string;
  readonly config: string;
}

/** "from 3 to 6 (applied 4–6)" or "already current (version 6)". */
function outcome(from: number, applied: readonly number[]): string {
  if (applied.length === 0) return `already current (version ${from})`;
  const first = applied[0]!;
  const last = applied.at(-1)!;
  return `migrated from version ${from} to ${last} (applied ${first === last ? first : `${first}–${last}`})`;
}

function newer(what: string, version: number, latest: number): StoreToolError {
  return new StoreToolError('conflict', `${what} ở phiên bản ${version}, mới hơn bản motcua này (${latest}): không động vào; hãy nâng cấp motcua.`, `${what} is at schema version ${version}, newer than this motcua knows (${latest}): left alone; upgrade motcua.`);
}

/** `motcua migrate --store postgres://…`: the province database, under the migrations' advisory lock. */
async function migrateStore(url: string): Promise<void> {
  const client = await connectStore(url, 'motcua-migrate');
  try {
    const from = await pgSchemaVersion(client);
    const latest = PG_MIGRATIONS.length;
    if (from > latest) throw newer(`Cơ sở dữ liệu ${redactUrl(url)}`, from, latest);
    const applied = await migratePostgres(client, PG_MIGRATIONS, 'motcua');
    // Another process may have migrated between our read and the lock: report what this run did.
    const start = applied.length > 0 ? applied[0]! - 1 : await pgSchemaVersion(client);
    console.log(`PostgreSQL ${redactUrl(url)}: ${outcome(start, applied)}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The SQLite file: --db, else <--data-dir>/hub.sqlite, else the centre config's hub.dataDir. Created if absent. */
function sqliteFile(opts: MigrateOptions): string {
  if (opts.db) return path.resolve(opts.db);
  const dir = opts.dataDir ? path.resolve(opts.dataDir) : mustLoadCentre(opts.config).hub.dataDir;
  return path.join(dir, 'hub.sqlite');
}

function openSqlite(file: string): Database {
  const fresh = !existsSync(file);
  if (fresh) mkdirSync(path.dirname(file), { recursive: true });
  try {
    const db = new BetterSqlite3(file);
    db.pragma('busy_timeout = 5000');
    db.pragma('user_version'); // a file that is not SQLite fails here
    if (fresh) db.pragma('journal_mode = WAL'); // as the hub opens it (hub/db/open-database.ts)
    db.pragma('foreign_keys = ON');
    return db;
  } catch (e) {
    throw new StoreToolError('invalid-input', `${file} không phải tệp SQLite đọc được: ${(e as Error).message}.`, `${file} is not a readable SQLite file: ${(e as Error).message}.`);
  }
}

/** `motcua migrate --db hub.sqlite`: the centre's own file, as the hub migrates it when it starts. */
function migrateSqlite(file: string): void {
  const db = openSqlite(file);
  try {
    const from = db.pragma('user_version', { simple: true }) as number;
    if (from > MIGRATIONS.length) throw newer(`Tệp ${file}`, from, MIGRATIONS.length);
    const applied = migrate(db, MIGRATIONS, 'motcua');
    console.log(`SQLite ${file}: ${outcome(from, applied)}`);
  } finally {
    db.close();
  }
}

export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('bring a database to this build\'s schema: the province\'s PostgreSQL (--store) or a centre\'s SQLite file (--db, or the data dir the hub uses); prints what it applied; refuses a database newer than this build')
    .option('--store <url>', 'the province database, postgres://user@host/db')
    .option('--db <file>', "a hub's SQLite file (created if absent)")
    .option('--data-dir <dir>', 'the folder holding hub.sqlite (default: from the config)')
    .option('-c, --config <file>', 'centre config (JSON), for hub.dataDir', 'kiosk-config/demo-centre.json')
    .action((opts: MigrateOptions) =>
      runStoreTool(async () => {
        if (opts.store && (opts.db || opts.dataDir)) {
          throw new StoreToolError('invalid-input', 'Chọn một: --store (PostgreSQL) hoặc --db/--data-dir (SQLite).', 'Choose one: --store (PostgreSQL) or --db/--data-dir (SQLite).');
        }
        if (opts.store) await migrateStore(opts.store);
        else migrateSqlite(sqliteFile(opts));
      }),
    );
}
