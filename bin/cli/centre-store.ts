import path from 'node:path';
import type { AuditLog } from '../../hub/audit/audit-log';
import { AuditLog as SqliteAuditLog } from '../../hub/audit/audit-log';
import { openDatabase } from '../../hub/db/open-database';
import { asyncOf, type Async } from '../../hub/store/async-of';
import { sqliteRepositories, type HubRepositories } from '../../hub/store/hub-repositories';
import { connectStore, pgSchemaVersion } from '../../hub/store/pg/connect';
import { PG_MIGRATIONS } from '../../hub/store/pg/migrations';
import { PgAuditLog } from '../../hub/store/pg/pg-audit-log';
import { pgRepositories } from '../../hub/store/pg/pg-repositories';
import { PgStore } from '../../hub/store/pg/pg-store';
import { createPgPool } from '../../hub/store/pg/pool';
import { redactUrl, StoreToolError } from '../../hub/store/pg/tool-error';
import { SqliteStore } from '../../hub/store/sqlite/sqlite-store';
import type { Store } from '../../hub/store/store';
import { mustLoadCentre } from './centre-runtime';
import { hubStoreChoiceOf } from './hub-store-option';

/** Where a CLI command acts: the centre's SQLite file (--data-dir, or the config's), or one centre of the province database (--store, --centre). */
export interface CentreStoreOptions {
  readonly config: string;
  readonly dataDir?: string;
  readonly store?: string;
  readonly centre?: string;
}

/** One centre's store as the hub runs it: the unit of work, the repositories, the audit log. */
export interface CentreStore {
  readonly store: Store;
  readonly repos: HubRepositories;
  readonly audit: Async<AuditLog>;
  close(): Promise<void>;
}

/**
 * Opens what `motcua admin` / `motcua privacy` act on. SQLite: `<data dir>/hub.sqlite` (WAL and a
 * busy timeout: safe beside a running hub). PostgreSQL: the same typed refusals and exit codes as
 * `motcua migrate --store` (hub/store/pg/tool-error.ts) — a URL that is not postgres://… or a
 * missing --centre (2), no such database (3), a schema older or newer than this build (4: run
 * `motcua migrate --store` / upgrade), a database out of reach (5), a refused login (6) — and a
 * centre the database does not have (3); then the centre's repositories, as its hubs use them.
 */
export async function openCentreStore(opts: CentreStoreOptions, clock: () => Date): Promise<CentreStore> {
  if (opts.store === undefined) {
    if (opts.centre !== undefined) throw new StoreToolError('invalid-input', '--centre chỉ dùng cùng --store postgres://…', '--centre goes with --store postgres://… only.');
    const dataDir = opts.dataDir ? path.resolve(opts.dataDir) : mustLoadCentre(opts.config).hub.dataDir;
    const db = openDatabase(path.join(dataDir, 'hub.sqlite'));
    return { store: new SqliteStore(db), repos: sqliteRepositories(db), audit: asyncOf(new SqliteAuditLog(db, clock)), close: async () => void db.close() };
  }
  if (opts.dataDir !== undefined) throw new StoreToolError('invalid-input', 'Chọn một: --store (PostgreSQL) hoặc --data-dir (SQLite).', 'Choose one: --store (PostgreSQL) or --data-dir (SQLite).');
  const choice = hubStoreChoiceOf(opts);
  if (choice.kind !== 'postgres') throw new Error('unreachable: --store given');
  const where = redactUrl(choice.url);
  const client = await connectStore(choice.url, 'motcua-cli');
  try {
    await mustBeCurrentSchema(client, where);
    const centre = await client.query('SELECT 1 FROM centres WHERE id = $1', [choice.centreId]);
    if (centre.rowCount === 0) throw new StoreToolError('not-found', `Cơ sở dữ liệu ${where} không có trung tâm "${choice.centreId}": khởi động hub của trung tâm một lần hoặc nhập dữ liệu (motcua province import).`, `The database ${where} has no centre "${choice.centreId}": start its hub once or import it (motcua province import).`);
  } finally {
    await client.end().catch(() => undefined);
  }
  const pool = createPgPool(choice.url, { max: 2, applicationName: `motcua-cli ${choice.centreId}` });
  const store = new PgStore(pool);
  return { store, repos: pgRepositories(store, choice.centreId), audit: new PgAuditLog(store, choice.centreId, clock), close: () => pool.end() };
}

/** Refuses (exit 4) a province database whose schema is older or newer than this build's. */
export async function mustBeCurrentSchema(client: Parameters<typeof pgSchemaVersion>[0], where: string): Promise<void> {
    const version = await pgSchemaVersion(client);
    const latest = PG_MIGRATIONS.length;
    if (version > latest) throw new StoreToolError('conflict', `Cơ sở dữ liệu ${where} ở phiên bản ${version}, mới hơn bản motcua này (${latest}): hãy nâng cấp motcua.`, `The database ${where} is at schema version ${version}, newer than this motcua knows (${latest}): upgrade motcua.`);
    if (version < latest) throw new StoreToolError('conflict', `Cơ sở dữ liệu ${where} ở phiên bản ${version}, cũ hơn bản này (${latest}): chạy motcua migrate --store trước.`, `The database ${where} is at schema version ${version}, older than this build (${latest}): run motcua migrate --store first.`);
}

/** The --store / --centre options of a command that can act on the province database. */
export const STORE_OPTION = ['--store <url>', 'the province database, postgres://user@host/db (instead of the SQLite file)'] as const;
export const CENTRE_OPTION = ['--centre <id>', 'with --store: the centre whose data it is'] as const;
