import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Hub } from '../../hub/hub';
import type { IntegrationsConfigInput } from '../../kiosk-config/integrations-schema';
import { connectCounter, connectDevice, tempDir, tokenOf, type DeviceSocket } from '../support/centre';
import { startFakeDvcqg, type FakeDvcqg } from '../support/fake-dvcqg';
import { act, config, deliveries, receive, signInOfficer, startIntegratedHub, syncOf, vn } from './outbox-support';

/**
 * A dossier's way to the national portal through the hub's outbox: a real hub (SQLite file,
 * Socket.IO clients), the fake DVCQG adapter speaking the mc-legacy contract, and a pinned clock
 * the test moves to make retries due.
 */
const MADONVI = '000.00.31.H26';
const ENV = { MOTCUA_DVCQG_PASSWORD: 'mat-khau-lgsp' };
const portalSection = (adapterUrl: string): IntegrationsConfigInput => ({
  nationalPortal: { adapterUrl, username: 'motcua-hk', passwordEnv: 'MOTCUA_DVCQG_PASSWORD', madonvi: MADONVI, timeoutMs: 1000, procedureCodes: { 'KD-TL': '1.001612' } },
});

describe('the national portal (DVCQG) through the outbox: real hub, fake portal, pinned clock', () => {
  let now = vn('2026-11-20T09:00');
  let tmp: ReturnType<typeof tempDir>;
  let portal: FakeDvcqg;
  let hub: Hub | null = null;
  const sockets: DeviceSocket[] = [];
  const start = async () => {
    hub = await startIntegratedHub(tmp.dir, portalSection(portal.url), ENV, { clock: () => now });
    return hub;
  };
  const counter = async () => {
    const c = await connectCounter(hub!.url, 'counter-3');
    sockets.push(c.socket);
    return c.socket;
  };

  beforeEach(async () => {
    now = vn('2026-11-20T09:00');
    tmp = tempDir();
    portal = await startFakeDvcqg({ username: 'motcua-hk', password: 'mat-khau-lgsp', madonvi: MADONVI, successCode: '00' });
  });
  afterEach(async () => {
    sockets.splice(0).forEach((s) => s.close());
    await hub?.close();
    hub = null;
    await portal.close();
    tmp.remove();
  });

  it('a dossier received at the counter reaches the portal with status 2 and its fields; each step follows: 4, 9, 10', async () => {
    await start();
    const desk = await counter();
    const { dossier, sync } = await receive(desk);
    // Written in the receive's own transaction: the answer already says it waits.
    expect(sync).toEqual({ state: 'pending', label: 'chờ đồng bộ', syncedAt: null });
    await hub!.deliveries.runDue();

    const ma = `${MADONVI}-261120-0001`;
    expect(dossier.code).toBe('HK-261120-0001');
    expect(portal.calls.slice(0, 3).map((c) => c.service)).toEqual(['TraCuuHoSo', 'DongBoHoSoMC', 'CapNhatTienDoHoSoMC']);
    expect(portal.calls[1]!.body).toMatchObject({ isUpdating: 'False', madonvi: MADONVI });
    expect(portal.dossiers.get(ma)).toMatchObject({
      MaHoSo: ma,
      MaTTHC: '1.001612',
      TenTTHC: 'Đăng ký thành lập hộ kinh doanh',
      KenhThucHien: 1,
      ChuHoSo: 'Phạm Văn An',
      SoGiayToChuHoSo: '001090012345',
      NgayTiepNhan: '20261120090000',
      NgayHenTra: '20261125170000',
      TrangThaiHoSo: 2,
      DonViXuLy: 'Phòng Tài chính – Kế hoạch',
      TaiLieuNop: [{ TenTepDinhKem: 'Giấy đề nghị đăng ký hộ kinh doanh' }],
    });
    expect(await syncOf(desk, dossier.code)).toEqual({ state: 'synced', label: 'đã đồng bộ', syncedAt: now.toISOString() });

    const tckh = (await connectDevice(hub!.url, 'backoffice-tckh', tokenOf(config, 'backoffice-tckh'))).socket;
    sockets.push(tckh);
    await signInOfficer(tckh, 'bui-thi-thu');
    now = vn('2026-11-20T10:00');
    await act(tckh, dossier.code, 'accept');
    await hub!.deliveries.runDue();
    now = vn('2026-11-23T15:30');
    await act(tckh, dossier.code, 'done');
    await hub!.deliveries.runDue();
    now = vn('2026-11-24T08:15');
    await act(desk, dossier.code, 'return');
    await hub!.deliveries.runDue();

    expect(portal.statusesOf(ma)).toEqual([2, 4, 9, 10]);
    const steps = portal.progress.get(ma)!;
    expect(steps.map((s) => [s.TrangThai, s.ThoiDiemXuLy, s.NguoiXuLy, s.PhongBanXuLy])).toEqual([
      [2, '20261120090000', 'Lê Thu Hà', 'Phòng Tài chính – Kế hoạch'],
      [4, '20261120100000', 'Bùi Thị Thu', 'Phòng Tài chính – Kế hoạch'],
      [9, '20261123153000', 'Bùi Thị Thu', 'Phòng Tài chính – Kế hoạch'],
      [10, '20261124081500', 'Lê Thu Hà', 'Phòng Tài chính – Kế hoạch'],
    ]);
    expect(portal.logins).toBe(1);
    const log = await deliveries(hub!, '?target=dvcqg');
    expect(log.map((d) => [d.eventType, d.state, d.attempts])).toEqual([
      ['CapNhatTienDoHoSoMC', 'delivered', 1],
      ['CapNhatTienDoHoSoMC', 'delivered', 1],
      ['CapNhatTienDoHoSoMC', 'delivered', 1],
      ['DongBoHoSoMC', 'delivered', 1],
    ]);
    expect(await syncOf(desk, dossier.code)).toMatchObject({ state: 'synced', label: 'đã đồng bộ' });
  });

  it.each([
    ['an HTML page with HTTP 200', { kind: 'malformed' } as const, 'lỗi: Cổng DVCQG trả lời không đúng định dạng (có thể đang bảo trì)', /^Cổng DVCQG trả lời không đúng định dạng \(có thể đang bảo trì\) — DVCQG TraCuuHoSo: HTTP 200, not JSON: "<html>/],
    ['error_code ≠ 0', { kind: 'error-code', code: '99', message: 'Hệ thống đang bận' } as const, 'lỗi: Cổng DVCQG từ chối (mã lỗi 99)', /^Cổng DVCQG từ chối \(mã lỗi 99\) — DVCQG TraCuuHoSo: Hệ thống đang bận \(error_code 99\)$/],
    ['no answer within the time limit', { kind: 'slow', delayMs: 3000 } as const, 'lỗi: Cổng DVCQG không trả lời trong thời hạn', /^Cổng DVCQG không trả lời trong thời hạn — DVCQG TraCuuHoSo: no answer within 1000 ms$/],
  ])('the portal answers %s: the dossier shows "lỗi: …", later steps wait behind it, and the retry delivers', async (_name, fault, label, detail) => {
    await start();
    const desk = await counter();
    portal.inject(fault);
    const { dossier } = await receive(desk);
    await hub!.deliveries.runDue();
    const sync = await syncOf(desk, dossier.code);
    expect(sync?.state).toBe('error');
    expect(sync?.label).toBe(label);
    const [row] = await deliveries(hub!, '?target=dvcqg');
    // The admin's log keeps the portal's own words after the staff's short reason.
    expect(row?.lastError).toMatch(detail);
    // The schedule's second attempt: 5 s after the first (jitter pinned to 0).
    expect(row).toMatchObject({ state: 'pending', attempts: 1, nextAttemptAt: new Date(now.getTime() + 5000).toISOString() });

    // A step taken meanwhile is kept, and waits for the dossier itself to reach the portal.
    const tckh = (await connectDevice(hub!.url, 'backoffice-tckh', tokenOf(config, 'backoffice-tckh'))).socket;
    sockets.push(tckh);
    await signInOfficer(tckh, 'bui-thi-thu');
    await act(tckh, dossier.code, 'accept');
    expect(await hub!.deliveries.runDue()).toBe(0);

    now = new Date(now.getTime() + 5000);
    await hub!.deliveries.runDue();
    await hub!.deliveries.runDue();
    const ma = `${MADONVI}-261120-0001`;
    expect(portal.statusesOf(ma)).toEqual([2, 4]);
    expect(await syncOf(desk, dossier.code)).toMatchObject({ state: 'synced', label: 'đã đồng bộ' });
    expect((await deliveries(hub!, '?target=dvcqg')).map((d) => [d.eventType, d.state, d.attempts, d.lastError])).toEqual([
      ['CapNhatTienDoHoSoMC', 'delivered', 1, null],
      ['DongBoHoSoMC', 'delivered', 2, null],
    ]);
  });

  it('rows pending when the hub stops are delivered by the next hub on the same database', async () => {
    await start();
    const desk = await counter();
    portal.inject({ kind: 'http-status', status: 502 });
    const { dossier } = await receive(desk);
    await hub!.deliveries.runDue();
    expect(await syncOf(desk, dossier.code)).toMatchObject({ state: 'error', label: 'lỗi: Cổng DVCQG trả lỗi HTTP 502' });
    sockets.splice(0).forEach((s) => s.close());
    await hub!.close();
    hub = null;
    expect(portal.dossiers.size).toBe(0);

    now = new Date(now.getTime() + 60_000);
    await start();
    await hub!.deliveries.runDue();
    expect(portal.statusesOf(`${MADONVI}-261120-0001`)).toEqual([2]);
    const again = await counter();
    expect(await syncOf(again, dossier.code)).toMatchObject({ state: 'synced' });
  });

  it('a hub without a portal configured answers dossiers with no sync state and writes no portal rows', async () => {
    hub = await startIntegratedHub(tmp.dir, {}, {}, { clock: () => now });
    const desk = await counter();
    const { dossier, sync } = await receive(desk);
    expect(sync).toBeNull();
    expect(await syncOf(desk, dossier.code)).toBeNull();
    expect(await deliveries(hub, '')).toEqual([]);
  });
});
