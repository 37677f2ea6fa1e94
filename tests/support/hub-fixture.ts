import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { Hub, HubOptions } from '../../hub/hub';
import { connectCounter, connectDevice, demoConfig, startHub, tempDir, tokenOf, type DeviceSocket } from './centre';

/**
 * A fresh hub for each test, on a free loopback port with its SQLite file in a temp dir, and
 * devices that connect to it; everything is closed after the test.
 */
export function useHubFixture(options: Partial<HubOptions> = {}) {
  const config = demoConfig();
  let tmp: ReturnType<typeof tempDir> | null = null;
  let hub: Hub | null = null;
  const sockets: DeviceSocket[] = [];

  beforeEach(async () => {
    tmp = tempDir();
    hub = await startHub(path.join(tmp.dir, 'hub.sqlite'), options);
  });
  afterEach(async () => {
    sockets.splice(0).forEach((s) => s.close());
    await hub?.close();
    tmp?.remove();
  });

  const fixture = {
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
      hub = await startHub(path.join(fixture.dir, 'hub.sqlite'), { ...options, ...extra });
      return hub;
    },
  };
  return fixture;
}
