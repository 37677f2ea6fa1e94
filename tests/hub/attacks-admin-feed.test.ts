import { io as connect } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeviceStatus } from '../../core/devices';
import { ADMIN_SESSION_HEADER } from '../../hub/admin/admin-routes';
import { connectDevice, demoConfig, tokenOf, type DeviceSocket } from '../support/centre';
import { useHubFixture } from '../support/hub-fixture';

const config = demoConfig();
const ADMIN_TOKEN = tokenOf(config, 'admin-1');
const PASSWORD = 'mat-khau-quan-tri-2026';

/**
 * The floor's device list (names, roles, who is connected, printer health) is admin data: once the
 * centre has administrator accounts, an admin device's socket hears it only while an administrator
 * is signed in at that device — not on connecting with the device token alone, not after sign-out,
 * not after the session expired.
 */
describe('attack: an admin device without an administrator signed in gets no device list over the socket (real hub)', () => {
  let now = new Date('2026-12-03T02:00:00Z');
  const clock = () => now;
  const sockets: DeviceSocket[] = [];
  beforeEach(() => {
    now = new Date('2026-12-03T02:00:00Z');
  });
  const f = useHubFixture({ clock });

  beforeEach(async () => {
    // The account added beside the running hub, as `motcua admin add` does (either store).
    expect(await f.adminAccounts((accounts) => accounts.add('quan-tri', PASSWORD), clock)).toMatchObject({ ok: true });
  });
  afterEach(() => {
    sockets.splice(0).forEach((s) => s.close());
  });

  /** The admin device's socket, every devices:status it hears recorded from the first packet on. */
  const openAdmin = async () => {
    const heard: DeviceStatus[][] = [];
    const socket: DeviceSocket = connect(f.hub.url, { auth: { deviceId: 'admin-1', token: ADMIN_TOKEN }, transports: ['websocket'], reconnection: false, forceNew: true });
    sockets.push(socket);
    socket.on('devices:status', (devices) => heard.push(devices));
    await new Promise<void>((resolve, reject) => {
      socket.once('session:hello', () => resolve());
      socket.once('connect_error', reject);
    });
    return { socket, heard };
  };
  /** A round trip on the socket: whatever the hub pushed to it before has arrived. */
  const settle = (socket: DeviceSocket) => socket.emitWithAck('sync:snapshot');
  /** Another device comes online: the hub's device list changes. */
  const deviceComesOnline = async (id: string) => {
    sockets.push((await connectDevice(f.hub.url, id, tokenOf(config, id))).socket);
  };
  const adminCall = async (url: string, body?: unknown, session?: string) => {
    const headers: Record<string, string> = { authorization: `Bearer ${ADMIN_TOKEN}` };
    if (session) headers[ADMIN_SESSION_HEADER] = session;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${f.hub.url}${url}`, { method: body === undefined ? 'GET' : 'POST', headers, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as { ok: boolean; value?: { token?: string }; error?: { kind: string } } };
  };

  it('connecting with the device token alone: no list at connect, none when devices change, and GET /api/devices is refused', async () => {
    const admin = await openAdmin();
    await deviceComesOnline('kiosk-1');
    await deviceComesOnline('display-1');
    await settle(admin.socket);
    expect(admin.heard).toEqual([]);
    expect(await adminCall('/api/devices')).toMatchObject({ status: 401, body: { ok: false, error: { kind: 'unauthorized' } } });
  });

  it('signing in pushes the list at once and keeps it live; signing out withdraws it (an empty list) and stops it', async () => {
    const admin = await openAdmin();
    const signedIn = await adminCall('/api/admin/sign-in', { username: 'quan-tri', password: PASSWORD });
    expect(signedIn).toMatchObject({ status: 200, body: { ok: true } });
    await settle(admin.socket);
    expect(admin.heard).toHaveLength(1);
    expect(admin.heard[0]!.map((d) => d.id)).toContain('kiosk-1');

    await deviceComesOnline('kiosk-1');
    await vi.waitFor(() => expect(admin.heard.at(-1)!.find((d) => d.id === 'kiosk-1')?.connected).toBe(true));

    const before = admin.heard.length;
    expect(await adminCall('/api/admin/sign-out', {}, signedIn.body.value!.token)).toMatchObject({ status: 200 });
    await settle(admin.socket);
    expect(admin.heard.slice(before)).toEqual([[]]);
    await deviceComesOnline('display-1');
    await settle(admin.socket);
    expect(admin.heard.slice(before)).toEqual([[]]);
  });

  it('a session that has expired (30 minutes idle, injected clock) stops the pushes', async () => {
    const admin = await openAdmin();
    const signedIn = await adminCall('/api/admin/sign-in', { username: 'quan-tri', password: PASSWORD });
    expect(signedIn).toMatchObject({ status: 200 });
    // The sign-in answers once its list is sent: it is here before the answer's round trip.
    await settle(admin.socket);
    const before = admin.heard.length;
    expect(before).toBe(1);
    now = new Date(now.getTime() + 30 * 60_000 + 1);
    await deviceComesOnline('kiosk-1');
    // The admin feed goes out in the order of its causes, each decided for its own instant: the
    // sign-out's empty list comes after whatever the kiosk's arrival pushed — which must be nothing.
    expect(await adminCall('/api/admin/sign-out', {}, signedIn.body.value!.token)).toMatchObject({ status: 200 });
    await settle(admin.socket);
    expect(admin.heard.slice(before)).toEqual([[]]);
  });
});
