import { describe, expect, it } from 'vitest';
import type { Dossier, DossierHistoryEntry } from '../../core/dossiers/dossier';
import { toDvcqgDossier, toDvcqgProgress } from '../../core/integrations/dvcqg-dossier-mapping';
import { DvcqgDossierSchema, DvcqgProgressSchema, isDvcqgSuccess } from '../../core/integrations/dvcqg-records';
import { DEFAULT_DVCQG_STATUS_TABLE } from '../../kiosk-config/integrations-schema';

const dossier: Dossier = {
  code: 'HK-261203-0007',
  procedureCode: 'HT-01',
  procedureName: 'Đăng ký khai sinh',
  departmentId: 'tu-phap',
  serviceId: 'ho-tich',
  status: 'received',
  applicant: { fullName: 'Nguyễn Văn An', idNumber: '001203004567', dateOfBirth: null, address: null, phone: '0912345678' },
  documents: [
    { name: 'Tờ khai đăng ký khai sinh', copies: 1, original: true },
    { name: 'Giấy chứng sinh', copies: 1, original: true },
  ],
  fee: 0,
  feePaid: 0,
  ticketId: null,
  receivedAt: '2026-12-03T02:15:00.000Z',
  receivedBy: 'clerk-1',
  receivedAtCentre: { id: 'local', name: 'Trung tâm Phục vụ hành chính công' },
  collectAtCentre: { id: 'local', name: 'Trung tâm Phục vụ hành chính công' },
  dueAt: '2026-12-08T10:00:00.000Z',
  dueLocal: '2026-12-08T17:00',
  overdue: false,
  missing: [],
  updatedAt: '2026-12-03T02:15:00.000Z',
  pdf: null,
};
const context = { maHoSo: '000.00.31.H26-261203-0007', maTTHC: '1.001193', departmentName: 'Phòng Tư pháp', statusTable: DEFAULT_DVCQG_STATUS_TABLE };

describe('motcua dossier → DVCQG records', () => {
  it('a counter dossier becomes a HoSo with KenhThucHien 1, status 2 and Vietnam-time dates', () => {
    const hoSo = toDvcqgDossier(dossier, context);
    expect(hoSo).toMatchObject({
      MaHoSo: '000.00.31.H26-261203-0007',
      MaTTHC: '1.001193',
      TenTTHC: 'Đăng ký khai sinh',
      KenhThucHien: 1,
      ChuHoSo: 'Nguyễn Văn An',
      NgayTiepNhan: '20261203091500',
      NgayHenTra: '20261208170000',
      TrangThaiHoSo: 2,
      DonViXuLy: 'Phòng Tư pháp',
      TaiLieuNop: [{ TenTepDinhKem: 'Tờ khai đăng ký khai sinh' }, { TenTepDinhKem: 'Giấy chứng sinh' }],
    });
    expect(DvcqgDossierSchema.safeParse(hoSo).success).toBe(true);
  });

  it('a Form 05 line becomes a TienDo with the status the table gives the new status', () => {
    const entry: DossierHistoryEntry = {
      at: '2026-12-04T08:30:00.000Z',
      action: 'delay',
      fromStatus: 'processing',
      toStatus: 'processing',
      deviceId: 'bo-1',
      role: 'backoffice',
      actorName: 'Trần Thị Bình',
      note: 'Chờ xác minh',
      unit: null,
      newDueAt: '2026-12-10T10:00:00.000Z',
    };
    const step = toDvcqgProgress(entry, context);
    expect(step).toEqual({
      MaHoSo: '000.00.31.H26-261203-0007',
      NguoiXuLy: 'Trần Thị Bình',
      ThoiDiemXuLy: '20261204153000',
      PhongBanXuLy: 'Phòng Tư pháp',
      NoiDungXuLy: 'hẹn lại ngày trả: Chờ xác minh',
      TrangThai: 4,
      NgayKetThucTheoQuyDinh: '20261210170000',
    });
    expect(DvcqgProgressSchema.safeParse(step).success).toBe(true);
    expect(toDvcqgProgress({ ...entry, action: 'receive', fromStatus: null, toStatus: 'received', note: null, newDueAt: null }, context)).toMatchObject({ NoiDungXuLy: 'tiếp nhận hồ sơ', TrangThai: 2 });
  });

  it('the portal schemas refuse a status outside 1–10 and a date that is not yyyyMMddHHmmss', () => {
    const hoSo = toDvcqgDossier(dossier, context);
    expect(DvcqgDossierSchema.safeParse({ ...hoSo, TrangThaiHoSo: 11 }).success).toBe(false);
    expect(DvcqgDossierSchema.safeParse({ ...hoSo, NgayHenTra: '2026-12-08' }).success).toBe(false);
  });

  it('success is error_code 0 or "00", nothing else', () => {
    expect([0, '00'].map(isDvcqgSuccess)).toEqual([true, true]);
    expect([1, '0', '01', '99', null, undefined, false].map(isDvcqgSuccess).some(Boolean)).toBe(false);
  });
});
