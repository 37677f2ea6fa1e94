import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DvcqgDossier, DvcqgProgress } from '../../core/integrations/dvcqg-records';
import { McLegacyNationalPortal, type McLegacyPortalOptions } from '../../hub/integrations/dvcqg-mc-legacy';
import { syncDossierToPortal } from '../../hub/integrations/national-portal';
import { startFakeDvcqg, type FakeDvcqg } from '../support/fake-dvcqg';

const credentials = { username: 'motcua-hk', password: 's3cret-portal', madonvi: '000.00.31.H26' };

const hoSo: DvcqgDossier = {
  MaHoSo: '000.00.31.H26-261203-0007',
  MaTTHC: '1.001193',
  TenTTHC: 'Đăng ký khai sinh',
  KenhThucHien: 1,
  ChuHoSo: 'Nguyễn Văn An',
  SoGiayToChuHoSo: '001203004567',
  NgayTiepNhan: '20261203091500',
  NgayHenTra: '20261208170000',
  TrangThaiHoSo: 2,
};
const step = (TrangThai: DvcqgProgress['TrangThai'], ThoiDiemXuLy: string, NoiDungXuLy: string): DvcqgProgress => ({
  MaHoSo: hoSo.MaHoSo,
  NguoiXuLy: 'Trần Thị Bình',
  PhongBanXuLy: 'Phòng Tư pháp',
  NoiDungXuLy,
  ThoiDiemXuLy,
  TrangThai,
});

let fake: FakeDvcqg;
const portalFor = (extra: Partial<McLegacyPortalOptions> = {}) =>
  new McLegacyNationalPortal({ adapterUrl: fake.url, authPath: '/auth', integrationPath: '/integration', timeoutMs: 2000, ...credentials, ...extra });

describe.each([0, '00'] as const)('DVCQG mc-legacy client against the fake portal (success code %j)', (successCode) => {
  beforeEach(async () => {
    fake = await startFakeDvcqg({ ...credentials, successCode });
  });
  afterEach(async () => {
    await fake.close();
  });

  it('logs in once, then TraCuuHoSo → DongBoHoSoMC (create) → CapNhatTienDoHoSoMC; the portal sees 2, 4, 9, 10', async () => {
    const portal = portalFor();
    const created = await syncDossierToPortal(portal, hoSo, [step(2, '20261203091500', 'tiếp nhận hồ sơ')]);
    expect(created).toEqual({ ok: true, value: { created: true } });
    expect(fake.calls.map((c) => c.service)).toEqual(['TraCuuHoSo', 'DongBoHoSoMC', 'CapNhatTienDoHoSoMC']);
    expect(fake.calls[1]!.body).toMatchObject({ isUpdating: 'False', madonvi: '000.00.31.H26', session: 'sess-1' });

    const found = await portal.findDossier(hoSo.MaHoSo);
    expect(found).toMatchObject({ ok: true, value: { MaHoSo: hoSo.MaHoSo, ChuHoSo: 'Nguyễn Văn An', TrangThaiHoSo: 2 } });
    expect(await portal.findDossier('000.00.31.H26-261203-9999')).toEqual({ ok: true, value: null });

    const updated = await syncDossierToPortal(portal, { ...hoSo, TrangThaiHoSo: 4 }, [step(4, '20261203100000', 'tiếp nhận xử lý')]);
    expect(updated).toEqual({ ok: true, value: { created: false } });
    expect(fake.calls.at(-2)!.body).toMatchObject({ isUpdating: 'True' });
    expect(await portal.pushProgress([step(9, '20261205150000', 'hoàn thành'), step(10, '20261206083000', 'trả kết quả')])).toEqual({ ok: true, value: undefined });

    expect(fake.statusesOf(hoSo.MaHoSo)).toEqual([2, 4, 9, 10]);
    expect(fake.progress.get(hoSo.MaHoSo)?.map((t) => t.TrangThai)).toEqual([2, 4, 9, 10]);
    expect(fake.logins).toBe(1);
  });

  it('an expired session: logs in again and repeats the call, once', async () => {
    const portal = portalFor();
    expect((await portal.findDossier(hoSo.MaHoSo)).ok).toBe(true);
    fake.inject({ kind: 'expire-session' });
    expect(await portal.upsertDossier(hoSo, { isUpdate: false })).toEqual({ ok: true, value: undefined });
    expect(fake.logins).toBe(2);
    expect(fake.calls.map((c) => c.body.session)).toEqual(['sess-1', 'sess-1', 'sess-2']);
    expect(fake.dossiers.has(hoSo.MaHoSo)).toBe(true);
  });

  it('concurrent calls share one login', async () => {
    const portal = portalFor();
    const answers = await Promise.all([1, 2, 3].map((n) => portal.findDossier(`000.00.31.H26-261203-000${n}`)));
    expect(answers.every((a) => a.ok)).toBe(true);
    expect(fake.logins).toBe(1);
  });
});

