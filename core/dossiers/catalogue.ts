import { z } from 'zod';
import { AGENCY_ELECTRONIC_CODE } from '../integrations/national-dossier-code';
import { IdSchema } from '../queue/types';

/** The national code of an administrative procedure (mã TTHC, Cơ sở dữ liệu quốc gia về TTHC), e.g. "1.005129". */
export const NATIONAL_PROCEDURE_CODE = /^\d\.\d{6}(\.[0-9A-Z.]+)?$/;

/** An agency's electronic identifier (Decision 20/2020/QĐ-TTg, V1V2V3.Z1Z2.Y1Y2.MX1X2), e.g. "000.00.31.H26". */
export const AgencyCodeSchema = z.string().regex(AGENCY_ELECTRONIC_CODE, 'an agency electronic code (Decision 20/2020/QĐ-TTg) like "000.00.31.H26"');
export const NationalProcedureCodeSchema = z.string().regex(NATIONAL_PROCEDURE_CODE, 'a national procedure code (mã TTHC) like "1.005129"');

/** A department of the district (phòng chuyên môn) that decides dossiers: its back office receives them. */
export const DepartmentSchema = z.strictObject({
  id: IdSchema,
  name: z.string().min(1).max(120),
  /** Its electronic identifier (Decision 20/2020/QĐ-TTg), shown with its name. */
  agencyCode: AgencyCodeSchema.optional(),
});
export type Department = z.infer<typeof DepartmentSchema>;

/** Processing time of a procedure, in the centre's working time (see core/calendar/due-date-calendar.ts). */
export const ProcessingTimeSchema = z.union([
  z.strictObject({ workingDays: z.number().int().min(0).max(365) }),
  z.strictObject({ workingHours: z.number().positive().max(2000) }),
]);
export type ProcessingTime = z.infer<typeof ProcessingTimeSchema>;

export const RequiredDocumentSchema = z.strictObject({
  name: z.string().min(1).max(300),
  copies: z.number().int().min(1).max(20),
  /** true: the original (bản chính) must be shown or handed in; false: a copy (bản sao) is enough. */
  original: z.boolean(),
});
export type RequiredDocument = z.infer<typeof RequiredDocumentSchema>;

/** An administrative procedure (thủ tục hành chính) the centre receives dossiers for. */
export const ProcedureSchema = z.strictObject({
  /** The centre's own short code; printed on receipts. */
  code: z.string().regex(/^[A-Z0-9][A-Z0-9.-]{1,31}$/, 'capital letters, digits, "." or "-" (2–32), e.g. "HT-KS"'),
  name: z.string().min(1).max(300),
  /** Its national code (mã TTHC), e.g. "1.005129": sent to the national portal as MaTTHC, shown at the counter and on Form 01. */
  nationalCode: NationalProcedureCodeSchema.optional(),
  /** The field (lĩnh vực): one of the centre's queue services. */
  serviceId: IdSchema,
  /** The competent department, whose back office processes the dossier. */
  departmentId: IdSchema,
  processing: ProcessingTimeSchema,
  /** Fee and charge in VND (0: free). */
  fee: z.number().int().min(0).max(1_000_000_000),
  documents: z.array(RequiredDocumentSchema).max(40),
});
export type Procedure = z.infer<typeof ProcedureSchema>;

/**
 * Lower case, no diacritics, đ → d, single spaces: "Đăng  ký khai sinh" → "dang ky khai sinh".
 * Clerks and citizens type without diacritics (or with another input method's composition).
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * The procedures whose name, code or mã TTHC contains every word of the query, diacritics ignored; best
 * first: a name that starts with the query, then the query as a phrase, then the rest, each in
 * catalogue order. An empty query finds nothing.
 */
export function searchProcedures<P extends Pick<Procedure, 'code' | 'name'> & { readonly nationalCode?: string | undefined }>(procedures: readonly P[], query: string): P[] {
  const q = foldVietnamese(query);
  if (q === '') return [];
  const words = q.split(' ');
  const scored: { p: P; rank: number; i: number }[] = [];
  procedures.forEach((p, i) => {
    const name = foldVietnamese(p.name);
    const hay = `${name} ${foldVietnamese(p.code)} ${foldVietnamese(p.nationalCode ?? '')}`;
    const haystackWords = hay.split(' ');
    const all = words.every((w) => haystackWords.some((h) => h.startsWith(w)));
    if (!all) return;
    const rank = name.startsWith(q) ? 0 : name.includes(q) ? 1 : 2;
    scored.push({ p, rank, i });
  });
  return scored.sort((a, b) => a.rank - b.rank || a.i - b.i).map((s) => s.p);
}
