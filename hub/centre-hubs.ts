import path from 'node:path';
import type pg from 'pg';
import type { CentreDefinition } from '../core/centre';
import { Hub, type HubOptions } from './hub';
import { endAdapterPool } from './store/pg/adapter-pool';
import { migratePool } from './store/pg/migrate';
import { PG_MIGRATIONS } from './store/pg/migrations';
import { createPgPool } from './store/pg/pool';
import { ensureSocketIoTable } from './store/pg/socket-io-table';

/** One centre this process serves: its config and where it listens. */
export interface ServedCentre {
  readonly centreId: string;
  readonly config: CentreDefinition;
  /** 0: a free port. */
  readonly port: number;
  /** The centre's integrations (webhooks, portal, notifier), if any. */
  readonly integrations?: HubOptions['integrations'];
}

export interface CentreHubsOptions {
  readonly url: string;
  readonly centres: readonly ServedCentre[];
  /** The process's files (the hub's process-local parts), one sub-directory per centre. */
  readonly dataDir: string;
  /** Connections for commands, shared by every centre of the process (default 10; the live events' LISTEN and NOTIFY line take 2 more). */
  readonly poolSize?: number;
  /** Everything else a hub takes (host, TLS, log, clock…), the same for each centre. */
  readonly hub?: Omit<HubOptions, 'config' | 'store' | 'dbFile' | 'port' | 'integrations'>;
}

export interface StartedCentre {
  readonly centreId: string;
  readonly name: string;
  readonly url: string;
  readonly hub: Hub;
}

/**
 * Several centres of a province in one hub process (docs/province.md): one hub per centre — its
 * own port, rooms, devices and numbering — on one PostgreSQL pool of the process. A province
 * grows by running this on more machines with the same list: any process serves any centre it
 * lists, and live events cross processes through the Socket.IO adapter. Centres start one after
 * another (the migrations and the Socket.IO adapter's table once, first); a centre that cannot start closes those already
 * started and the error names it.
 */
export class CentreHubs {
  private constructor(
    private readonly pool: pg.Pool,
    readonly started: readonly StartedCentre[],
  ) {}

  static async start(options: CentreHubsOptions): Promise<CentreHubs> {
    const ids = options.centres.map((c) => c.centreId);
    const twice = ids.find((id, k) => ids.indexOf(id) !== k);
    if (twice !== undefined) throw new Error(`centre "${twice}" is listed twice`);
    // The commands' connections, whatever the number of centres (a centre's command waits its turn in the pool, as a second
    // command of one centre always did), plus the LISTEN every Socket.IO adapter of the pool shares (store/pg/shared-listener.ts)
    // and their NOTIFYs' one line (store/pg/adapter-pool.ts): the same as a hub of one centre. Was + one per centre: 31
    // connections per process for 20 centres, and on the bench's 2 cores the database spent a tenth more CPU per command
    // with 40 kiosks busy (docs/province.md, "The pool sized to the database, not to the centres").
    const pool = createPgPool(options.url, { max: (options.poolSize ?? 10) + 2, applicationName: `motcua-hub ${ids.length} centres pid ${process.pid}` });
    const started: StartedCentre[] = [];
    try {
      // Once for the process, not once per centre.
      await migratePool(pool, PG_MIGRATIONS);
      await ensureSocketIoTable(pool);
      for (const c of options.centres) {
        const hub = new Hub({
          ...options.hub,
          config: c.config,
          store: { kind: 'postgres', url: options.url, centreId: c.centreId, sharedPool: pool, schemaReady: true },
          dbFile: path.join(options.dataDir, c.centreId, 'hub.sqlite'),
          // Unused on PostgreSQL (the bytes are in dossier_blobs, hub/store/pg/pg-dossier-blobs.ts); kept one per process.
          dossierFilesDir: path.join(options.dataDir, 'dossier-files'),
          port: c.port,
          integrations: c.integrations,
        });
        try {
          const { url } = await hub.start();
          started.push({ centreId: c.centreId, name: c.config.centre.name, url, hub });
        } catch (e) {
          await hub.close().catch(() => undefined);
          throw Object.assign(e as Error, { centreId: c.centreId });
        }
      }
      return new CentreHubs(pool, started);
    } catch (e) {
      await Promise.all(started.map((s) => s.hub.close().catch(() => undefined)));
      await endAdapterPool(pool).catch(() => undefined);
      throw e;
    }
  }

  /** Every centre's hub closed, then the pool. */
  async close(): Promise<void> {
    await Promise.all(this.started.map((s) => s.hub.close().catch((e: unknown) => console.error(`motcua hub: closing centre ${s.centreId}: ${(e as Error).message}`))));
    await endAdapterPool(this.pool);
  }
}
