import path from 'node:path';
import type { CentreDirectory } from '../../core/dossiers/collection';
import type { Database } from 'better-sqlite3';
import type pg from 'pg';
import type { CentreDefinition } from '../../core/centre';
import { DirectoryBlobs } from '../dossiers/directory-blobs';
import type { DossierBlobs } from '../dossiers/dossier-blobs';
import type { ProvinceBackend } from '../admin/province-admin';
import { AuditLog } from '../audit/audit-log';
import { openDatabase } from '../db/open-database';
import type { ZnsTokenStore } from '../integrations/zalo-zns';
import { ZnsTokenFile } from '../integrations/zns-token-file';
import { asyncOf, type Async } from './async-of';
import { sqliteRepositories, type HubRepositories } from './hub-repositories';
import { PgAdminAccountRepository } from './pg/pg-admin-account-repository';
import { PgSignInLockoutRepository } from './pg/pg-sign-in-lockout-repository';
import { PgAdminSessionRepository } from './pg/pg-admin-session-repository';
import { PgAuditLog } from './pg/pg-audit-log';
import { PgDossierBlobs } from './pg/pg-dossier-blobs';
import { migratePool } from './pg/migrate';
import { PG_MIGRATIONS } from './pg/migrations';
import { ensureCentre, pgRepositories } from './pg/pg-repositories';
import { PgStore } from './pg/pg-store';
import { CentreListeners } from './pg/centre-listeners';
import { PgZnsTokenStore } from './pg/pg-zns-tokens';
import { provinceStats } from './pg/province-stats';
import { createPgPool } from './pg/pool';
import { endAdapterPool } from './pg/adapter-pool';
import { ensureSocketIoTable } from './pg/socket-io-table';
import { redactUrl } from './pg/tool-error';
import { SqliteStore } from './sqlite/sqlite-store';
import type { Store } from './store';

/**
 * Where a hub keeps its data (docs/province.md): its centre's SQLite file (the default), or one
 * centre of a province's PostgreSQL database, shared with the other hub processes.
 */
export type HubStoreChoice =
  | { readonly kind: 'sqlite' }
  | {
      readonly kind: 'postgres';
      readonly url: string;
      readonly centreId: string;
      readonly poolSize?: number;
      /**
       * A pool of the process shared by the centres it serves (hub/centre-hubs.ts): used, never
       * ended by this hub. Without it the hub opens (and ends) a pool of its own.
       */
      readonly sharedPool?: pg.Pool;
      /**
       * The database is already migrated and has the Socket.IO adapter's table (whoever shares the
       * pool did it once, as CentreHubs does before its centres start): skip both.
       */
      readonly schemaReady?: boolean;
    };

/** What the hub cannot do on PostgreSQL yet: refused at start when the config asks for it. */
export type NotOnPostgresFeature = 'backup';

/**
 * A start refused because the config asks for something the PostgreSQL store cannot do yet. Typed
 * (`kind`, `feature`) with a Vietnamese message and the English one; nothing was opened.
 */
export class NotOnPostgres extends Error {
  readonly kind = 'invalid-input' as const;
  constructor(
    readonly feature: NotOnPostgresFeature,
    vi: string,
    readonly english: string,
  ) {
    super(vi);
    this.name = 'NotOnPostgres';
  }
}

/** Every config part that makes a PostgreSQL start impossible today, as a typed refusal. */
export function refusalOnPostgres(config: CentreDefinition): NotOnPostgres | null {
  if (config.hub.backup) {
    return new NotOnPostgres('backup', 'Sao lưu định kỳ (hub.backup) chỉ dành cho tệp SQLite; với PostgreSQL hãy dùng motcua province backup (pg_dump, mã hoá) hoặc bản sao dự phòng. Bỏ hub.backup khỏi cấu hình.', 'Scheduled backups (hub.backup) are for the SQLite file only; on PostgreSQL use motcua province backup (pg_dump, encrypted) or a standby. Remove hub.backup from the config.');
  }
  return null;
}

