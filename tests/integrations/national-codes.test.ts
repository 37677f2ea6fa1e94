import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { integrationsOf } from '../../bin/cli/centre-runtime';
import type { Hub } from '../../hub/hub';
import { CentreConfigSchema } from '../../kiosk-config/schema';
import { commandId, connectCounter, connectDevice, demoConfig, startHub, tempDir, tokenOf, type DeviceSocket } from '../support/centre';
import { startFakeDvcqg, type FakeDvcqg } from '../support/fake-dvcqg';
import { APPLICANT, HELD_TIMERS, vn } from './outbox-support';

/**
 * National dossier codes (Circular 01/2018) over a real hub: receipt, a counter's leased codes
 * delivered late, lookup by the national and the short code, and the national portal's MaHoSo —
 * with the mã TTHC taken from the catalogue (no `procedureCodes` alias in this config).
 */
const MADONVI = '000.00.31.H26';
const ENV = { MOTCUA_DVCQG_PASSWORD: 'mat-khau-lgsp' };

function nationalCentre(adapterUrl: string) {
  const demo = demoConfig();
  return CentreConfigSchema.parse({
    ...demo,
    dossierCodes: { format: 'national', agencyCode: MADONVI },
    procedures: demo.procedures.map((p) => (p.code === 'KD-TL' ? { ...p, nationalCode: '1.001612' } : p)),
    integrations: { nationalPortal: { adapterUrl, username: 'motcua-hk', passwordEnv: 'MOTCUA_DVCQG_PASSWORD', madonvi: MADONVI, timeoutMs: 1000 } },
  });
}

