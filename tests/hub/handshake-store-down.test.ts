import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { io as connect } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { DeviceRegistry } from '../../hub/device-registry';
import type { DeviceCredentials } from '../../hub/devices/device-credentials';
import { Realtime, type HubIo, type RealtimeDeps } from '../../hub/realtime';
import type { Async } from '../../hub/store/async-of';
import { HubUnavailable } from '../../hub/store/pg/hub-unavailable';

/**
 * The Socket.IO handshake awaits the store's device credentials (either store). When the store
 * cannot answer (PostgreSQL down: HubUnavailable), the handshake is refused as `hub-unavailable`
 * — try again soon — not as `unauthorized`, which would tell the terminal its credential is bad.
 * A real Socket.IO server and client on 127.0.0.1; only the credentials' store is made to fail.
 */

const TOKEN = 'legacy-token-of-kiosk-1-long-enough';
const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});

async function hubWith(credentials: Async<DeviceCredentials>): Promise<string> {
  const http = createServer();
  const io: HubIo = new Server(http);
  const registry = new DeviceRegistry({ devices: [{ id: 'kiosk-1', role: 'kiosk', name: 'Kiosk 1', token: TOKEN }], printers: [] }, { credentials, clock: () => new Date() });
  // A refused handshake never reaches the connection handler: the other parts are not used.
  new Realtime(io, { registry, monitor: { onChange: () => undefined } } as unknown as RealtimeDeps);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise<void>((resolve) => void io.close(() => resolve())));
  return `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
}

function handshake(url: string, token: string): Promise<{ message: string; data?: { kind: string; message: string } }> {
  const socket = connect(url, { auth: { deviceId: 'kiosk-1', token }, reconnection: false, transports: ['websocket'] });
  closers.push(() => void socket.close());
  return new Promise((resolve, reject) => {
    socket.once('connect', () => reject(new Error('connected')));
    socket.once('connect_error', (e: Error & { data?: { kind: string; message: string } }) => resolve({ message: e.message, ...(e.data ? { data: e.data } : {}) }));
  });
}

const failing = new Proxy({} as Async<DeviceCredentials>, { get: () => () => Promise.reject(new HubUnavailable(new Error('connect ECONNREFUSED 127.0.0.1:5432'))) });
const noRows = new Proxy({} as Async<DeviceCredentials>, { get: (_t, name) => () => Promise.resolve(name === 'check' ? { kind: 'no-row' } : name === 'has' ? false : null) });

describe('the device handshake over an async credentials store', () => {
  it('a store that cannot answer: hub-unavailable (try again), whatever the token', { timeout: 30_000 }, async () => {
    const url = await hubWith(failing);
    const refused = await handshake(url, TOKEN);
    expect(refused.message).toBe('hub-unavailable');
    expect(refused.data?.kind).toBe('hub-unavailable');
    expect(refused.data?.message).toContain('thử lại');
  });

  it('a store that answers: a wrong token is unauthorized', { timeout: 30_000 }, async () => {
    const url = await hubWith(noRows);
    expect((await handshake(url, 'wrong-token-of-kiosk-1-long-enough')).message).toBe('unauthorized');
  });
});
