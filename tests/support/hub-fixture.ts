import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { Hub, HubOptions } from '../../hub/hub';
import type { HubStoreChoice } from '../../hub/store/hub-backend';
import { connectCounter, connectDevice, demoConfig, startHub, tempDir, tokenOf, type DeviceSocket } from './centre';
import { verifyAllChains, type ChainReport } from '../../hub/audit/chain-verifier';
import { verifyCentreChains } from '../../hub/store/pg/chain-verify';
import { hubTestStore, TEST_CENTRE_ID, usePostgresForHubs, type HubTestStore } from './hub-store';
import { AdminAccounts, sqliteAdminAccounts } from '../../hub/admin/admin-accounts';
import { openDatabase } from '../../hub/db/open-database';
import { PgAdminAccountRepository } from '../../hub/store/pg/pg-admin-account-repository';
import { createPgPool } from '../../hub/store/pg/pool';
import { PgStore } from '../../hub/store/pg/pg-store';

/**
 * A fresh hub for each test, on a free loopback port with its SQLite file in a temp dir, and
 * devices that connect to it; everything is closed after the test.
 *
 * The store: `store` here, else MOTCUA_TEST_STORE (`sqlite`, the default, or `postgres`). On
 * PostgreSQL the file starts one private instance (tests/support/postgres.ts), migrates a template
 * once, and each test's hub gets its own copy of it, as centre `demo`.
 */
