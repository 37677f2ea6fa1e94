import path from 'node:path';
import type { Database } from 'better-sqlite3';
import type pg from 'pg';
import type { CentreDefinition } from '../../core/centre';
import { openDatabase } from '../db/open-database';
import type { HubIntegrations } from '../integrations/outbox-settings';
import { sqliteRepositories, type HubRepositories } from './hub-repositories';
import { migratePool } from './pg/migrate';
import { PG_MIGRATIONS } from './pg/migrations';
import { ensureCentre, pgRepositories } from './pg/pg-repositories';
import { PgStore } from './pg/pg-store';
import { createPgPool } from './pg/pool';
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
    };

/** What the hub cannot do on PostgreSQL yet: refused at start when the config asks for it. */
export type NotOnPostgresFeature = 'backup' | 'integrations';

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

/**
 * What a hub on PostgreSQL still keeps in the SQLite file of its process, said in the log at start
 * (never silently): not shared with the other processes until their twins are wired
 * (docs/province.md, "Left").
 */
export const ON_THE_PROCESS_FILE: readonly string[] = ['the administrative audit log'];

/** Every config part that makes a PostgreSQL start impossible today, as a typed refusal. */
export function refusalOnPostgres(config: CentreDefinition, integrations: HubIntegrations | undefined): NotOnPostgres | null {
  if (config.hub.backup) {
    return new NotOnPostgres('backup', 'Sao lưu định kỳ (hub.backup) chỉ dành cho tệp SQLite; với PostgreSQL hãy dùng pg_dump hoặc bản sao dự phòng. Bỏ hub.backup khỏi cấu hình.', 'Scheduled backups (hub.backup) are for the SQLite file only; on PostgreSQL use pg_dump or a standby. Remove hub.backup from the config.');
  }
  const i = integrations;
  if (i && (i.webhooks.subscriptions.length > 0 || i.nationalPortal !== undefined || i.notifier !== undefined)) {
    return new NotOnPostgres('integrations', 'Hộp thư gửi đi (webhook, Cổng DVC quốc gia, thông báo) chưa chạy trên PostgreSQL: bỏ phần tích hợp khỏi cấu hình hoặc chạy trên SQLite.', 'The outbox (webhooks, national portal, notifications) does not run on PostgreSQL yet: remove the integrations or run on SQLite.');
  }
  return null;
}

export interface OpenedBackend {
  readonly kind: 'sqlite' | 'postgres';
  /**
   * SQLite: the hub's database. PostgreSQL: a file of this process for what is not wired to
   * PostgreSQL yet (the administrative audit log) — per process, not shared (docs/province.md, "Left").
   */
  readonly db: Database;
  readonly store: Store;
  readonly repos: HubRepositories;
  /** The PostgreSQL pool (also the Socket.IO adapter's), or null on SQLite. */
  readonly pool: pg.Pool | null;
  /** Where this backend is, for the log (a URL without its password). */
  readonly where: string;
  close(): Promise<void>;
}

/**
 * Opens the store: SQLite at `dbFile`; or PostgreSQL — a pool, the migrations applied under the
 * advisory lock (several processes starting at once migrate once), the centre's row — with the
 * process-local file at `dbFile`.
 */
export async function openBackend(choice: HubStoreChoice, dbFile: string, centre: { readonly name: string }, now: Date): Promise<OpenedBackend> {
  if (choice.kind === 'sqlite') {
    const db = openDatabase(dbFile);
    return { kind: 'sqlite', db, store: new SqliteStore(db), repos: sqliteRepositories(db), pool: null, where: dbFile, close: async () => void db.close() };
  }
  // One more than the commands' connections: the Socket.IO adapter holds one for LISTEN.
  const owned = choice.sharedPool === undefined;
  const pool = choice.sharedPool ?? createPgPool(choice.url, { max: (choice.poolSize ?? 10) + 1, applicationName: `motcua-hub ${choice.centreId} pid ${process.pid}` });
  const endOwned = async () => {
    if (owned) await pool.end();
  };
  try {
    await migratePool(pool, PG_MIGRATIONS);
    await ensureSocketIoTable(pool);
    const store = new PgStore(pool);
    await ensureCentre(store, { id: choice.centreId, name: centre.name }, now);
    const db = openDatabase(dbFile);
    return {
      kind: 'postgres',
      db,
      store,
      repos: pgRepositories(store, choice.centreId),
      pool,
      where: `${redactUrl(choice.url)} (centre ${choice.centreId}; local ${path.basename(dbFile)})`,
      close: async () => {
        db.close();
        await endOwned();
      },
    };
  } catch (e) {
    await endOwned().catch(() => undefined);
    throw e;
  }
}
