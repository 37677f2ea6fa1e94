import { z } from 'zod';
import { DOSSIER_STATUSES, type DossierStatus } from '../dossiers/dossier-state';

/**
 * The national portal's dossier status codes (TrangThaiHoSo / TrangThai of DVCQG), 1–10.
 * motcua's own statuses are mapped to them by a table that comes from the config (OpenCPS keeps
 * the same mapping in a config table): a province whose portal reads a step differently changes
 * the config, not the code.
 */
export const DVCQG_STATUS_CODES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;
export type DvcqgStatus = (typeof DVCQG_STATUS_CODES)[number];

export const DVCQG_STATUS_NAMES_VI: Readonly<Record<DvcqgStatus, string>> = {
  1: 'Mới đăng ký',
  2: 'Được tiếp nhận',
  3: 'Không được tiếp nhận',
  4: 'Đang xử lý',
  5: 'Yêu cầu bổ sung giấy tờ',
  6: 'Yêu cầu thực hiện nghĩa vụ tài chính',
  7: 'Công dân yêu cầu rút hồ sơ',
  8: 'Dừng xử lý',
  9: 'Đã xử lý xong',
  10: 'Đã trả kết quả',
};

export const DvcqgStatusSchema = z.union(
  DVCQG_STATUS_CODES.map((code) => z.literal(code)),
  { error: 'a DVCQG status code, an integer 1–10' },
);

export function isDvcqgStatus(value: unknown): value is DvcqgStatus {
  return typeof value === 'number' && (DVCQG_STATUS_CODES as readonly number[]).includes(value);
}

/** One DVCQG code for every motcua status: a missing status is a config error, not a silent gap. */
export const DvcqgStatusTableSchema = z.strictObject(
  Object.fromEntries(DOSSIER_STATUSES.map((s) => [s, DvcqgStatusSchema])) as Record<DossierStatus, typeof DvcqgStatusSchema>,
);
export type DvcqgStatusTable = Readonly<Record<DossierStatus, DvcqgStatus>>;

/** The code the portal is told for a dossier in `status`, read from the configured table. */
export function dvcqgStatusOf(table: DvcqgStatusTable, status: DossierStatus): DvcqgStatus {
  return table[status];
}
