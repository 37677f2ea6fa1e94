import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, Hello, ServerToClientEvents } from '../../core/protocol/socket';
import type { QueueEvent } from '../../core/queue/snapshot';
import { Hub, type HubOptions } from '../../hub/hub';
import { DEMO_CENTRE_FILE, loadCentreConfig } from '../../kiosk-config/load';
import type { CentreConfig } from '../../kiosk-config/schema';

export type DeviceSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * Calls the listener for every queue event the socket hears, in seq order (the hub sends the
 * events of one group commit in one `queue:events` frame); returns what stops listening.
 */
export function onQueueEvent(socket: DeviceSocket, listener: (event: QueueEvent) => void): () => void {
  let stopped = false;
  const frame = (events: QueueEvent[]) => {
    for (const e of events) if (!stopped) listener(e);
  };
  socket.on('queue:events', frame);
  return () => {
    stopped = true;
    socket.off('queue:events', frame);
  };
}

export function demoConfig(): CentreConfig {
  const r = loadCentreConfig(DEMO_CENTRE_FILE);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

export function tempDir(prefix = 'motcua-'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function tokenOf(config: CentreConfig, deviceId: string): string {
  const d = config.devices.find((x) => x.id === deviceId);
  if (!d?.token) throw new Error(`no device ${deviceId} with a token`);
  return d.token;
}

/**
 * A real hub on a free loopback port with its SQLite file in a temp dir. Plain HTTP unless the
 * test asks for TLS (`tls: {}`): loopback only, and fast (no certificates to make).
 */
export async function startHub(dbFile: string, extra: Partial<HubOptions> = {}): Promise<Hub> {
  const hub = new Hub({ config: demoConfig(), dbFile, host: '127.0.0.1', port: 0, tls: false, ...extra });
  await hub.start();
  return hub;
}

/** Connects as an enrolled device and resolves with the socket and its hello. */
export function connectDevice(hubUrl: string, deviceId: string, token: string): Promise<{ socket: DeviceSocket; hello: Hello }> {
  const socket: DeviceSocket = connect(hubUrl, { auth: { deviceId, token }, transports: ['websocket'], reconnection: false, forceNew: true });
  return new Promise((resolve, reject) => {
    socket.once('session:hello', (hello) => resolve({ socket, hello }));
    socket.once('connect_error', (e) => {
      socket.close();
      reject(e);
    });
  });
}

let counter = 0;
export function commandId(): string {
  counter += 1;
  return `test-${process.pid}-${Date.now()}-${counter}`;
}

/** The demo clerks' PINs (their hashes are in the demo config) and who works at which counter. */
export const DEMO_CLERKS = {
  'quay-1': { clerkId: 'nguyen-thi-lan', name: 'Nguyễn Thị Lan', pin: '1111' },
  'quay-2': { clerkId: 'tran-van-minh', name: 'Trần Văn Minh', pin: '2222' },
  'quay-3': { clerkId: 'le-thu-ha', name: 'Lê Thu Hà', pin: '3333' },
} as const;

/** Connects a counter device and signs its demo clerk in, as a clerk does at the start of a shift. */
export async function connectCounter(hubUrl: string, deviceId: 'counter-1' | 'counter-2' | 'counter-3') {
  const config = demoConfig();
  const c = await connectDevice(hubUrl, deviceId, tokenOf(config, deviceId));
  const counterId = c.hello.device.counterId as keyof typeof DEMO_CLERKS;
  const { clerkId, pin } = DEMO_CLERKS[counterId];
  const r = await c.socket.emitWithAck('counter:sign-in', { commandId: commandId(), counterId, clerkId, pin });
  if (!r.ok) throw new Error(r.error.message);
  return c;
}
