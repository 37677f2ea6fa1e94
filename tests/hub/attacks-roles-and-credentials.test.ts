import { describe, expect, it } from 'vitest';
import { commandId, connectDevice, demoConfig, tokenOf } from '../support/centre';
import { useHubFixture } from '../support/hub-fixture';
import { storeRowCounts } from './attacks-support';

const config = demoConfig();
/** Monday 23 November 2026, 09:00 in Hà Nội. */
const now = new Date('2026-11-23T09:00:00+07:00');

type Body = { ok: boolean; value?: unknown; error?: { kind: string; message: string } };

/**
 * A device that asks beyond its role, and a caller with no valid credential at all. Every answer
 * is typed (`forbidden`: known device, not its to ask; `unauthorized`: no valid device), and
 * nothing changes: row counts (the command log aside, which keeps each refused write's answer for
 * replays) and the audit chains.
 */
describe('attack: beyond the role, and without a credential (real hub on loopback)', () => {
  const f = useHubFixture({ clock: () => now });
  const counts = (except?: readonly string[]) => storeRowCounts((sql) => f.rows(sql), f.storeKind, except);
  const call = async (method: 'GET' | 'POST', url: string, token: string | null, body?: unknown) => {
    const res = await fetch(`${f.hub.url}${url}`, {
      method,
      headers: { ...(token === null ? {} : { authorization: `Bearer ${token}` }), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Body };
  };
  const booking = { serviceId: 'ho-tich', date: '2026-11-24', slotStart: '09:00', citizenName: 'Phạm Văn An', phone: '0912 345 678' };

  it('a counter asking for the admin\'s commands and routes: forbidden, over socket and REST, and nothing changed', async () => {
    const booked = await call('POST', '/api/appointments', tokenOf(config, 'admin-1'), { commandId: commandId(), ...booking });
    expect(booked).toMatchObject({ status: 200, body: { ok: true } });
    const code = (booked.body.value as { appointment: { code: string } }).appointment.code;
    const counter = (await f.open('counter-1')).socket;
    const before = await counts();
    const forbidden = { ok: false, error: { kind: 'forbidden', message: expect.stringContaining('counter-1') } };

    expect(await counter.emitWithAck('appointment:book', { commandId: commandId(), ...booking, slotStart: '10:00' })).toMatchObject(forbidden);
    expect(await counter.emitWithAck('appointment:cancel', { commandId: commandId(), code })).toMatchObject(forbidden);
    expect(await counter.emitWithAck('appointment:list', { commandId: commandId(), date: '2026-11-24' })).toMatchObject(forbidden);
    expect(await counter.emitWithAck('appointment:slots', { commandId: commandId(), serviceId: 'ho-tich', date: '2026-11-24' })).toMatchObject(forbidden);
    // Another counter's queue is not its own either.
    expect(await counter.emitWithAck('counter:call-next', { commandId: commandId(), counterId: 'quay-2' })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });

    const token = tokenOf(config, 'counter-1');
    expect(await call('POST', '/api/appointments', token, { commandId: commandId(), ...booking, slotStart: '10:30' })).toMatchObject({ status: 403, body: { error: { kind: 'forbidden' } } });
    expect(await call('POST', `/api/appointments/${code}/cancel`, token, { commandId: commandId() })).toMatchObject({ status: 403, body: { error: { kind: 'forbidden' } } });
    expect(await call('POST', '/api/appointments/list', token, { commandId: commandId(), date: '2026-11-24' })).toMatchObject({ status: 403, body: { error: { kind: 'forbidden' } } });
    for (const url of ['/api/stats?from=2026-11-23&to=2026-11-23', '/api/stats.csv?from=2026-11-23&to=2026-11-23', '/api/stats.xlsx?from=2026-11-23&to=2026-11-23', '/api/devices']) {
      expect(await call('GET', url, token)).toMatchObject({ status: 403, body: { ok: false, error: { kind: 'forbidden' } } });
    }
    expect(await call('POST', '/api/admin/sign-in', token, { username: 'quan-tri', password: 'bat-ky-mat-khau' })).toMatchObject({ status: 403, body: { error: { kind: 'forbidden' } } });

    expect(await counts()).toEqual(before);
    expect(await f.chains()).toMatchObject({ ok: true });
    const still = await call('POST', '/api/appointments/list', tokenOf(config, 'admin-1'), { commandId: commandId(), date: '2026-11-24' });
    expect(still.body.value).toMatchObject({ appointments: [{ code, state: 'booked', slotStart: '09:00' }] });
  });

  it('a bogus token, a bogus device id, or one device\'s token under another\'s id: unauthorized, socket and REST, and nothing changed', async () => {
    const before = await counts();
    const refusal = async (deviceId: string, token: string) => ((await connectDevice(f.hub.url, deviceId, token).catch((e: Error & { data?: unknown }) => e)) as { data?: unknown }).data;
    expect(await refusal('counter-1', 'khong-phai-ma-that')).toEqual({ kind: 'unauthorized', message: expect.stringContaining('counter-1') });
    expect(await refusal('quay-gia-mao', tokenOf(config, 'counter-1'))).toEqual({ kind: 'unauthorized', message: expect.stringContaining('quay-gia-mao') });
    expect(await refusal('admin-1', tokenOf(config, 'kiosk-1'))).toEqual({ kind: 'unauthorized', message: expect.stringContaining('admin-1') });

    for (const token of ['khong-phai-ma-that', null]) {
      expect(await call('GET', '/api/snapshot', token)).toMatchObject({ status: 401, body: { ok: false, error: { kind: 'unauthorized' } } });
      expect(await call('GET', '/api/devices', token)).toMatchObject({ status: 401, body: { error: { kind: 'unauthorized' } } });
      expect(await call('POST', '/api/tickets', token, { commandId: commandId(), serviceId: 'ho-tich' })).toMatchObject({ status: 401, body: { error: { kind: 'unauthorized' } } });
      expect(await call('POST', '/api/dossiers/list', token, { commandId: commandId() })).toMatchObject({ status: 401, body: { error: { kind: 'unauthorized' } } });
      expect(await call('POST', '/api/admin/sign-in', token, { username: 'quan-tri', password: 'bat-ky-mat-khau' })).toMatchObject({ status: 401, body: { error: { kind: 'unauthorized' } } });
    }
    // Not even a refusal is logged for a caller that is no device.
    expect(await counts([])).toEqual({ ...before, commands: 0 });
    expect(await f.chains()).toMatchObject({ ok: true });
  });

  it("someone else's booking code at the kiosk: the ticket, but only the booker's initials and no phone", async () => {
    const booked = await call('POST', '/api/appointments', tokenOf(config, 'admin-1'), { commandId: commandId(), ...booking, date: '2026-11-23', slotStart: '09:30' });
    const code = (booked.body.value as { appointment: { code: string } }).appointment.code;
    const kiosk = (await f.open('kiosk-1')).socket;
    const checkedIn = await kiosk.emitWithAck('appointment:check-in', { commandId: commandId(), code });
    expect(checkedIn).toMatchObject({ ok: true, value: { appointment: { code, citizenName: 'P.V.A.', phone: null, state: 'checked-in' } } });
    expect(JSON.stringify(checkedIn)).not.toMatch(/Phạm|0912/);
  });
});