describe('DVCQG mc-legacy client: every error is a typed value', () => {
  beforeEach(async () => {
    fake = await startFakeDvcqg(credentials);
  });
  afterEach(async () => {
    await fake.close();
  });

  it('wrong credentials: unauthorized, with the portal’s message; nothing sent', async () => {
    const r = await portalFor({ password: 'wrong' }).findDossier(hoSo.MaHoSo);
    expect(r).toEqual({ ok: false, error: { kind: 'unauthorized', message: 'DVCQG login refused: Sai tên đăng nhập hoặc mật khẩu (error_code 01)', code: '01' } });
    expect(fake.calls).toEqual([]);
  });

  it('an error code ("99") is rejected with the portal’s message and code', async () => {
    fake.inject({ kind: 'error-code', code: '99', message: 'Lỗi hệ thống, vui lòng thử lại sau' });
    const r = await portalFor().upsertDossier(hoSo, { isUpdate: false });
    expect(r).toEqual({ ok: false, error: { kind: 'rejected', message: 'DVCQG DongBoHoSoMC: Lỗi hệ thống, vui lòng thử lại sau (error_code 99)', code: '99' } });
    expect(fake.dossiers.size).toBe(0);
  });

  it('a status outside 1–10 or a date that is not yyyyMMddHHmmss is refused by the portal', async () => {
    const portal = portalFor();
    const badStatus = await portal.upsertDossier({ ...hoSo, TrangThaiHoSo: 11 as never }, { isUpdate: false });
    expect(badStatus).toMatchObject({ ok: false, error: { kind: 'rejected', code: '10' } });
    if (!badStatus.ok) expect(badStatus.error.message).toContain('TrangThaiHoSo 11 không hợp lệ (1–10)');
    const badDate = await portal.upsertDossier({ ...hoSo, NgayHenTra: '2026-12-08 17:00' }, { isUpdate: false });
    expect(badDate).toMatchObject({ ok: false, error: { kind: 'rejected' } });
    if (!badDate.ok) expect(badDate.error.message).toContain('NgayHenTra "2026-12-08 17:00" không đúng định dạng yyyyMMddHHmmss');
    expect(await portal.upsertDossier(hoSo, { isUpdate: false })).toMatchObject({ ok: true });
    const badStep = await portal.pushProgress([step(4, '20261332100000', 'tiếp nhận xử lý')]);
    expect(badStep).toMatchObject({ ok: false, error: { kind: 'rejected' } });
    expect(fake.progress.size).toBe(0);
  });

  it('an HTML answer is malformed-answer, not a crash', async () => {
    fake.inject({ kind: 'malformed' });
    const r = await portalFor().findDossier(hoSo.MaHoSo);
    expect(r).toMatchObject({ ok: false, error: { kind: 'malformed-answer', status: 200 } });
    if (!r.ok) expect(r.error.message).toContain('not JSON: "<html><head><title>Bảo trì');
  });

  it('JSON cut short is malformed-answer', async () => {
    fake.inject({ kind: 'broken-json' });
    const r = await portalFor().findDossier(hoSo.MaHoSo);
    expect(r).toMatchObject({ ok: false, error: { kind: 'malformed-answer', message: expect.stringContaining('DVCQG TraCuuHoSo: HTTP 200, not JSON') } });
  });

  it('an answer that is JSON but not the contract is malformed-answer', async () => {
    // TraCuuHoSo answering a record without the portal's required fields.
    const portal = portalFor();
    fake.dossiers.set(hoSo.MaHoSo, { MaHoSo: hoSo.MaHoSo, TrangThaiHoSo: 'xong' });
    const r = await portal.findDossier(hoSo.MaHoSo);
    expect(r).toMatchObject({ ok: false, error: { kind: 'malformed-answer' } });
  });

  it('a slow portal: timeout after the call’s limit', async () => {
    fake.inject({ kind: 'slow', delayMs: 5000 });
    const started = Date.now();
    const r = await portalFor({ timeoutMs: 300 }).findDossier(hoSo.MaHoSo);
    expect(r).toEqual({ ok: false, error: { kind: 'timeout', message: 'DVCQG TraCuuHoSo: no answer within 300 ms' } });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('a gateway error is http-status; a closed port is unreachable', async () => {
    fake.inject({ kind: 'http-status', status: 502 });
    expect(await portalFor().findDossier(hoSo.MaHoSo)).toMatchObject({ ok: false, error: { kind: 'http-status', status: 502 } });
    const url = fake.url;
    await fake.close();
    const r = await new McLegacyNationalPortal({ adapterUrl: url, authPath: '/auth', integrationPath: '/integration', timeoutMs: 2000, ...credentials }).findDossier(hoSo.MaHoSo);
    expect(r).toMatchObject({ ok: false, error: { kind: 'unreachable' } });
    fake = await startFakeDvcqg(credentials);
  });

  it('a session refused again right after a fresh login is unauthorized, not a loop', async () => {
    const portal = portalFor();
    expect((await portal.findDossier(hoSo.MaHoSo)).ok).toBe(true);
    fake.inject({ kind: 'expire-session' });
    fake.inject({ kind: 'expire-session' });
    const r = await portal.findDossier(hoSo.MaHoSo);
    expect(r).toMatchObject({ ok: false, error: { kind: 'unauthorized' } });
    expect(fake.logins).toBe(2);
  });
});