describe('national dossier codes over a real hub (fake DVCQG portal, pinned clock)', () => {
  let now = vn('2026-12-03T09:00');
  let tmp: ReturnType<typeof tempDir>;
  let portal: FakeDvcqg;
  let hub: Hub;
  const sockets: DeviceSocket[] = [];
  const open = async (deviceId: string) => {
    const s = (await connectDevice(hub.url, deviceId, tokenOf(demoConfig(), deviceId))).socket;
    sockets.push(s);
    return s;
  };
  const receive = (s: DeviceSocket, extra: Record<string, unknown> = {}) =>
    s.emitWithAck('dossier:receive', { commandId: commandId(), procedureCode: 'KD-TL', applicant: APPLICANT, documents: [{ name: 'Giấy đề nghị đăng ký hộ kinh doanh', copies: 1 }], feePaid: 100000, ...extra });

  beforeEach(async () => {
    now = vn('2026-12-03T09:00');
    tmp = tempDir();
    portal = await startFakeDvcqg({ username: 'motcua-hk', password: 'mat-khau-lgsp', madonvi: MADONVI, successCode: '00' });
    const config = nationalCentre(portal.url);
    hub = await startHub(path.join(tmp.dir, 'hub.sqlite'), { config, integrations: integrationsOf(config, ENV), outboxTimers: HELD_TIMERS, random: () => 0.5, clock: () => now });
  });
  afterEach(async () => {
    sockets.splice(0).forEach((s) => s.close());
    await hub.close();
    await portal.close();
    tmp.remove();
  });

  it('receives with the agency code and a daily sequence; the portal gets it as MaHoSo with the catalogue mã TTHC', async () => {
    const desk = (await connectCounter(hub.url, 'counter-3')).socket;
    sockets.push(desk);
    expect(await receive(desk)).toMatchObject({ ok: true, value: { dossier: { code: `${MADONVI}-261203-0001` } } });
    expect(await receive(desk)).toMatchObject({ ok: true, value: { dossier: { code: `${MADONVI}-261203-0002` } } });
    now = vn('2026-12-04T08:00'); // a new day starts again at 1
    expect(await receive(desk)).toMatchObject({ ok: true, value: { dossier: { code: `${MADONVI}-261204-0001` } } });

    await hub.deliveries.runDue();
    expect(portal.dossiers.get(`${MADONVI}-261203-0001`)).toMatchObject({ MaHoSo: `${MADONVI}-261203-0001`, MaTTHC: '1.001612', TrangThaiHoSo: 2 });
    expect(portal.dossiers.get(`${MADONVI}-261204-0001`)).toMatchObject({ MaHoSo: `${MADONVI}-261204-0001`, MaTTHC: '1.001612' });
    expect(portal.dossiers.size).toBe(3);
  });

  it('looks a dossier up by its national code or the short code of the same day and number, at the counter, kiosk and back office; others are not found', async () => {
    const desk = (await connectCounter(hub.url, 'counter-3')).socket;
    sockets.push(desk);
    const r = await receive(desk);
    if (!r.ok) throw new Error(r.error.message);
    const code = `${MADONVI}-261203-0001`;
    for (const typed of [code, ' 000.00.31.h26-261203-0001 ', 'HK-261203-0001', 'hk 261203-0001'.replace(' ', '-')]) {
      expect(await desk.emitWithAck('dossier:get', { commandId: commandId(), code: typed })).toMatchObject({ ok: true, value: { dossier: { code } } });
    }
    const kiosk = await open('kiosk-1');
    expect(await kiosk.emitWithAck('dossier:lookup', { commandId: commandId(), code: 'HK-261203-0001' })).toMatchObject({ ok: true, value: { dossier: { code, applicantInitials: 'P.V.A.' } } });
    const tckh = await open('backoffice-tckh');
    expect(await tckh.emitWithAck('dossier:get', { commandId: commandId(), code: 'HK-261203-0001' })).toMatchObject({ ok: true, value: { dossier: { code } } });

    for (const other of [`${MADONVI}-261203-0002`, '000.00.12.H26-261203-0001', 'BD-261203-0001', 'HK-261203-0002', 'không phải mã']) {
      expect(await desk.emitWithAck('dossier:get', { commandId: commandId(), code: other })).toMatchObject({ ok: false, error: { kind: 'not-found', message: expect.stringContaining('Không tìm thấy hồ sơ') } });
    }
  });

  it('leases national codes to a counter; delivered late they keep their code; online numbering goes past them; another agency\'s code is refused', async () => {
    const desk = (await connectCounter(hub.url, 'counter-3')).socket;
    sockets.push(desk);
    const leased = await desk.emitWithAck('dossier:lease-codes', { commandId: commandId(), count: 3 });
    expect(leased).toMatchObject({ ok: true, value: { day: '261203', codes: [`${MADONVI}-261203-0001`, `${MADONVI}-261203-0002`, `${MADONVI}-261203-0003`] } });
    now = vn('2026-12-03T09:30');
    expect(await receive(desk)).toMatchObject({ ok: true, value: { dossier: { code: `${MADONVI}-261203-0004` } } });

    // Received while the hub was away, delivered now.
    now = vn('2026-12-03T11:00');
    const late = await receive(desk, { code: `${MADONVI}-261203-0002`, receivedAt: vn('2026-12-03T10:00').toISOString() });
    expect(late).toMatchObject({ ok: true, value: { dossier: { code: `${MADONVI}-261203-0002`, receivedAt: vn('2026-12-03T10:00').toISOString() } } });
    expect(await receive(desk, { code: `${MADONVI}-261203-0002` })).toMatchObject({ ok: false, error: { kind: 'conflict' } });
    expect(await receive(desk, { code: '000.00.12.H26-261203-0003' })).toMatchObject({ ok: false, error: { kind: 'invalid-input', message: expect.stringContaining(`${MADONVI}-YYMMDD-NNNN`) } });
    expect(await receive(desk, { code: `${MADONVI}-261203-0009` })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    const other = (await connectCounter(hub.url, 'counter-1')).socket;
    sockets.push(other);
    expect(await receive(other, { code: `${MADONVI}-261203-0003` })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });

    await hub.deliveries.runDue();
    expect(portal.dossiers.get(`${MADONVI}-261203-0002`)).toMatchObject({ MaHoSo: `${MADONVI}-261203-0002`, NgayTiepNhan: '20261203100000' });
  });
});
