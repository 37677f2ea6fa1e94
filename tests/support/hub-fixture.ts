import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { Hub, HubOptions } from '../../hub/hub';
import type { HubStoreChoice } from '../../hub/store/hub-backend';
import { connectCounter, connectDevice, demoConfig, startHub, tempDir, tokenOf, type DeviceSocket } from './centre';
import { hubTestStore, usePostgresForHubs, type HubTestStore } from './hub-store';

/**
 * A fresh hub for each test, on a free loopback port with its SQLite file in a temp dir, and
 * devices that connect to it; everything is closed after the test.
 *
 * The store: `store` here, else MOTCUA_TEST_STORE (`sqlite`, the default, or `postgres`). On
 * PostgreSQL the file starts one private instance (tests/support/postgres.ts), migrates a template
 * once, and each test's hub gets its own copy of it, as centre `demo`.
 */
export function useHubFixture(options: Partial<HubOptions> & { readonly testStore?: HubTestStore } = {}) {
  const { testStore = hubTestStore(), ...hubOptions } = options;
  const config = demoConfig();
  let tmp: ReturnType<typeof tempDir> | null = null;
  let hub: Hub | null = null;
  let store: HubStoreChoice = { kind: 'sqlite' };
  const sockets: DeviceSocket[] = [];
  const postgres = testStore === 'postgres' ? usePostgresForHubs({ beforeAll, afterAll }) : null;

  beforeEach(async () => {
    tmp = tempDir();
    store = postgres ? await postgres.freshStore() : { kind: 'sqlite' };
    hub = await startHub(path.join(tmp.dir, 'hub.sqlite'), { store, ...hubOptions });
  });
  afterEach(async () => {
    sockets.splice(0).forEach((s) => s.close());
    await hub?.close();
    tmp?.remove();
  });

  const fixture = {
    /** Which store the hubs of this file run on. */
    storeKind: testStore,
    get hub(): Hub {
      if (!hub) throw new Error('no hub outside a test');
      return hub;
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
    /** Stops the hub and starts it again on the same database (a new port unless given). */
    async restart(extra: Partial<HubOptions> = {}): Promise<Hub> {
      await hub?.close();
      hub = await startHub(path.join(fixture.dir, 'hub.sqlite'), { store, ...hubOptions, ...extra });
      return hub;
    },
  };
  return fixture;
}
