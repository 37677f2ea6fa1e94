import type { Dossier, DossierHistoryEntry } from '../dossiers/dossier';
import { dossierActionVi } from '../dossiers/dossier-state';
import { formatDvcqgDate } from './dvcqg-date';
import { DVCQG_CHANNEL, type DvcqgDossier, type DvcqgProgress } from './dvcqg-records';
import { dvcqgStatusOf, type DvcqgStatusTable } from './dvcqg-status';

/** What the portal needs beyond the dossier itself: its national codes and the configured status table. */
export interface DvcqgDossierContext {
  /** The dossier's code in the national form (core/integrations/national-dossier-code.ts). */
  readonly maHoSo: string;
  /** The procedure's national code (mã TTHC), e.g. 1.005129. */
  readonly maTTHC: string;
  /** The department that decides it, as the portal shows it. */
  readonly departmentName: string;
  readonly statusTable: DvcqgStatusTable;
}

/** A dossier received at a counter, as DongBoHoSoMC's HoSo (KenhThucHien 1: at a counter). */
export function toDvcqgDossier(dossier: Dossier, context: DvcqgDossierContext): DvcqgDossier {
  return {
    MaHoSo: context.maHoSo,
    MaTTHC: context.maTTHC,
    TenTTHC: dossier.procedureName,
    KenhThucHien: DVCQG_CHANNEL.counter,
    ChuHoSo: dossier.applicant.fullName,
    SoGiayToChuHoSo: dossier.applicant.idNumber,
    LoaiDoiTuong: 1,
    NgayNopHoSo: formatDvcqgDate(new Date(dossier.receivedAt)),
    NgayTiepNhan: formatDvcqgDate(new Date(dossier.receivedAt)),
    NgayHenTra: formatDvcqgDate(new Date(dossier.dueAt)),
    TrangThaiHoSo: dvcqgStatusOf(context.statusTable, dossier.status),
    DonViXuLy: context.departmentName,
    TaiLieuNop: dossier.documents.map((doc) => ({ TenTepDinhKem: doc.name })),
  };
}

/** One line of the processing control sheet (Form 05) as a CapNhatTienDoHoSoMC step. */
export function toDvcqgProgress(entry: DossierHistoryEntry, context: Pick<DvcqgDossierContext, 'maHoSo' | 'departmentName' | 'statusTable'>): DvcqgProgress {
  const what = entry.action === 'receive' ? 'tiếp nhận hồ sơ' : dossierActionVi(entry.action);
  return {
    MaHoSo: context.maHoSo,
    NguoiXuLy: entry.actorName,
    ThoiDiemXuLy: formatDvcqgDate(new Date(entry.at)),
    PhongBanXuLy: context.departmentName,
    NoiDungXuLy: entry.note ? `${what}: ${entry.note}` : what,
    TrangThai: dvcqgStatusOf(context.statusTable, entry.toStatus),
    ...(entry.newDueAt ? { NgayKetThucTheoQuyDinh: formatDvcqgDate(new Date(entry.newDueAt)) } : {}),
  };
}