export interface OpenedBackend {
  readonly kind: 'sqlite' | 'postgres';
  /** SQLite: the hub's database (backups copy it). PostgreSQL: null — nothing stays in a file of the process. */
  readonly db: Database | null;
  readonly store: Store;
  readonly repos: HubRepositories;
  /** The centre's administrative audit log: the SQLite file's chain, or the centre's chain in PostgreSQL (one for every process). */
  auditLog(clock: () => Date): Async<AuditLog>;
  /** The Zalo OA's rotating tokens: a file beside the SQLite database, or the centre's row in PostgreSQL (shared by its processes). */
  znsTokens(initialRefreshToken: string | undefined, clock: () => Date): ZnsTokenStore;
  /** The bytes of dossiers' scans and result files: the directory given (SQLite), or the province database's table, which every process reaches. */
  dossierBlobs(dir: string): DossierBlobs;
  /** The province's administrators and statistics (PostgreSQL), or null: a single centre's SQLite hub is no province. */
  readonly province: ProvinceBackend | null;
  /** The PostgreSQL pool (also the Socket.IO adapter's), or null on SQLite. */
  readonly pool: pg.Pool | null;
  /** The hub processes listening to the centre's queue, which decide whether an event must reach the others (PostgreSQL), or null on SQLite. */
  readonly listeners: CentreListeners | null;
  /** Where this backend is, for the log (a URL without its password). */
  readonly where: string;
  close(): Promise<void>;
}

/**
 * Opens the store: SQLite at `dbFile`; or PostgreSQL — a pool, the migrations applied under the
 * advisory lock (several processes starting at once migrate once), the centre's row. On
 * PostgreSQL no file of the process is opened: every process of a centre shares everything.
 */
export async function openBackend(choice: HubStoreChoice, dbFile: string, centre: { readonly name: string }, now: Date, centres?: CentreDirectory): Promise<OpenedBackend> {
  if (choice.kind === 'sqlite') {
    const db = openDatabase(dbFile);
    return { kind: 'sqlite', db, store: new SqliteStore(db), repos: sqliteRepositories(db, centres), auditLog: (clock) => asyncOf(new AuditLog(db, clock)), znsTokens: (initial) => new ZnsTokenFile(path.join(path.dirname(dbFile), 'zns-tokens.json'), initial), dossierBlobs: (dir) => new DirectoryBlobs(dir), province: null, pool: null, listeners: null, where: dbFile, close: async () => void db.close() };
  }
  // Two more than the commands' connections: the LISTEN the centre's and the province relay's adapters share (store/pg/shared-listener.ts), and one for NOTIFYs.
  const owned = choice.sharedPool === undefined;
  const pool = choice.sharedPool ?? createPgPool(choice.url, { max: (choice.poolSize ?? 10) + 2, applicationName: `motcua-hub ${choice.centreId} pid ${process.pid}` });
  const endOwned = async () => {
    if (owned) await endAdapterPool(pool);
  };
  try {
    if (!choice.schemaReady) {
      await migratePool(pool, PG_MIGRATIONS);
      await ensureSocketIoTable(pool);
    }
    const store = new PgStore(pool);
    await ensureCentre(store, { id: choice.centreId, name: centre.name }, now);
    return {
      kind: 'postgres',
      db: null,
      store,
      repos: pgRepositories(store, choice.centreId, centres),
      auditLog: (clock) => new PgAuditLog(store, choice.centreId, clock),
      znsTokens: (initial, clock) => new PgZnsTokenStore(store, choice.centreId, initial, clock),
      dossierBlobs: () => new PgDossierBlobs(store),
      // Accounts of no centre (PostgreSQL migration 0017); the statistics read through the pool, outside any command's transaction.
      province: { adminAccounts: new PgAdminAccountRepository(store.sql, null), adminSessions: new PgAdminSessionRepository(store.sql, null), signInLockouts: new PgSignInLockoutRepository(store.sql, null), stats: (range, at) => provinceStats(pool, range, at) },
      pool,
      listeners: new CentreListeners(store.sql, choice.centreId),
      where: `${redactUrl(choice.url)} (centre ${choice.centreId})`,
      close: endOwned,
    };
  } catch (e) {
    await endOwned().catch(() => undefined);
    throw e;
  }
}
