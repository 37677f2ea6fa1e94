import { describe, expect, it } from 'vitest';
import type { DeviceStatus } from '../../core/devices';
import { commandId, demoConfig, tokenOf, type DeviceSocket } from '../support/centre';
import { useHubFixture } from '../support/hub-fixture';

const config = demoConfig();

describe('device health and voided tickets', () => {
  const f = useHubFixture();
  const open = f.open;

  /** The next devices:status push to this admin socket that satisfies `predicate`. */
  const nextStatus = (admin: DeviceSocket, predicate: (d: DeviceStatus[]) => boolean) =>
    new Promise<DeviceStatus[]>((resolve) => {
      const listener = (devices: DeviceStatus[]) => {
        if (!predicate(devices)) return;
        admin.off('devices:status', listener);
        resolve(devices);
      };
      admin.on('devices:status', listener);
    });


  it('shows the admin who is connected and what each printer reported, live and after a restart', async () => {
    const admin = (await open('admin-1')).socket;
    const kioskUp = nextStatus(admin, (d) => d.find((x) => x.id === 'kiosk-1')?.connected === true);
    const kiosk = (await open('kiosk-1')).socket;
    await kioskUp;

    const reported = nextStatus(admin, (d) => d.find((x) => x.id === 'kiosk-1')?.printer?.health === 'paper-out');
    const r = await kiosk.emitWithAck('device:report-printer', { commandId: commandId(), health: 'paper-out', detail: 'Máy in báo hết giấy' });
    expect(r).toMatchObject({ ok: true });
    const devices = await reported;
    expect(devices.find((x) => x.id === 'kiosk-1')).toMatchObject({ connected: true, printer: { id: 'may-in-kiosk-1', health: 'paper-out', detail: 'Máy in báo hết giấy' } });
    expect(devices.find((x) => x.id === 'counter-1')).toMatchObject({ connected: false, printer: null });

    const kioskDown = nextStatus(admin, (d) => d.find((x) => x.id === 'kiosk-1')?.connected === false);
    kiosk.close();
    await kioskDown;

    // The REST view is for the admin only, and the report survives a restart.
    const asAdmin = await fetch(`${f.hub.url}/api/devices`, { headers: { authorization: `Bearer ${tokenOf(config, 'admin-1')}` } });
    expect(await asAdmin.json()).toMatchObject({ ok: true, value: expect.arrayContaining([expect.objectContaining({ id: 'kiosk-1', printer: expect.objectContaining({ health: 'paper-out' }) })]) });
    const asKiosk = await fetch(`${f.hub.url}/api/devices`, { headers: { authorization: `Bearer ${tokenOf(config, 'kiosk-1')}` } });
    expect(asKiosk.status).toBe(403);
    admin.close();
    await f.restart();
    const again = await fetch(`${f.hub.url}/api/devices`, { headers: { authorization: `Bearer ${tokenOf(config, 'admin-1')}` } });
    const body = (await again.json()) as { value: DeviceStatus[] };
    expect(body.value.find((x) => x.id === 'kiosk-1')).toMatchObject({ connected: false, printer: { health: 'paper-out' } });
  });

  it('sends device health only to admins, and refuses reports from devices without a printer or role', async () => {
    const display = (await open('display-1')).socket;
    let leaked = false;
    display.on('devices:status', () => (leaked = true));
    expect(await display.emitWithAck('device:report-printer', { commandId: commandId(), health: 'ok', detail: '' })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    const counter = (await open('counter-1')).socket;
    // The demo counters have a receipt printer now: their reports are taken.
    expect(await counter.emitWithAck('device:report-printer', { commandId: commandId(), health: 'ok', detail: '' })).toMatchObject({ ok: true });
    const kiosk = (await open('kiosk-1')).socket;
    expect(await kiosk.emitWithAck('device:report-printer', { commandId: commandId(), health: 'on-fire' as 'ok', detail: '' })).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    await display.emitWithAck('sync:snapshot'); // a round trip: anything pushed before would have arrived
    expect(leaked).toBe(false);
  });

  it('lets a kiosk void only a waiting ticket it issued itself, and a clerk only one of the counter services', async () => {
    const kiosk = (await open('kiosk-1')).socket;
    const issued = await kiosk.emitWithAck('ticket:issue', { commandId: commandId(), serviceId: 'dat-dai' });
    if (!issued.ok) throw new Error(issued.error.message);
    const id = issued.value.ticket.id;
    const elsewhere = (await open('counter-1')).socket; // Quầy 1 does not serve Đất đai
    expect(await elsewhere.emitWithAck('ticket:cancel', { commandId: commandId(), ticketId: id })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    const counter = (await open('counter-2')).socket;
    const voided = await kiosk.emitWithAck('ticket:cancel', { commandId: commandId(), ticketId: id });
    expect(voided).toMatchObject({ ok: true, value: { ticket: { state: 'cancelled' } } });
    expect(await kiosk.emitWithAck('ticket:cancel', { commandId: commandId(), ticketId: id })).toMatchObject({ ok: false, error: { kind: 'conflict' } });
    expect(await counter.emitWithAck('counter:call-next', { commandId: commandId(), counterId: 'quay-2' })).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    const snap = await counter.emitWithAck('sync:snapshot');
    // issue, two clerks signing in, cancel
    expect(snap).toMatchObject({ ok: true, value: { waiting: { 'dat-dai': 0 }, seq: 4 } });
  });
});