export function useHubFixture(options: Partial<HubOptions> & { readonly testStore?: HubTestStore; readonly scope?: 'test' | 'file'; readonly autoStart?: boolean } = {}) {
  const { testStore = hubTestStore(), scope = 'test', autoStart = true, ...hubOptions } = options;
  const config = demoConfig();
  let tmp: ReturnType<typeof tempDir> | null = null;
  let hub: Hub | null = null;
  let store: HubStoreChoice = { kind: 'sqlite' };
  const sockets: DeviceSocket[] = [];
  const postgres = testStore === 'postgres' ? usePostgresForHubs({ beforeAll, afterAll }) : null;

  // `scope: 'file'`: one hub for the whole file, its tests in turn on the same data (a suite whose tests build on each other).
  const [before, after] = scope === 'file' ? [beforeAll, afterAll] : [beforeEach, afterEach];
  before(async () => {
    tmp = tempDir();
    store = postgres ? await postgres.freshStore() : { kind: 'sqlite' };
    // `autoStart: false`: the test starts its hub with its own options (f.start).
    if (autoStart) hub = await startHub(path.join(tmp.dir, 'hub.sqlite'), { store, ...hubOptions });
  }, 60_000);
  after(async () => {
    sockets.splice(0).forEach((s) => s.close());
    await hub?.close();
    hub = null;
    tmp?.remove();
    tmp = null;
  }, 60_000);

  /** Reads the hub's database beside it: SQLite's file (read-only; WAL lets a reader in) or the test's PostgreSQL database. */
  async function besideTheHub<T>(sqlite: (db: BetterSqlite3.Database) => T, postgres: (client: pg.Client) => Promise<T>): Promise<T> {
    if (store.kind === 'sqlite') {
      const db = new BetterSqlite3(path.join(fixture.dir, 'hub.sqlite'), { readonly: true });
      try {
        return sqlite(db);
      } finally {
        db.close();
      }
    }
    const client = new pg.Client({ connectionString: store.url });
    await client.connect();
    try {
      return await postgres(client);
    } finally {
      await client.end();
    }
  }

  const fixture = {
    /** Which store the hubs of this file run on. */
    storeKind: testStore,
    get hub(): Hub {
      if (!hub) throw new Error('no hub outside a test');
      return hub;
    },
    /** Whether a hub is running (a fixture made with `autoStart: false` has none until f.start). */
    get hasHub(): boolean {
      return hub !== null;
    },
    get dir(): string {
      if (!tmp) throw new Error('no temp dir outside a test');
      return tmp.dir;
    },
    /** Connects a device; counters also sign their demo clerk in, as at the start of a shift. */
    async open(id: string) {
      const c = id.startsWith('counter-') ? await connectCounter(fixture.hub.url, id as 'counter-1') : await connectDevice(fixture.hub.url, id, tokenOf(config, id));
      sockets.push(c.socket);
      return c;
    },
    /** Closes this socket with the others after the test. */
    track(socket: DeviceSocket): DeviceSocket {
      sockets.push(socket);
      return socket;
    },
    /**
     * Rows of the hub's database read beside it, on either store: SQLite's file (read-only; WAL
     * lets a reader in) or the PostgreSQL database (`?` placeholders become `$1…`; one centre per
     * test database, so no centre_id filter is needed).
     */
    async rows(sql: string, ...args: unknown[]): Promise<unknown[]> {
      return besideTheHub(
        (db) => db.prepare(sql).all(...args),
        async (client) => {
          let n = 0;
          // count(*) is int8 (a string in node-postgres): as a number, like SQLite's.
          const result = await client.query(sql.replace(/\?/g, () => `$${++n}`), args);
          return result.rows.map((r: Record<string, unknown>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'string' && /^\d+$/.test(v) && result.fields.find((f) => f.name === k)?.dataTypeID === 20 ? Number(v) : v])));
        },
      );
    },
    /**
     * The scans a dossier's bytes are stored as, read beside the hub: SQLite's `dossier-files/<code>.pdf`
     * (none or one), or its rows in PostgreSQL's dossier_blobs.
     */
    async storedScans(code: string): Promise<Buffer[]> {
      if (store.kind === 'sqlite') {
        const file = path.join(fixture.dir, 'dossier-files', `${code}.pdf`);
        return existsSync(file) ? [readFileSync(file)] : [];
      }
      return besideTheHub(
        () => [],
        async (client) => (await client.query<{ bytes: Buffer }>(`SELECT bytes FROM dossier_blobs WHERE dossier_code = $1 AND kind = 'scan'`, [code])).rows.map((r) => r.bytes),
      );
    },
    /** The hub's hash chains (audit log, Form 05 history) walked beside it, on either store. */
    async chains(): Promise<ChainReport> {
      return besideTheHub(
        (db) => verifyAllChains(db),
        (client) => verifyCentreChains(client, TEST_CENTRE_ID),
      );
    },
    /** Starts the hub of a fixture made with `autoStart: false`, with these options over the fixture's. */
    async start(extra: Partial<HubOptions> = {}): Promise<Hub> {
      if (hub) throw new Error('the hub is already started: f.restart() stops it first');
      hub = await startHub(path.join(fixture.dir, 'hub.sqlite'), { store, ...hubOptions, ...extra });
      return hub;
    },
    /**
     * The administrator accounts of the hub's database opened beside it, as `motcua admin` does,
     * on either store: the SQLite file or the test's PostgreSQL database (centre `demo`).
     */
    async adminAccounts<T>(work: (accounts: AdminAccounts) => T | Promise<T>, clock: () => Date = () => new Date()): Promise<T> {
      if (store.kind === 'sqlite') {
        const db = openDatabase(path.join(fixture.dir, 'hub.sqlite'));
        try {
          return await work(sqliteAdminAccounts(db, clock));
        } finally {
          db.close();
        }
      }
      const pool = createPgPool(store.url, { max: 1 });
      try {
        return await work(new AdminAccounts(new PgAdminAccountRepository(new PgStore(pool).sql, TEST_CENTRE_ID), clock));
      } finally {
        await pool.end();
      }
    },
    /** Stops the hub and starts it again on the same database (a new port unless given). */
    async restart(extra: Partial<HubOptions> = {}): Promise<Hub> {
      await hub?.close();
      hub = await startHub(path.join(fixture.dir, 'hub.sqlite'), { store, ...hubOptions, ...extra });
      return hub;
    },
  };
  return fixture;
}
