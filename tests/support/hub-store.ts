import { migratePool } from '../../hub/store/pg/migrate';
import { PG_MIGRATIONS } from '../../hub/store/pg/migrations';
import { createPgPool } from '../../hub/store/pg/pool';
import type { HubStoreChoice } from '../../hub/store/hub-backend';
import { startPostgres, type PostgresInstance } from './postgres';

/** The store a hub suite runs on. */
export type HubTestStore = 'sqlite' | 'postgres';

/** MOTCUA_TEST_STORE: `sqlite` (default) or `postgres`; anything else is a mistake, said at once. */
export function hubTestStore(env: NodeJS.ProcessEnv = process.env): HubTestStore {
  const v = env.MOTCUA_TEST_STORE ?? 'sqlite';
  if (v !== 'sqlite' && v !== 'postgres') throw new Error(`MOTCUA_TEST_STORE must be sqlite or postgres, not "${v}"`);
  return v;
}

/** The centre id the test hubs run as on PostgreSQL. */
export const TEST_CENTRE_ID = 'demo';

interface Hooks {
  beforeAll(fn: () => Promise<void>, timeout?: number): void;
  afterAll(fn: () => Promise<void>, timeout?: number): void;
}

/**
 * One private PostgreSQL for a test file (started in beforeAll, stopped in afterAll), a template
 * database migrated once, and `freshStore()`: a new database copied from it, as a hub's store.
 */
export function usePostgresForHubs(hooks: Hooks): { freshStore(): Promise<HubStoreChoice>; readonly instance: PostgresInstance } {
  let instance: PostgresInstance | null = null;
  let databases = 0;
  hooks.beforeAll(async () => {
    instance = await startPostgres();
    const url = await instance.createDatabase('hub_template');
    const pool = createPgPool(url, { max: 1 });
    try {
      await migratePool(pool, PG_MIGRATIONS);
    } finally {
      await pool.end();
    }
  }, 120_000);
  hooks.afterAll(async () => {
    await instance?.stop();
    instance = null;
  }, 60_000);
  return {
    get instance(): PostgresInstance {
      if (!instance) throw new Error('no PostgreSQL outside the tests');
      return instance;
    },
    async freshStore() {
      if (!instance) throw new Error('no PostgreSQL outside the tests');
      const url = await instance.createDatabase(`hub_${++databases}`, { template: 'hub_template' });
      return { kind: 'postgres', url, centreId: TEST_CENTRE_ID, poolSize: 4 };
    },
  };
}
