import { z } from 'zod';
import { isDvcqgDate } from './dvcqg-date';
import { DvcqgStatusSchema } from './dvcqg-status';

/**
 * The national portal's records as its `mc-legacy` services (DongBoHoSoMC, CapNhatTienDoHoSoMC,
 * TraCuuHoSo) carry them. Field names are the portal's. Objects are loose: the portal adds fields
 * of its own (DanhSachLePhi, DinhDanhCHS, …) that motcua neither sends nor needs to read back.
 */
export const DvcqgDateSchema = z.string().refine(isDvcqgDate, 'a DVCQG date yyyyMMddHHmmss (Vietnam time)');

/** KenhThucHien: 1 at a counter, 2 online, 3 by post. */
export const DVCQG_CHANNEL = { counter: 1, online: 2, post: 3 } as const;

export const DvcqgAttachmentSchema = z.looseObject({
  TepDinhKemId: z.string().optional(),
  TenTepDinhKem: z.string().min(1),
  MaThanhPhanHoSo: z.string().optional(),
  DuongDanTaiTepTin: z.string().optional(),
  DuocSoHoa: z.number().int().optional(),
  DuocTaiSuDung: z.number().int().optional(),
  DuocLayTuKhoDMQG: z.number().int().optional(),
});

export const DvcqgDossierSchema = z.looseObject({
  MaHoSo: z.string().min(1),
  MaTTHC: z.string().min(1),
  TenTTHC: z.string().optional(),
  MaLinhVuc: z.string().optional(),
  TenLinhVuc: z.string().optional(),
  KenhThucHien: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  ChuHoSo: z.string().min(1),
  SoGiayToChuHoSo: z.string().optional(),
  /** 1 a citizen, 2 an organisation. */
  LoaiDoiTuong: z.union([z.literal(1), z.literal(2)]).optional(),
  SoDienThoai: z.string().optional(),
  Email: z.string().optional(),
  TrichYeuHoSo: z.string().optional(),
  NgayNopHoSo: DvcqgDateSchema.optional(),
  NgayTiepNhan: DvcqgDateSchema,
  NgayHenTra: DvcqgDateSchema,
  TrangThaiHoSo: DvcqgStatusSchema,
  NgayTra: DvcqgDateSchema.optional(),
  NgayKetThucXuLy: DvcqgDateSchema.optional(),
  DonViXuLy: z.string().optional(),
  GhiChu: z.string().optional(),
  TaiLieuNop: z.array(DvcqgAttachmentSchema).optional(),
  DanhSachGiayToKetQua: z.array(z.looseObject({ TenGiayTo: z.string(), DuongDanTepTinKetQua: z.string().optional(), MaGiayToKetQua: z.string().optional() })).optional(),
});
export type DvcqgDossier = z.infer<typeof DvcqgDossierSchema>;

/** One processing step (TienDo) pushed with CapNhatTienDoHoSoMC. */
export const DvcqgProgressSchema = z.looseObject({
  MaHoSo: z.string().min(1),
  NguoiXuLy: z.string().min(1),
  ChucDanh: z.string().optional(),
  ThoiDiemXuLy: DvcqgDateSchema,
  PhongBanXuLy: z.string().min(1),
  NoiDungXuLy: z.string().min(1),
  TrangThai: DvcqgStatusSchema,
  NgayBatDau: DvcqgDateSchema.optional(),
  NgayKetThucTheoQuyDinh: DvcqgDateSchema.optional(),
});
export type DvcqgProgress = z.infer<typeof DvcqgProgressSchema>;

/** Success on the portal is error_code 0 or "00" (OpenCPS checks both). */
export function isDvcqgSuccess(code: unknown): boolean {
  return code === 0 || code === '00';
}
